package dev.tributary.ingest.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a representation, from an HTTP {@code Range} header (RFC 9110 §14).
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=[ \\t]*(\\d{0,18})-(\\d{0,18})[ \\t]*",
            Pattern.CASE_INSENSITIVE);

    /** What a {@code Range} header asks of a representation of a given size. */
    sealed interface Request permits Whole, Part, Unsatisfiable {}

    /** The whole representation: no header, or one the server ignores (RFC 9110 §14.2). */
    record Whole() implements Request {}

    /** One part. */
    record Part(ByteRange range) implements Request {}

    /** No byte of the ranges asked for exists: 416. */
    record Unsatisfiable() implements Request {}

    long length() {
        return last - first + 1;
    }

    /**
     * Interprets {@code header} for a representation of {@code size} bytes. A malformed header, a
     * unit other than bytes, and a request for several ranges are ignored (the whole is served,
     * as RFC 9110 allows); a single range is clamped to the size.
     */
    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches()) {
            return new Whole();
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty()) {
            if (last.isEmpty()) {
                return new Whole();
            }
            long suffix = Long.parseLong(last);
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long from = Long.parseLong(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
        if (to < from) {
            return new Whole();
        }
        if (from >= size) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(from, Math.min(to, size - 1)));
    }
}
