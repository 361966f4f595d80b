package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A time description (RFC 8866 §5.9-5.11): {@code t=<start> <stop>}, its {@code r=} repeat lines
 * and an optional {@code z=} time zone line. WebRTC writes only {@code t=0 0}; repeat and zone
 * lines are checked for their shape and kept as written.
 *
 * <p>A {@code z=} line is accepted right after the {@code t=} or {@code r=} lines it follows,
 * which covers both RFC 8866 (zone inside the time description) and RFC 4566 (zone after the
 * last time description).
 *
 * @param start NTP seconds, 0 for unbounded
 * @param stop NTP seconds, 0 for unbounded
 * @param repeats the values of the {@code r=} lines, as written
 * @param zoneAdjustments the value of the {@code z=} line, as written, if any
 */
public record Timing(long start, long stop, List<String> repeats, Optional<String> zoneAdjustments) {

    /** {@code t=0 0}: a permanent session, what JSEP writes (RFC 8829 §5.2.1). */
    public static final Timing PERMANENT = new Timing(0, 0, List.of(), Optional.empty());

    /**
     * @throws IllegalArgumentException if a time is negative or a repeat or zone value does not
     *     have the shape of RFC 8866 §5.10/§5.11
     */
    public Timing {
        Syntax.requireRange(start, 0, Long.MAX_VALUE, "start time");
        Syntax.requireRange(stop, 0, Long.MAX_VALUE, "stop time");
        repeats = List.copyOf(repeats);
        repeats.forEach(r -> Syntax.argument(() -> checkRepeat(r)));
        Objects.requireNonNull(zoneAdjustments, "zoneAdjustments");
        zoneAdjustments.ifPresent(z -> Syntax.argument(() -> checkZone(z)));
    }

    /**
     * Parses the value of a {@code t=} line.
     *
     * @throws ParseException if it is not two numbers
     */
    public static Timing parse(String value) {
        ValueReader reader = new ValueReader(value);
        long start = reader.nextNumber("start time", Long.MAX_VALUE);
        long stop = reader.nextNumber("stop time", Long.MAX_VALUE);
        reader.end();
        return new Timing(start, stop, List.of(), Optional.empty());
    }

    /**
     * {@code r=<interval> <duration> <offset>...}, each a typed time.
     *
     * @throws ParseException if it is not that shape
     */
    static String checkRepeat(String value) {
        List<String> fields = new ValueReader(value).remaining("repeat time");
        if (fields.size() < 3) {
            throw new ParseException("r= needs interval, duration and at least one offset");
        }
        fields.forEach(field -> checkTypedTime(field, false));
        return value;
    }

    /**
     * {@code z=<time> [-]<offset> ...}, pairs of a time and a typed time.
     *
     * @throws ParseException if it is not that shape
     */
    static String checkZone(String value) {
        List<String> fields = new ValueReader(value).remaining("zone adjustment");
        if (fields.isEmpty() || fields.size() % 2 != 0) {
            throw new ParseException("z= needs pairs of time and offset");
        }
        for (int i = 0; i < fields.size(); i += 2) {
            Syntax.parseNumber(fields.get(i), Long.MAX_VALUE, "adjustment time");
            checkTypedTime(fields.get(i + 1), true);
        }
        return value;
    }

    /** {@code typed-time = 1*DIGIT [fixed-len-time-unit]} (RFC 8866 §9), units d h m s. */
    private static void checkTypedTime(String field, boolean signed) {
        String digits = signed && field.startsWith("-") ? field.substring(1) : field;
        char last = digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1);
        if (last == 'd' || last == 'h' || last == 'm' || last == 's') {
            digits = digits.substring(0, digits.length() - 1);
        }
        Syntax.parseNumber(digits, Long.MAX_VALUE, "typed time");
    }

    /** Writes the {@code t=}, {@code r=} and {@code z=} lines. */
    void format(StringBuilder out) {
        out.append("t=").append(start).append(' ').append(stop).append("\r\n");
        repeats.forEach(r -> out.append("r=").append(r).append("\r\n"));
        zoneAdjustments.ifPresent(z -> out.append("z=").append(z).append("\r\n"));
    }
}
