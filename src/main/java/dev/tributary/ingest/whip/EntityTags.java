package dev.tributary.ingest.whip;

import java.util.ArrayList;
import java.util.List;

/** Entity tags and {@code If-Match} (RFC 9110 §8.8.3, §13.1.1). */
final class EntityTags {

    /** What an {@code If-Match} header says about the current entity tag. */
    enum Precondition {
        /** No {@code If-Match} header. */
        ABSENT,
        /** {@code If-Match: *}. */
        ANY,
        /** One of its entity tags is the current one (strong comparison). */
        MATCHES,
        /** None of its entity tags is the current one. */
        FAILS
    }

    private EntityTags() {}

    /**
     * The strong entity tag for an opaque value: the value itself if it is already a quoted
     * entity tag, else the value in quotes.
     *
     * @throws IllegalArgumentException if the value cannot be an entity tag (weak, or characters
     *     outside {@code etagc})
     */
    static String strong(String value) {
        String opaque = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
        for (int i = 0; i < opaque.length(); i++) {
            if (!isEtagChar(opaque.charAt(i))) {
                throw new IllegalArgumentException("not a valid entity tag: " + value);
            }
        }
        return '"' + opaque + '"';
    }

    /**
     * Evaluates {@code If-Match} field values against the current strong entity tag of an
     * existing resource.
     *
     * @param fieldValues the values of every {@code If-Match} field line of the request
     * @param current the current entity tag, quoted
     * @throws IllegalArgumentException if a field value is neither {@code *} nor a list of entity tags
     */
    static Precondition ifMatch(List<String> fieldValues, String current) {
        if (fieldValues.isEmpty()) {
            return Precondition.ABSENT;
        }
        List<String> tags = new ArrayList<>();
        for (String value : fieldValues) {
            if (value.strip().equals("*")) {
                return Precondition.ANY;
            }
            parseList(value, tags);
        }
        // Strong comparison: a weak tag never matches.
        return tags.contains(current) ? Precondition.MATCHES : Precondition.FAILS;
    }

    /** Parses {@code #entity-tag}; weak tags are added with their {@code W/} prefix. */
    private static void parseList(String value, List<String> into) {
        int i = 0;
        int n = value.length();
        boolean any = false;
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (value.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                throw new IllegalArgumentException("not an entity tag at offset " + i + ": " + value);
            }
            int close = i + 1;
            while (close < n && value.charAt(close) != '"') {
                if (!isEtagChar(value.charAt(close))) {
                    throw new IllegalArgumentException("not an entity tag at offset " + close + ": " + value);
                }
                close++;
            }
            if (close >= n) {
                throw new IllegalArgumentException("unterminated entity tag: " + value);
            }
            into.add(value.substring(start, close + 1));
            any = true;
            i = close + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                throw new IllegalArgumentException("entity tags must be separated by commas: " + value);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("empty If-Match");
        }
    }

    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80;
    }
}
