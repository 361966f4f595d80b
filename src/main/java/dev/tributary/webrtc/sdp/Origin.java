package dev.tributary.webrtc.sdp;

import java.math.BigInteger;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 §5.2).
 *
 * <p>Session id and version are kept as the decimal digits written: RFC 8866 does not bound
 * them, and JSEP (RFC 8829 §5.2.1) only asks for a 64-bit id with the top bit clear.
 *
 * @param username {@code -} when there is none
 * @param sessionId decimal digits
 * @param sessionVersion decimal digits; JSEP increments it when a description changes
 * @param networkType e.g. {@code IN}
 * @param addressType e.g. {@code IP4}
 * @param address e.g. {@code 127.0.0.1}
 */
public record Origin(String username, String sessionId, String sessionVersion,
        String networkType, String addressType, String address) {

    /** @throws IllegalArgumentException if a field is empty, contains spaces or is not digits */
    public Origin {
        Syntax.requireNonWhitespace(username, "username");
        checkDigits(sessionId, "session id");
        checkDigits(sessionVersion, "session version");
        Syntax.requireToken(networkType, "network type");
        Syntax.requireToken(addressType, "address type");
        Syntax.requireNonWhitespace(address, "origin address");
    }

    private static void checkDigits(String value, String what) {
        if (value.isEmpty() || !value.chars().allMatch(c -> Syntax.isDigit((char) c))) {
            throw new IllegalArgumentException(what + " must be decimal digits: \"" + value + "\"");
        }
    }

    /**
     * The origin JSEP writes (RFC 8829 §5.2.1): {@code - <id> <version> IN IP4 0.0.0.0}.
     *
     * @throws IllegalArgumentException if id or version is negative
     */
    public static Origin of(long sessionId, long sessionVersion) {
        Syntax.requireRange(sessionId, 0, Long.MAX_VALUE, "session id");
        Syntax.requireRange(sessionVersion, 0, Long.MAX_VALUE, "session version");
        return new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion),
                "IN", "IP4", "0.0.0.0");
    }

    /**
     * Parses the value of an {@code o=} line.
     *
     * @throws dev.tributary.webrtc.ParseException if a field is missing, extra or malformed
     */
    public static Origin parse(String value) {
        ValueReader reader = new ValueReader(value);
        String username = reader.next("username");
        String sessionId = reader.next("session id");
        String sessionVersion = reader.next("session version");
        String networkType = reader.next("network type");
        String addressType = reader.next("address type");
        String address = reader.next("address");
        reader.end();
        return Syntax.build(() -> new Origin(
                username, sessionId, sessionVersion, networkType, addressType, address));
    }

    /** This origin with the session version incremented by one (RFC 8829 §5.3.1). */
    public Origin withNextVersion() {
        String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, networkType, addressType, address);
    }

    /** The value as written after {@code o=}. */
    public String format() {
        return String.join(" ", username, sessionId, sessionVersion, networkType, addressType, address);
    }

    @Override
    public String toString() {
        return format();
    }
}
