package dev.tributary.webrtc.stun;

/**
 * The class of a STUN message, encoded in bits C1 and C0 of the message type (RFC 8489 §5).
 */
public enum StunClass {
    /** {@code 0b00}: a request, answered by a success or error response. */
    REQUEST(0b00),
    /** {@code 0b01}: an indication, never answered. */
    INDICATION(0b01),
    /** {@code 0b10}: a success response. */
    SUCCESS_RESPONSE(0b10),
    /** {@code 0b11}: an error response, carrying ERROR-CODE. */
    ERROR_RESPONSE(0b11);

    private static final StunClass[] BY_BITS = {REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE};

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** @return the two class bits, C1 C0 */
    public int bits() {
        return bits;
    }

    /** @return whether this is a success or error response */
    public boolean isResponse() {
        return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
    }

    /**
     * @param bits C1 C0, 0..3
     * @return the class with these bits
     * @throws IllegalArgumentException if {@code bits} is not 0..3
     */
    public static StunClass ofBits(int bits) {
        if (bits < 0 || bits > 3) {
            throw new IllegalArgumentException("class bits must be 0..3: " + bits);
        }
        return BY_BITS[bits];
    }
}
