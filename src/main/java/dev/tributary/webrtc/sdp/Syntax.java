package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Character classes and checks of the SDP grammar (RFC 8866 §9), shared by every line and
 * attribute. Hand-written loops instead of regular expressions: no backtracking, linear time.
 */
final class Syntax {

    private Syntax() {}

    /** {@code token-char} of RFC 8866 §9. */
    static boolean isTokenChar(char c) {
        return c == 0x21
                || (c >= 0x23 && c <= 0x27)
                || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39)
                || (c >= 0x41 && c <= 0x5A)
                || (c >= 0x5E && c <= 0x7E);
    }

    /** {@code token} of RFC 8866 §9: one or more token characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code non-ws-string} of RFC 8866 §9: one or more visible characters; non-ASCII characters
     * count as visible (the grammar allows bytes 0x80-0xFF).
     */
    static boolean isNonWhitespace(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** {@code byte-string} content of RFC 8866 §9 (possibly empty): anything but NUL, CR, LF. */
    static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** {@code ice-char} of RFC 8839 §5.1: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlphaNumeric(c) || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    static String requireIceChars(String value, int minLength, String what) {
        return require(value,
                value.length() >= minLength && value.length() <= 256 && isIceChars(value),
                what + " must be " + minLength + " to 256 letters, digits, '+' or '/': \""
                        + value + "\"");
    }

    static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Removes leading and trailing spaces (only U+0020: other characters are content). */
    static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    /** Empty for an empty string: how a reader's "rest of the value" maps to an optional part. */
    static Optional<String> optional(String rest) {
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    /** The RTP payload type (0..127) a format token names, if it is one. */
    static OptionalInt payloadType(String format) {
        if (format.isEmpty() || format.length() > 3) {
            return OptionalInt.empty();
        }
        int value = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (!isDigit(c)) {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value <= 127 ? OptionalInt.of(value) : OptionalInt.empty();
    }

    static String requireToken(String s, String what) {
        return require(s, isToken(s), what + " must be a token: \"" + s + "\"");
    }

    static String requireNonWhitespace(String s, String what) {
        return require(s, isNonWhitespace(s), what + " must be non-empty without spaces: \"" + s + "\"");
    }

    static String requireText(String s, String what) {
        return require(s, isText(s), what + " must not contain NUL, CR or LF");
    }

    /**
     * Checks a free-text value that a parser reads as "the rest of the value": it must be
     * non-empty text that does not start or end with a space, or the reader would not give it
     * back unchanged.
     */
    static String requireRest(String s, String what) {
        return require(s, !s.isEmpty() && s.equals(trimSpaces(s)) && isText(s),
                what + " must be non-empty text not starting or ending with a space");
    }

    static long requireRange(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
        }
        return value;
    }

    static int requireRange(int value, int min, int max, String what) {
        return (int) requireRange((long) value, min, max, what);
    }

    static <T> List<T> requireNonEmpty(List<T> list, String what) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return list;
    }

    private static String require(String s, boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    /**
     * Parses an unsigned decimal number ({@code 1*DIGIT}) without sign, spaces or overflow.
     *
     * @throws ParseException if {@code s} is not all digits or exceeds {@code max}
     */
    static long parseNumber(String s, long max, String what) {
        if (s.isEmpty()) {
            throw new ParseException("missing " + what);
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw new ParseException(what + " is not a number: \"" + s + "\"");
            }
            int digit = c - '0';
            if (value > (max - digit) / 10) {
                throw new ParseException(what + " out of range 0.." + max + ": \"" + s + "\"");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static int parseInt(String s, int max, String what) {
        return (int) parseNumber(s, max, what);
    }

    /**
     * Runs a constructor on values read from text and turns its argument check into a
     * {@link ParseException}: the records validate themselves once, in their constructors, and
     * parsers reuse that.
     */
    static <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage());
        }
    }

    /**
     * Runs a text check inside a constructor, where bad arguments are the caller's mistake:
     * turns its {@link ParseException} into an {@link IllegalArgumentException}.
     */
    static <T> T argument(Supplier<T> check) {
        try {
            return check.get();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A host as ICE and SDP write it (RFC 8839 §5.1 {@code connection-address}): an IPv4 address,
     * an IPv6 address, or a fully qualified domain name such as an mDNS {@code <uuid>.local}
     * name. Checked by its characters only: never resolved.
     */
    static boolean isHost(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return isIpv6(s);
        }
        if (isDottedDigits(s)) {
            return isIpv4(s);
        }
        return isDomainName(s);
    }

    private static boolean isDottedDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            if (!isOctet(s, start, end)) {
                return false;
            }
            parts++;
            if (dot < 0) {
                return parts == 4;
            }
            if (parts == 4) {
                return false;
            }
            start = dot + 1;
        }
    }

    private static boolean isOctet(String s, int start, int end) {
        if (end <= start || end - start > 3) {
            return false;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }

    /** RFC 4291 §2.2 text forms: eight groups, "::" once, optionally ending in IPv4 form. */
    static boolean isIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon >= 0) {
            String head = s.substring(0, doubleColon);
            String tail = s.substring(doubleColon + 2);
            int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
            int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
            return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
        }
        return countGroups(s, true) == 8;
    }

    /** Groups in a colon-separated run, an IPv4 tail counting as two; -1 if malformed. */
    private static int countGroups(String s, boolean ipv4TailAllowed) {
        int groups = 0;
        int start = 0;
        while (true) {
            int colon = s.indexOf(':', start);
            int end = colon < 0 ? s.length() : colon;
            if (colon < 0 && ipv4TailAllowed && s.indexOf('.', start) >= 0) {
                return isIpv4(s.substring(start)) ? groups + 2 : -1;
            }
            if (!isHexGroup(s, start, end)) {
                return -1;
            }
            groups++;
            if (colon < 0 || groups > 8) {
                return groups > 8 ? -1 : groups;
            }
            start = colon + 1;
        }
    }

    private static boolean isHexGroup(String s, int start, int end) {
        if (end <= start || end - start > 4) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * Dot-separated labels of letters, digits, '-' and '_', each at most 63 long and not starting
     * or ending with '-' (RFC 1123 §2.1, with '_' allowed as DNS-SD names use it); an optional
     * final dot.
     */
    private static boolean isDomainName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || name.charAt(labelStart) == '-'
                        || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = name.charAt(i);
                if (!(isAlphaNumeric(c) || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }
}
