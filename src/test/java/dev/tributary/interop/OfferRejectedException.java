package dev.tributary.interop;

/** An offer the {@link OfferHandler} refuses: answered with a 4xx status and this message. */
public final class OfferRejectedException extends Exception {

    private final int status;

    /**
     * @param status the HTTP status, 400 to 499
     * @param message the reason, sent to the peer as {@code text/plain}
     */
    public OfferRejectedException(int status, String message) {
        super(message);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("not a 4xx status: " + status);
        }
        this.status = status;
    }

    /** A {@code 400 Bad Request} with this message. */
    public OfferRejectedException(String message) {
        this(400, message);
    }

    /** @return the HTTP status the peer receives */
    public int status() {
        return status;
    }
}
