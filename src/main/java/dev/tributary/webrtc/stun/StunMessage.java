package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.stun.StunAttribute.ErrorCode;
import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import dev.tributary.webrtc.stun.StunAttribute.Unknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): class, method, transaction id and an ordered list of attributes.
 *
 * <p>Immutable. A parsed message also keeps a copy of the bytes it was parsed from, because
 * MESSAGE-INTEGRITY and FINGERPRINT are checked over the bytes as received
 * ({@link #verifyIntegrity(byte[])}, {@link #hasValidFingerprint()}); the copy lets the caller
 * reuse its receive buffer at once. Equality ignores those bytes: two messages are equal when
 * their class, method, transaction id and attributes are.
 *
 * <p>The attribute list follows RFC 8489 §14.5–§14.7: MESSAGE-INTEGRITY may be followed only by
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, MESSAGE-INTEGRITY-SHA256 only by FINGERPRINT, and
 * FINGERPRINT by nothing. When parsing, attributes in other places are ignored as the RFC asks:
 * they are framed and skipped but neither decoded nor kept.
 *
 * <p>To send a message, write it with a {@link StunEncoder}, which can append
 * MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT.
 */
public final class StunMessage {

    /** Bytes in the message header. */
    public static final int HEADER_LENGTH = 20;
    /** The magic cookie, the second 32-bit word of every message (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = 0x2112_A442;

    private final StunClass messageClass;
    private final StunMethod method;
    private final TransactionId transactionId;
    private final List<StunAttribute> attributes;

    /** The received bytes, or null for a message built in memory. */
    private final byte[] received;
    private final int integrityOffset;
    private final int integritySha256Offset;
    private final int fingerprintOffset;

    /**
     * A message built in memory, to be written with a {@link StunEncoder}.
     *
     * @param messageClass request, indication, success or error response
     * @param method the method
     * @param transactionId the transaction id
     * @param attributes the attributes in wire order
     * @throws NullPointerException if an argument or attribute is null
     * @throws IllegalArgumentException if MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or
     *     FINGERPRINT appear more than once or are followed by attributes RFC 8489 §14.5–§14.7 do
     *     not allow after them
     */
    public StunMessage(StunClass messageClass, StunMethod method, TransactionId transactionId,
            List<? extends StunAttribute> attributes) {
        this(messageClass, method, transactionId, List.copyOf(attributes), null, -1, -1, -1);
        checkOrder(this.attributes);
    }

    private StunMessage(StunClass messageClass, StunMethod method, TransactionId transactionId,
            List<StunAttribute> attributes, byte[] received, int integrityOffset,
            int integritySha256Offset, int fingerprintOffset) {
        this.messageClass = Objects.requireNonNull(messageClass, "messageClass");
        this.method = Objects.requireNonNull(method, "method");
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
        this.attributes = attributes;
        this.received = received;
        this.integrityOffset = integrityOffset;
        this.integritySha256Offset = integritySha256Offset;
        this.fingerprintOffset = fingerprintOffset;
    }

    /**
     * @param method the method
     * @param transactionId a fresh random transaction id ({@link TransactionId#random})
     * @param attributes the attributes in wire order
     * @return a request
     * @throws IllegalArgumentException as {@link #StunMessage the constructor}
     */
    public static StunMessage request(StunMethod method, TransactionId transactionId,
            List<? extends StunAttribute> attributes) {
        return new StunMessage(StunClass.REQUEST, method, transactionId, attributes);
    }

    /**
     * @param method the method
     * @param transactionId a fresh random transaction id ({@link TransactionId#random})
     * @param attributes the attributes in wire order
     * @return an indication
     * @throws IllegalArgumentException as {@link #StunMessage the constructor}
     */
    public static StunMessage indication(StunMethod method, TransactionId transactionId,
            List<? extends StunAttribute> attributes) {
        return new StunMessage(StunClass.INDICATION, method, transactionId, attributes);
    }

    /**
     * A success response to this request: same method and transaction id (RFC 8489 §6.3.1.1).
     *
     * @param attributes the response's attributes in wire order
     * @return the response
     * @throws IllegalArgumentException if this message is not a request, or as
     *     {@link #StunMessage the constructor}
     */
    public StunMessage successResponse(List<? extends StunAttribute> attributes) {
        requireRequest();
        return new StunMessage(StunClass.SUCCESS_RESPONSE, method, transactionId, attributes);
    }

    /**
     * An error response to this request: same method and transaction id, ERROR-CODE first, then
     * {@code more} (for example REALM and NONCE with 401, UNKNOWN-ATTRIBUTES with 420).
     *
     * @param error the error
     * @param more further attributes in wire order
     * @return the response
     * @throws IllegalArgumentException if this message is not a request, or as
     *     {@link #StunMessage the constructor}
     */
    public StunMessage errorResponse(ErrorCode error, List<? extends StunAttribute> more) {
        requireRequest();
        List<StunAttribute> all = new ArrayList<>(1 + more.size());
        all.add(Objects.requireNonNull(error, "error"));
        all.addAll(more);
        return new StunMessage(StunClass.ERROR_RESPONSE, method, transactionId, all);
    }

    private void requireRequest() {
        if (messageClass != StunClass.REQUEST) {
            throw new IllegalArgumentException("only a request has a response, this is a " + messageClass);
        }
    }

    /**
     * Whether a datagram looks like a STUN message, for demultiplexing (RFC 7983 §7, RFC 8489
     * §5): first byte 0..3, magic cookie present, length field a multiple of 4 that matches the
     * datagram. Does not allocate and does not look at the attributes.
     *
     * @param buf the buffer holding the datagram
     * @param off where the datagram starts
     * @param len the datagram length
     * @return whether to hand the datagram to {@link #parse(byte[], int, int)}
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static boolean isStun(byte[] buf, int off, int len) {
        Bytes.checkRange(buf, off, len);
        if (len < HEADER_LENGTH || (buf[off] & 0xFF) > 3) {
            return false;
        }
        int length = Bytes.u16(buf, off + 2);
        return (length & 3) == 0 && length + HEADER_LENGTH == len && Bytes.i32(buf, off + 4) == MAGIC_COOKIE;
    }

    /**
     * Parses a whole array as one message.
     *
     * @param datagram the message bytes
     * @return the message
     * @throws ParseException as {@link #parse(byte[], int, int)}
     */
    public static StunMessage parse(byte[] datagram) {
        return parse(datagram, 0, datagram.length);
    }

    /**
     * Parses one STUN message that fills exactly {@code len} bytes (one UDP datagram).
     *
     * <p>Checks the header (RFC 8489 §5: top two bits zero, magic cookie, length a multiple of 4
     * equal to the datagram's), the framing of every attribute (length within the message,
     * padding to 4 bytes, whose content is ignored as RFC 5769 requires), and the value of every
     * typed attribute. Integrity and fingerprint are not checked here: call
     * {@link #verifyIntegrity(byte[])} and {@link #hasValidFingerprint()}.
     *
     * @param buf the buffer holding the message; it is copied, not kept
     * @param off where the message starts
     * @param len the message length
     * @return the message
     * @throws ParseException if the bytes are not a well-formed STUN message; its offset is
     *     relative to {@code off}
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static StunMessage parse(byte[] buf, int off, int len) {
        Bytes.checkRange(buf, off, len);
        if (len < HEADER_LENGTH) {
            throw new ParseException("STUN message of " + len + " bytes is shorter than its 20-byte header", 0);
        }
        int type = Bytes.u16(buf, off);
        if ((type & 0xC000) != 0) {
            throw new ParseException("STUN message type must start with two zero bits", 0);
        }
        int length = Bytes.u16(buf, off + 2);
        if ((length & 3) != 0) {
            throw new ParseException("STUN message length " + length + " is not a multiple of 4", 2);
        }
        if (length + HEADER_LENGTH != len) {
            throw new ParseException("STUN message length " + length + " does not match the "
                    + (len - HEADER_LENGTH) + " bytes after the header", 2);
        }
        if (Bytes.i32(buf, off + 4) != MAGIC_COOKIE) {
            throw new ParseException("no STUN magic cookie", 4);
        }
        byte[] msg = Arrays.copyOfRange(buf, off, off + len);
        return parseAttributes(msg, type);
    }

    private static StunMessage parseAttributes(byte[] msg, int type) {
        List<StunAttribute> attributes = new ArrayList<>();
        int integrity = -1;
        int integritySha256 = -1;
        int fingerprint = -1;
        int pos = HEADER_LENGTH;
        // The body length is a multiple of 4 and so is every step, so at least a 4-byte header
        // remains at each turn, and a value that fits also fits with its padding.
        while (pos < msg.length) {
            int attributeType = Bytes.u16(msg, pos);
            int valueLength = Bytes.u16(msg, pos + 2);
            if (valueLength > msg.length - pos - 4) {
                throw new ParseException(String.format("attribute 0x%04x length %d runs past the message end",
                        attributeType, valueLength), pos);
            }
            boolean keep;
            if (fingerprint >= 0) {
                keep = false;
            } else if (attributeType == AttributeType.FINGERPRINT) {
                keep = true;
                fingerprint = pos;
            } else if (integritySha256 >= 0) {
                keep = false;
            } else if (attributeType == AttributeType.MESSAGE_INTEGRITY_SHA256) {
                keep = true;
                integritySha256 = pos;
            } else if (integrity >= 0) {
                keep = false;
            } else {
                keep = true;
                if (attributeType == AttributeType.MESSAGE_INTEGRITY) {
                    integrity = pos;
                }
            }
            if (keep) {
                attributes.add(AttributeCodec.read(attributeType, msg, pos + 4, valueLength, pos));
            }
            pos += 4 + Bytes.pad4(valueLength);
        }
        return new StunMessage(classOf(type), methodOf(type), TransactionId.read(msg, 8),
                List.copyOf(attributes), msg, integrity, integritySha256, fingerprint);
    }

    /** RFC 8489 §5: the class bits C1 C0 sit at bits 8 and 4 of the type. */
    private static StunClass classOf(int type) {
        return StunClass.ofBits((type >>> 7 & 0b10) | (type >>> 4 & 0b01));
    }

    /** RFC 8489 §5: the method bits M11..M0 sit around the class bits. */
    private static StunMethod methodOf(int type) {
        return new StunMethod((type & 0x000F) | (type & 0x00E0) >>> 1 | (type & 0x3E00) >>> 2);
    }

    /** The 14-bit message type for a class and method, the inverse of classOf and methodOf. */
    static int messageType(StunClass messageClass, StunMethod method) {
        int m = method.code();
        int c = messageClass.bits();
        return (m & 0x000F) | (m & 0x0070) << 1 | (m & 0x0F80) << 2 | (c & 0b01) << 4 | (c & 0b10) << 7;
    }

    private static void checkOrder(List<StunAttribute> attributes) {
        // 0: ordinary attributes; 1: after MESSAGE-INTEGRITY; 2: after MI-SHA256; 3: after FINGERPRINT.
        int stage = 0;
        for (StunAttribute a : attributes) {
            int next = switch (a) {
                case MessageIntegrity _ -> 1;
                case MessageIntegritySha256 _ -> 2;
                case Fingerprint _ -> 3;
                default -> 0;
            };
            if (next == 0 ? stage != 0 : next <= stage) {
                throw new IllegalArgumentException("attribute " + a
                        + " may not follow MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT here"
                        + " (RFC 8489 §14.5-§14.7)");
            }
            stage = Math.max(stage, next);
        }
    }

    /** @return request, indication, success or error response */
    public StunClass messageClass() {
        return messageClass;
    }

    /** @return the method */
    public StunMethod method() {
        return method;
    }

    /** @return the transaction id */
    public TransactionId transactionId() {
        return transactionId;
    }

    /** @return the attributes in wire order, unmodifiable */
    public List<StunAttribute> attributes() {
        return attributes;
    }

    /**
     * The first attribute of a type; RFC 8489 §14 says only the first of duplicates counts.
     *
     * @param <T> the attribute record type
     * @param type the attribute record class, e.g. {@code StunAttribute.Username.class}
     * @return the first attribute of that type, or empty
     */
    public <T extends StunAttribute> Optional<T> attribute(Class<T> type) {
        for (StunAttribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    /**
     * @param type the attribute record class
     * @return whether the message has an attribute of that type
     */
    public boolean has(Class<? extends StunAttribute> type) {
        return attribute(type).isPresent();
    }

    /**
     * The comprehension-required attributes (type below 0x8000) this package does not understand.
     * A server answers a request that has any with a 420 error response carrying them in
     * UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1); a client discards such a response (§7.3).
     *
     * @return the unknown types in wire order, possibly empty
     */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> types = new ArrayList<>(0);
        for (StunAttribute a : attributes) {
            if (a instanceof Unknown u && u.comprehensionRequired()) {
                types.add(u.type());
            }
        }
        return List.copyOf(types);
    }

    /**
     * Checks the message's integrity with a key (RFC 8489 §9.1.3, §9.2.4): the
     * MESSAGE-INTEGRITY-SHA256 when the message has one, otherwise its MESSAGE-INTEGRITY. The
     * HMAC is computed over the received bytes up to that attribute, with the header length
     * adjusted to end at it, and compared in constant time.
     *
     * <p>For a message built in memory, its {@link StunEncoder#PLAIN plain encoding} is checked.
     *
     * @param key the HMAC key: {@link StunCredentials#shortTermKey} or
     *     {@link StunCredentials#longTermKey}
     * @return whether the message has an integrity attribute and it matches; false when it has none
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public boolean verifyIntegrity(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (received == null) {
            return parse(encode()).verifyIntegrity(key);
        }
        if (integritySha256Offset >= 0) {
            return hmacMatches(Integrity.HMAC_SHA256, key, integritySha256Offset);
        }
        if (integrityOffset >= 0) {
            return hmacMatches(Integrity.HMAC_SHA1, key, integrityOffset);
        }
        return false;
    }

    private boolean hmacMatches(String algorithm, byte[] key, int attributeOffset) {
        int valueLength = Bytes.u16(received, attributeOffset + 2);
        byte[] expected = Integrity.hmac(Integrity.key(key, algorithm), received, attributeOffset, valueLength);
        // MESSAGE-INTEGRITY-SHA256 may be truncated (RFC 8489 §14.6): compare its length only.
        return Bytes.constantTimeEquals(expected, 0, received, attributeOffset + 4, valueLength);
    }

    /**
     * Checks FINGERPRINT (RFC 8489 §14.7): CRC-32 of the received bytes before it, with the header
     * length adjusted to end at it, XOR 0x5354554E. ICE requires it on every check (RFC 8445
     * §7.2.2) to tell STUN from other traffic on the same port.
     *
     * <p>For a message built in memory, its {@link StunEncoder#PLAIN plain encoding} is checked.
     *
     * @return whether the message has a FINGERPRINT and it matches
     */
    public boolean hasValidFingerprint() {
        if (received == null) {
            return parse(encode()).hasValidFingerprint();
        }
        return fingerprintOffset >= 0
                && Integrity.fingerprint(received, fingerprintOffset) == Bytes.i32(received, fingerprintOffset + 4);
    }

    /**
     * Writes the message as it is, with zero padding: {@code StunEncoder.PLAIN.encode(this)}.
     *
     * @return the message bytes
     * @throws IllegalArgumentException if the message is longer than a STUN message can be
     */
    public byte[] encode() {
        return StunEncoder.PLAIN.encode(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage other
                && messageClass == other.messageClass
                && method.equals(other.method)
                && transactionId.equals(other.transactionId)
                && attributes.equals(other.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageClass, method, transactionId, attributes);
    }

    @Override
    public String toString() {
        return method + " " + messageClass + " " + transactionId + " " + attributes;
    }
}
