package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the space-separated fields of one SDP value. Runs of spaces count as one separator and
 * leading or trailing spaces are ignored: stacks differ there and the meaning does not.
 */
final class ValueReader {

    private final String text;
    private int position;

    ValueReader(String text) {
        this.text = text;
    }

    /**
     * The only field of a value that is one word, such as {@code a=mid:0}.
     *
     * @throws ParseException if there is no field or more than one
     */
    static String single(String value, String what) {
        ValueReader reader = new ValueReader(value);
        String field = reader.next(what);
        reader.end();
        return field;
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    /** Whether another field follows. */
    boolean hasMore() {
        skipSpaces();
        return position < text.length();
    }

    /**
     * The next field.
     *
     * @throws ParseException if there is none
     */
    String next(String what) {
        if (!hasMore()) {
            throw new ParseException("missing " + what);
        }
        int start = position;
        while (position < text.length() && text.charAt(position) != ' ') {
            position++;
        }
        return text.substring(start, position);
    }

    /** The next field as an unsigned number up to {@code max}; throws ParseException otherwise. */
    long nextNumber(String what, long max) {
        return Syntax.parseNumber(next(what), max, what);
    }

    int nextInt(String what, int max) {
        return (int) nextNumber(what, max);
    }

    /** All remaining fields (possibly none). */
    List<String> remaining(String what) {
        List<String> fields = new ArrayList<>();
        while (hasMore()) {
            fields.add(next(what));
        }
        return fields;
    }

    /**
     * Everything after the fields read so far, without leading and trailing spaces (may be
     * empty): free text such as {@code pli} in {@code a=rtcp-fb:96 nack pli}.
     */
    String rest() {
        String rest = Syntax.trimSpaces(text.substring(position));
        position = text.length();
        return rest;
    }

    /**
     * Checks that nothing but spaces is left.
     *
     * @throws ParseException if another field follows
     */
    void end() {
        if (hasMore()) {
            throw new ParseException("unexpected \"" + rest() + "\"");
        }
    }
}
