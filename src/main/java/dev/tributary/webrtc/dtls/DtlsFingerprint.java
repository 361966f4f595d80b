package dev.tributary.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A certificate fingerprint as DTLS checks it (RFC 8122 §5): a hash function name and the hash of
 * the DER-encoded certificate. The SDP text form ({@code a=fingerprint:sha-256 AB:CD:…}) is the
 * SDP layer's ({@code dev.tributary.webrtc.sdp.Fingerprint}); the peer connection converts with
 * {@link #of(String, byte[])}, {@link #hashFunction()} and {@link #bytes()}.
 *
 * <p>Supported hash functions: {@code sha-1}, {@code sha-224}, {@code sha-256}, {@code sha-384}
 * and {@code sha-512}. MD2 and MD5, also in the registry, are refused (RFC 8122 §5 forbids them).
 * Instances are immutable; {@link #equals} and {@link #matches} compare in constant time.
 */
public final class DtlsFingerprint {

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    /** The hash functions RFC 8122 §5 allows, with their JCA names and output sizes. */
    private enum HashFunction {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_224("sha-224", "SHA-224", 28),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        final String ianaName;
        final String jcaName;
        final int length;

        HashFunction(String ianaName, String jcaName, int length) {
            this.ianaName = ianaName;
            this.jcaName = jcaName;
            this.length = length;
        }

        /** Hash function names are case-insensitive tokens (RFC 8122 §5, RFC 4566 grammar). */
        static HashFunction byName(String name) {
            for (HashFunction function : values()) {
                if (function.ianaName.equalsIgnoreCase(name)) {
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
    private final byte[] bytes;

    private DtlsFingerprint(HashFunction function, byte[] bytes) {
        this.function = function;
        this.bytes = bytes;
    }

    /**
     * Makes a fingerprint from its parts, for example from a parsed SDP attribute. A
     * fingerprint with a hash function this class does not support is to be ignored, not failed
     * on (RFC 8122 §5), so check {@link #isSupported} first.
     *
     * @param hashFunction a supported hash function name, case-insensitive, e.g. {@code "sha-256"}
     * @param bytes the hash, as many bytes as the hash function produces; copied
     * @return the fingerprint
     * @throws IllegalArgumentException if the hash function is not supported or the hash has the
     *     wrong length
     * @throws NullPointerException if an argument is null
     */
    public static DtlsFingerprint of(String hashFunction, byte[] bytes) {
        HashFunction function = supported(hashFunction);
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != function.length) {
            throw new IllegalArgumentException(function.ianaName + " fingerprint must have " + function.length
                    + " bytes, not " + bytes.length);
        }
        return new DtlsFingerprint(function, bytes.clone());
    }

    /**
     * Whether fingerprints with this hash function can be made and checked here; others are to
     * be ignored (RFC 8122 §5).
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
        return function.ianaName;
    }

    /** A copy of the hash bytes. */
    public byte[] bytes() {
        return bytes.clone();
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
        return MessageDigest.isEqual(bytes, function.digest(derCertificate));
    }

    /** Equal when the hash function and the hash bytes are; the bytes compare in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that
                && function == that.function
                && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * function.hashCode() + Arrays.hashCode(bytes);
    }

    /** The hash function and the bytes in hex, e.g. {@code DtlsFingerprint[sha-256 AB:CD:…]}, for logs. */
    @Override
    public String toString() {
        return "DtlsFingerprint[" + function.ianaName + " " + HEX.formatHex(bytes) + "]";
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
}
