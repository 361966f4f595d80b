package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes {@link StunMessage}s, optionally appending MESSAGE-INTEGRITY (RFC 8489 §14.5),
 * MESSAGE-INTEGRITY-SHA256 (§14.6) and FINGERPRINT (§14.7), in that order, each computed over the
 * bytes before it with the header length adjusted as the RFC says.
 *
 * <p>Immutable and thread-safe: configure one per key and reuse it. An ICE agent keeps one with
 * the remote password for its checks and one with the local password for its responses:
 *
 * <pre>{@code
 * StunEncoder checks = StunEncoder.PLAIN
 *         .withMessageIntegrity(StunCredentials.shortTermKey(remotePassword))
 *         .withFingerprint();
 * byte[] datagram = checks.encode(bindingRequest);
 * }</pre>
 *
 * <p><b>Padding.</b> RFC 8489 §14 says padding bytes are zero when sent and ignored when
 * received, and this encoder writes zeros unless told otherwise. The RFC 5769 test vectors were
 * made under RFC 5389, which allowed any padding, and three of them pad with spaces (0x20).
 * Because padding is covered by MESSAGE-INTEGRITY and FINGERPRINT, reproducing those vectors byte
 * for byte from the model needs the same padding: {@link #withPadding(byte)} exists for that and
 * for talking to peers that sign their own padding. Parsed messages do not remember their padding
 * on purpose: the model stays a plain value and the checks always run over the received bytes.
 */
public final class StunEncoder {

    /** Writes attributes as they are, with zero padding, adding nothing. */
    public static final StunEncoder PLAIN = new StunEncoder(null, null, false, (byte) 0);

    private final SecretKeySpec integrityKey;
    private final SecretKeySpec integritySha256Key;
    private final boolean fingerprint;
    private final byte padding;

    private StunEncoder(SecretKeySpec integrityKey, SecretKeySpec integritySha256Key, boolean fingerprint,
            byte padding) {
        this.integrityKey = integrityKey;
        this.integritySha256Key = integritySha256Key;
        this.fingerprint = fingerprint;
        this.padding = padding;
    }

    /**
     * @param key the HMAC key ({@link StunCredentials}); copied
     * @return an encoder that also appends MESSAGE-INTEGRITY (HMAC-SHA1) with this key
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public StunEncoder withMessageIntegrity(byte[] key) {
        return new StunEncoder(Integrity.key(key, Integrity.HMAC_SHA1), integritySha256Key, fingerprint, padding);
    }

    /**
     * @param key the HMAC key ({@link StunCredentials}); copied
     * @return an encoder that also appends a full 32-byte MESSAGE-INTEGRITY-SHA256 with this key
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public StunEncoder withMessageIntegritySha256(byte[] key) {
        return new StunEncoder(integrityKey, Integrity.key(key, Integrity.HMAC_SHA256), fingerprint, padding);
    }

    /** @return an encoder that also appends FINGERPRINT */
    public StunEncoder withFingerprint() {
        return new StunEncoder(integrityKey, integritySha256Key, true, padding);
    }

    /**
     * @param padding the byte to pad attribute values with; RFC 8489 requires zero, see the class
     *     comment for when another value is needed
     * @return an encoder that pads with {@code padding}
     */
    public StunEncoder withPadding(byte padding) {
        return new StunEncoder(integrityKey, integritySha256Key, fingerprint, padding);
    }

    /**
     * Writes a message.
     *
     * @param message the message; when this encoder appends integrity or fingerprint attributes,
     *     the message must not already have MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or
     *     FINGERPRINT
     * @return the message bytes, ready to send
     * @throws IllegalArgumentException if the message already has an attribute this encoder
     *     appends, or is longer than the 16-bit length field allows
     */
    public byte[] encode(StunMessage message) {
        Objects.requireNonNull(message, "message");
        if (appendsAnything()) {
            for (StunAttribute a : message.attributes()) {
                if (a instanceof MessageIntegrity || a instanceof MessageIntegritySha256 || a instanceof Fingerprint) {
                    throw new IllegalArgumentException(
                            "message already has " + a + "; the encoder computes integrity and fingerprint itself");
                }
            }
        }
        ByteWriter w = new ByteWriter(256);
        w.u16(StunMessage.messageType(message.messageClass(), message.method()));
        w.u16(0);
        w.i32(StunMessage.MAGIC_COOKIE);
        message.transactionId().write(w);
        for (StunAttribute a : message.attributes()) {
            AttributeCodec.write(a, w, padding);
        }
        if (integrityKey != null) {
            appendHmac(w, AttributeType.MESSAGE_INTEGRITY, integrityKey, MessageIntegrity.LENGTH);
        }
        if (integritySha256Key != null) {
            appendHmac(w, AttributeType.MESSAGE_INTEGRITY_SHA256, integritySha256Key, MessageIntegritySha256.LENGTH);
        }
        if (fingerprint) {
            int at = w.position();
            bodyLength(at + 8);
            int value = Integrity.fingerprint(w.array(), at);
            w.u16(AttributeType.FINGERPRINT);
            w.u16(4);
            w.i32(value);
        }
        w.setU16(2, bodyLength(w.position()));
        return w.toByteArray();
    }

    private boolean appendsAnything() {
        return integrityKey != null || integritySha256Key != null || fingerprint;
    }

    private static void appendHmac(ByteWriter w, int type, SecretKeySpec key, int length) {
        int at = w.position();
        bodyLength(at + 4 + length);
        byte[] hmac = Integrity.hmac(key, w.array(), at, length);
        w.u16(type);
        w.u16(length);
        w.bytes(hmac, 0, length);
    }

    /**
     * The header length of a message that ends at {@code end}. Checked before each HMAC and CRC
     * too, because those cover a length field that must not have wrapped around.
     */
    private static int bodyLength(int end) {
        int length = end - StunMessage.HEADER_LENGTH;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("STUN message body of " + length + " bytes exceeds 65535");
        }
        return length;
    }
}
