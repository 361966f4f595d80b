package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.WebRtcException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT computations (RFC 8489 §14.5,
 * §14.6, §14.7), shared by the encoder (over what it is writing) and the verifier (over the
 * received bytes).
 *
 * <p>Each covers the message from its first byte up to the attribute's header, with the length
 * in the message header replaced by the length the message would have if that attribute were
 * its last one. The bytes are never modified: the adjusted length is fed to the MAC in place of
 * the real one.
 */
final class Integrity {

    static final String HMAC_SHA1 = "HmacSHA1";
    static final String HMAC_SHA256 = "HmacSHA256";

    private static final int FINGERPRINT_XOR = 0x5354_554E;

    // Mac.getInstance looks up providers each time; one Mac per thread is reused instead. A
    // peer connection drains its input on one long-lived thread, so reuse is the common case.
    private static final ThreadLocal<Mac> SHA1 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA1));
    private static final ThreadLocal<Mac> SHA256 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA256));

    private Integrity() {}

    /**
     * @param key a non-empty key
     * @throws IllegalArgumentException if {@code key} is empty
     */
    static SecretKeySpec key(byte[] key, String algorithm) {
        return new SecretKeySpec(key, algorithm);
    }

    /**
     * @param message the message bytes, from the first header byte
     * @param attributeOffset where the integrity attribute's header starts
     * @param valueLength the length of the integrity attribute's value
     * @return the full HMAC (20 or 32 bytes)
     */
    static byte[] hmac(SecretKeySpec key, byte[] message, int attributeOffset, int valueLength) {
        Mac mac = (key.getAlgorithm().equals(HMAC_SHA1) ? SHA1 : SHA256).get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HMAC key", e);
        }
        int adjustedLength = attributeOffset + 4 + valueLength - StunMessage.HEADER_LENGTH;
        mac.update(message, 0, 2);
        mac.update((byte) (adjustedLength >>> 8));
        mac.update((byte) adjustedLength);
        mac.update(message, 4, attributeOffset - 4);
        return mac.doFinal();
    }

    /**
     * @param message the message bytes, from the first header byte
     * @param attributeOffset where the FINGERPRINT attribute's header starts
     * @return the FINGERPRINT value: CRC-32 XOR 0x5354554E
     */
    static int fingerprint(byte[] message, int attributeOffset) {
        int adjustedLength = attributeOffset + 8 - StunMessage.HEADER_LENGTH;
        CRC32 crc = new CRC32();
        crc.update(message, 0, 2);
        crc.update(adjustedLength >>> 8);
        crc.update(adjustedLength);
        crc.update(message, 4, attributeOffset - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new WebRtcException("every Java runtime must provide " + algorithm, e);
        }
    }
}
