package dev.tributary.webrtc.sdp;

/**
 * {@code a=ice-pacing:<ms>} (RFC 8839 §5.5), session level: the connectivity-check pacing (Ta)
 * the writer proposes. Absent, the proposal is the default 50 ms of RFC 8445 §14.2, and both
 * agents pace at the larger of the two proposals. A lite agent writes none (RFC 8839 §4.3.1): it
 * sends no checks.
 *
 * @param millis the proposed Ta in milliseconds, 0..9999999999 ({@code 1*10DIGIT})
 */
public record IcePacing(long millis) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ice-pacing";

    private static final long MAX = 9_999_999_999L;

    /** @throws IllegalArgumentException if the value does not fit ten digits */
    public IcePacing {
        Syntax.requireRange(millis, 0, MAX, NAME);
    }

    /**
     * Parses the value after {@code a=ice-pacing:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not a number of at most ten digits
     */
    public static IcePacing parse(String value) {
        return new IcePacing(Syntax.parseNumber(ValueReader.single(value, NAME), MAX, NAME));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return Long.toString(millis);
    }

    @Override
    public String toString() {
        return format();
    }
}
