package dev.tributary.webrtc;

/**
 * Input from the network or from a peer (a packet, an SDP text) does not follow its wire format.
 *
 * <p>Every parser in the stack throws this, and only this, for malformed input. The message says
 * what was wrong and where, so that it can be shown to a user (for example in an HTTP problem
 * detail) or counted as a drop reason.
 */
public class ParseException extends WebRtcException {

    private final int offset;

    /**
     * @param message what was wrong
     * @param offset the byte offset (binary formats) or line number (text formats) where the
     *     problem was found, or -1 if it applies to the input as a whole
     */
    public ParseException(String message, int offset) {
        super(offset >= 0 ? message + " (at " + offset + ")" : message);
        this.offset = offset;
    }

    public ParseException(String message) {
        this(message, -1);
    }

    /** The byte offset or line number of the problem, or -1 if it concerns the whole input. */
    public int offset() {
        return offset;
    }
}
