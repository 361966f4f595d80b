package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.ParseException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as carried by the SDP {@code a=fingerprint} attribute (RFC 8122 §5):
 * a hash function name and the hash of the DER-encoded certificate, written as
 * {@code sha-256 AB:CD:…} (upper-case hex bytes separated by colons).
 *
 * <p>Supported hash functions: {@code sha-1}, {@code sha-224}, {@code sha-256}, {@code sha-384}
 * and {@code sha-512}. MD2 and MD5, also in the registry, are refused (RFC 8122 §5 forbids them).
 * Instances are immutable; {@link #equals} and {@link #matches} compare in constant time.
 */
public final class DtlsFingerprint {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The hash functions RFC 8122 §5 allows, with their JCA names and output sizes. */
    private enum HashFunction {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_224("sha-224", "SHA-224", 28),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        final String sdpName;
        final String jcaName;
        final int length;

        HashFunction(String sdpName, String jcaName, int length) {
            this.sdpName = sdpName;
            this.jcaName = jcaName;
            this.length = length;
        }

        /** Hash function names are case-insensitive tokens (RFC 8122 §5, RFC 4566 grammar). */
        static HashFunction byName(String name) {
            for (HashFunction function : values()) {
                if (function.sdpName.equalsIgnoreCase(name)) {
                    return function;
                }
            }
            return null;
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(jcaName).digest(data);
            } catch (NoSuchAlgorithmException e) {
                // Every JDK must provide SHA-1 and the SHA-2 family (MessageDigest Javadoc).
                throw new AssertionError(jcaName + " is missing from the JDK", e);
            }
        }
    }

    private final HashFunction function;
    private final byte[] value;

    private DtlsFingerprint(HashFunction function, byte[] value) {
        this.function = function;
        this.value = value;
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g.
     * {@code "sha-256 AB:CD:…"}, following the grammar of RFC 8122 §5. The hash function name is
     * case-insensitive, and lower-case hex digits are accepted as well (some stacks send them);
     * surrounding whitespace is ignored.
     *
     * @param text the attribute value, without {@code a=fingerprint:}
     * @return the fingerprint
     * @throws ParseException if the text is not a fingerprint of a supported hash function or its
     *     length does not match the hash function's output size; the offset is a character index
     * @throws NullPointerException if {@code text} is null
     */
    public static DtlsFingerprint parse(String text) {
        Objects.requireNonNull(text, "text");
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        int nameEnd = start;
        while (nameEnd < end && !isSpace(text.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == end) {
            throw new ParseException("fingerprint needs a hash function and a value", start);
        }
        HashFunction function = HashFunction.byName(text.substring(start, nameEnd));
        if (function == null) {
            throw new ParseException(
                    "unsupported fingerprint hash function '" + text.substring(start, nameEnd) + "'", start);
        }
        int valueStart = nameEnd;
        while (isSpace(text.charAt(valueStart))) {
            valueStart++;
        }
        int expectedChars = function.length * 3 - 1;
        if (end - valueStart != expectedChars) {
            throw new ParseException(function.sdpName + " fingerprint must have " + function.length
                    + " bytes written as " + expectedChars + " characters", valueStart);
        }
        byte[] value = new byte[function.length];
        for (int i = 0; i < function.length; i++) {
            int at = valueStart + 3 * i;
            if (i > 0 && text.charAt(at - 1) != ':') {
                throw new ParseException("fingerprint bytes must be separated by ':'", at - 1);
            }
            char high = text.charAt(at);
            char low = text.charAt(at + 1);
            if (!isAsciiHex(high) || !isAsciiHex(low)) {
                throw new ParseException("fingerprint byte is not two hex digits", at);
            }
            value[i] = (byte) (Character.digit(high, 16) << 4 | Character.digit(low, 16));
        }
        return new DtlsFingerprint(function, value);
    }

    /**
     * Makes a fingerprint from its parts, for example from an already parsed SDP attribute. A
     * fingerprint with a hash function this class does not support is to be ignored, not failed
     * on (RFC 8122 §5), so check {@link #isSupported} first.
     *
     * @param hashFunction a supported hash function name, case-insensitive, e.g. {@code "sha-256"}
     * @param value the hash bytes, as many as the hash function produces
     * @return the fingerprint
     * @throws IllegalArgumentException if the hash function is not supported or the value has the
     *     wrong length
     * @throws NullPointerException if an argument is null
     */
    public static DtlsFingerprint of(String hashFunction, byte[] value) {
        HashFunction function = supported(hashFunction);
        if (value.length != function.length) {
            throw new IllegalArgumentException(function.sdpName + " fingerprint must have " + function.length
                    + " bytes, not " + value.length);
        }
        return new DtlsFingerprint(function, value.clone());
    }

    /**
     * Whether fingerprints with this hash function can be parsed, made and checked here.
     *
     * @param hashFunction a hash function name from the IANA registry, case-insensitive
     * @throws NullPointerException if {@code hashFunction} is null
     */
    public static boolean isSupported(String hashFunction) {
        return HashFunction.byName(Objects.requireNonNull(hashFunction, "hashFunction")) != null;
    }

    /**
     * Computes the fingerprint of a certificate: the hash of its DER encoding (RFC 8122 §5).
     *
     * @param hashFunction a supported hash function name, case-insensitive, e.g. {@code "sha-256"}
     * @param certificate the certificate
     * @return the fingerprint
     * @throws IllegalArgumentException if the hash function is not supported or the certificate
     *     cannot be encoded
     * @throws NullPointerException if an argument is null
     */
    public static DtlsFingerprint of(String hashFunction, X509Certificate certificate) {
        HashFunction function = supported(hashFunction);
        return new DtlsFingerprint(function, function.digest(encoded(certificate)));
    }

    /**
     * The hash function name in the canonical lower-case form of the IANA registry, e.g.
     * {@code "sha-256"}.
     */
    public String hashFunction() {
        return function.sdpName;
    }

    /** A copy of the hash bytes. */
    public byte[] value() {
        return value.clone();
    }

    /**
     * Whether this fingerprint is the hash of the certificate, compared in constant time.
     *
     * @param certificate the certificate the peer presented
     * @return true if the certificate's hash under this fingerprint's hash function equals it
     * @throws IllegalArgumentException if the certificate cannot be encoded
     * @throws NullPointerException if {@code certificate} is null
     */
    public boolean matches(X509Certificate certificate) {
        return matches(encoded(certificate));
    }

    /** Like {@link #matches(X509Certificate)}, for a DER-encoded certificate. */
    boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(value, function.digest(derCertificate));
    }

    /** The SDP form, {@code "sha-256 AB:CD:…"}, which {@link #parse} reads back. */
    public String toSdp() {
        StringBuilder text = new StringBuilder(function.sdpName.length() + 1 + value.length * 3);
        text.append(function.sdpName).append(' ');
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            HEX.toHexDigits(text, value[i]);
        }
        return text.toString();
    }

    /** Equal when the hash function and the hash bytes are; the bytes compare in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that
                && function == that.function
                && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * function.hashCode() + Arrays.hashCode(value);
    }

    /** The SDP form, as {@link #toSdp()}. */
    @Override
    public String toString() {
        return toSdp();
    }

    private static HashFunction supported(String hashFunction) {
        HashFunction function = HashFunction.byName(Objects.requireNonNull(hashFunction, "hashFunction"));
        if (function == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash function " + hashFunction);
        }
        return function;
    }

    private static byte[] encoded(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Character.digit alone would also accept non-ASCII digits (e.g. full-width ones). */
    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
