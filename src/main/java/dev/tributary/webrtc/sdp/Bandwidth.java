package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;

/**
 * {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8), e.g. {@code AS:2000} (kilobits per second) or
 * {@code TIAS:2000000} (bits per second, RFC 3890).
 *
 * @param type e.g. {@code AS}, {@code CT}, {@code TIAS}
 * @param value the bandwidth in the type's unit
 */
public record Bandwidth(String type, long value) {

    /** @throws IllegalArgumentException if the type is not a token or the value negative */
    public Bandwidth {
        Syntax.requireToken(type, "bandwidth type");
        Syntax.requireRange(value, 0, Long.MAX_VALUE, "bandwidth");
    }

    /**
     * Parses the value of a {@code b=} line.
     *
     * @throws ParseException if it is not {@code <token>:<number>}
     */
    public static Bandwidth parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ParseException("expected <type>:<bandwidth>, not \"" + text + "\"");
        }
        long value = Syntax.parseNumber(text.substring(colon + 1), Long.MAX_VALUE, "bandwidth");
        return Syntax.build(() -> new Bandwidth(text.substring(0, colon), value));
    }

    /** The value as written after {@code b=}. */
    public String format() {
        return type + ":" + value;
    }

    @Override
    public String toString() {
        return format();
    }
}
