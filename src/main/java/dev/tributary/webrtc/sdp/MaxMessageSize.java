package dev.tributary.webrtc.sdp;

/**
 * {@code a=max-message-size:<bytes>} (RFC 8841 §6): the largest SCTP user message the writer
 * can receive; 0 means no limit.
 *
 * @param bytes 0..Long.MAX_VALUE
 */
public record MaxMessageSize(long bytes) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "max-message-size";

    /** @throws IllegalArgumentException if the size is negative */
    public MaxMessageSize {
        Syntax.requireRange(bytes, 0, Long.MAX_VALUE, "max-message-size");
    }

    /**
     * Parses the value after {@code a=max-message-size:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not a number or overflows
     */
    public static MaxMessageSize parse(String value) {
        return new MaxMessageSize(
                Syntax.parseNumber(ValueReader.single(value, NAME), Long.MAX_VALUE, NAME));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return Long.toString(bytes);
    }

    @Override
    public String toString() {
        return format();
    }
}
