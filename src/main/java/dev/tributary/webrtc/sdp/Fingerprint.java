package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash function> <XX:XX:...>} (RFC 8122 §5, used by DTLS-SRTP per RFC 8842
 * §5): the hash of the certificate the writer will present in the DTLS handshake.
 *
 * <p>Hex digits are accepted in either case and written in upper case (the grammar's
 * {@code UHEX}). For the hash functions RFC 8122 names, the number of bytes must match the
 * function's output.
 */
public final class Fingerprint implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "fingerprint";

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String hashFunction;
    private final byte[] bytes;

    /**
     * @param hashFunction the hash function as written, e.g. {@code sha-256}
     * @param bytes the fingerprint
     * @throws IllegalArgumentException if the hash function is not a token, or the byte count is
     *     zero or does not match a known hash function
     */
    public Fingerprint(String hashFunction, byte[] bytes) {
        Syntax.requireToken(hashFunction, "hash function");
        int expected = expectedLength(hashFunction.toLowerCase(Locale.ROOT));
        if (bytes.length == 0 || (expected > 0 && bytes.length != expected)) {
            throw new IllegalArgumentException(hashFunction + " fingerprint must have "
                    + (expected > 0 ? expected : "at least one") + " bytes, not " + bytes.length);
        }
        this.hashFunction = hashFunction;
        this.bytes = bytes.clone();
    }

    private static int expectedLength(String hashFunction) {
        return switch (hashFunction) {
            case "md2", "md5" -> 16;
            case "sha-1" -> 20;
            case "sha-224" -> 28;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> 0;
        };
    }

    /**
     * Parses the value after {@code a=fingerprint:}.
     *
     * @throws ParseException if it is malformed, the hex is bad or the length is wrong
     */
    public static Fingerprint parse(String value) {
        ValueReader reader = new ValueReader(value);
        String hashFunction = reader.next("hash function");
        String hex = reader.next("fingerprint");
        reader.end();
        if (hex.length() % 3 != 2) {
            throw new ParseException("fingerprint is not hex bytes separated by ':': " + hex);
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean valid = i % 3 == 2 ? c == ':' : c < 0x80 && Character.digit(c, 16) >= 0;
            if (!valid) {
                throw new ParseException("fingerprint is not hex bytes separated by ':': " + hex);
            }
        }
        byte[] bytes = HEX.parseHex(hex);
        return Syntax.build(() -> new Fingerprint(hashFunction, bytes));
    }

    /** The hash function as written, e.g. {@code sha-256} or {@code SHA-256}. */
    public String hashFunction() {
        return hashFunction;
    }

    /** The hash function in lower case, for comparing with a computed fingerprint. */
    public String algorithm() {
        return hashFunction.toLowerCase(Locale.ROOT);
    }

    /** A copy of the fingerprint bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Whether a computed fingerprint matches this one, in constant time.
     *
     * @param algorithm the hash function, compared ignoring case
     * @param digest the hash of the peer's certificate
     */
    public boolean matches(String algorithm, byte[] digest) {
        return hashFunction.equalsIgnoreCase(algorithm)
                && java.security.MessageDigest.isEqual(bytes, digest);
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return hashFunction + " " + HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other
                && hashFunction.equals(other.hashFunction)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return format();
    }
}
