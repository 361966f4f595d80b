package dev.tributary.webrtc.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a STUN message, as a typed value (RFC 8489 §14, RFC 8445 §16.1, RFC 8656 §18).
 *
 * <p>Addresses hold the plain transport address: the XOR with the magic cookie and transaction id
 * of the XOR-*-ADDRESS attributes is done when the message is parsed or written. Attributes this
 * package does not model are kept as {@link Unknown} and written back unchanged.
 *
 * <p>Records holding a {@code byte[]} copy it on the way in and out, so every attribute is
 * immutable and compares by value. Constructors throw {@link IllegalArgumentException} for values
 * that cannot be encoded (the parser never lets such values through: it throws
 * {@link dev.tributary.webrtc.ParseException} first).
 */
public sealed interface StunAttribute {

    /** @return the attribute type number, 0..0xFFFF (see {@link AttributeType}) */
    int type();

    /**
     * MAPPED-ADDRESS (RFC 8489 §14.1): the reflexive address, as old RFC 3489 servers send it.
     *
     * @param address a resolved IPv4 or IPv6 address and port
     */
    record MappedAddress(InetSocketAddress address) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code address} is unresolved */
        public MappedAddress {
            requireResolved(address);
        }

        @Override
        public int type() {
            return AttributeType.MAPPED_ADDRESS;
        }
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the reflexive transport address of the client.
     *
     * @param address a resolved IPv4 or IPv6 address and port
     */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code address} is unresolved */
        public XorMappedAddress {
            requireResolved(address);
        }

        @Override
        public int type() {
            return AttributeType.XOR_MAPPED_ADDRESS;
        }
    }

    /**
     * XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address as seen from the TURN server.
     *
     * @param address a resolved IPv4 or IPv6 address and port
     */
    record XorPeerAddress(InetSocketAddress address) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code address} is unresolved */
        public XorPeerAddress {
            requireResolved(address);
        }

        @Override
        public int type() {
            return AttributeType.XOR_PEER_ADDRESS;
        }
    }

    /**
     * XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address of a TURN allocation.
     *
     * @param address a resolved IPv4 or IPv6 address and port
     */
    record XorRelayedAddress(InetSocketAddress address) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code address} is unresolved */
        public XorRelayedAddress {
            requireResolved(address);
        }

        @Override
        public int type() {
            return AttributeType.XOR_RELAYED_ADDRESS;
        }
    }

    /**
     * USERNAME (RFC 8489 §14.3); in ICE {@code "remote-ufrag:local-ufrag"} (RFC 8445 §7.2.2).
     *
     * @param value the user name, UTF-8 on the wire
     */
    record Username(String value) implements StunAttribute {
        /** @throws NullPointerException if {@code value} is null */
        public Username {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return AttributeType.USERNAME;
        }
    }

    /**
     * REALM (RFC 8489 §14.9): the realm of long-term credentials.
     *
     * @param value the realm, UTF-8 on the wire
     */
    record Realm(String value) implements StunAttribute {
        /** @throws NullPointerException if {@code value} is null */
        public Realm {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return AttributeType.REALM;
        }
    }

    /**
     * NONCE (RFC 8489 §14.10): the server's nonce for long-term credentials.
     *
     * @param value the nonce, UTF-8 on the wire
     */
    record Nonce(String value) implements StunAttribute {
        /** @throws NullPointerException if {@code value} is null */
        public Nonce {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return AttributeType.NONCE;
        }
    }

    /**
     * SOFTWARE (RFC 8489 §14.14): a description of the sending software.
     *
     * @param value the description, UTF-8 on the wire
     */
    record Software(String value) implements StunAttribute {
        /** @throws NullPointerException if {@code value} is null */
        public Software {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return AttributeType.SOFTWARE;
        }
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 §14.5) as received: an HMAC-SHA1 over the message before it.
     * Verify it with {@link StunMessage#verifyIntegrity(byte[])}; {@link StunEncoder} computes it
     * when sending.
     *
     * @param hmac the 20-byte HMAC
     */
    record MessageIntegrity(byte[] hmac) implements StunAttribute {
        /** Bytes in an HMAC-SHA1. */
        public static final int LENGTH = 20;

        /** @throws IllegalArgumentException if {@code hmac} is not 20 bytes */
        public MessageIntegrity {
            if (hmac.length != LENGTH) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY must be 20 bytes: " + hmac.length);
            }
            hmac = hmac.clone();
        }

        /** @return a copy of the HMAC */
        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return AttributeType.MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /**
     * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) as received: an HMAC-SHA256 over the message
     * before it, possibly truncated.
     *
     * @param hmac 16 to 32 bytes, a multiple of 4
     */
    record MessageIntegritySha256(byte[] hmac) implements StunAttribute {
        /** Bytes in a full HMAC-SHA256. */
        public static final int LENGTH = 32;
        /** The shortest truncation RFC 8489 §14.6 allows. */
        public static final int MIN_LENGTH = 16;

        /** @throws IllegalArgumentException if the length is not 16..32 and a multiple of 4 */
        public MessageIntegritySha256 {
            if (!isValidLength(hmac.length)) {
                throw new IllegalArgumentException(
                        "MESSAGE-INTEGRITY-SHA256 must be 16..32 bytes, a multiple of 4: " + hmac.length);
            }
            hmac = hmac.clone();
        }

        static boolean isValidLength(int length) {
            return length >= MIN_LENGTH && length <= LENGTH && length % 4 == 0;
        }

        /** @return a copy of the HMAC */
        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return AttributeType.MESSAGE_INTEGRITY_SHA256;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegritySha256 other && Arrays.equals(hmac, other.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /**
     * FINGERPRINT (RFC 8489 §14.7) as received: CRC-32 of the message before it, XOR 0x5354554E.
     * Check it with {@link StunMessage#hasValidFingerprint()}; {@link StunEncoder} computes it
     * when sending.
     *
     * @param value the 32-bit value as on the wire
     */
    record Fingerprint(int value) implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.FINGERPRINT;
        }
    }

    /**
     * ERROR-CODE (RFC 8489 §14.8): the error of an error response.
     *
     * @param code 300..699 (class 3..6 times 100 plus number 0..99)
     * @param reason the reason phrase, UTF-8 on the wire
     */
    record ErrorCode(int code, String reason) implements StunAttribute {
        /** Try Alternate (RFC 8489 §14.8). */
        public static final int TRY_ALTERNATE = 300;
        /** Bad Request (RFC 8489 §14.8). */
        public static final int BAD_REQUEST = 400;
        /** Unauthenticated (RFC 8489 §14.8). */
        public static final int UNAUTHENTICATED = 401;
        /** Forbidden (RFC 8656 §19). */
        public static final int FORBIDDEN = 403;
        /** Unknown Attribute (RFC 8489 §14.8): sent with UNKNOWN-ATTRIBUTES. */
        public static final int UNKNOWN_ATTRIBUTE = 420;
        /** Allocation Mismatch (RFC 8656 §19). */
        public static final int ALLOCATION_MISMATCH = 437;
        /** Stale Nonce (RFC 8489 §14.8). */
        public static final int STALE_NONCE = 438;
        /** Address Family not Supported (RFC 8656 §19). */
        public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
        /** Wrong Credentials (RFC 8656 §19). */
        public static final int WRONG_CREDENTIALS = 441;
        /** Unsupported Transport Protocol (RFC 8656 §19). */
        public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
        /** Peer Address Family Mismatch (RFC 8656 §19). */
        public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
        /** Allocation Quota Reached (RFC 8656 §19). */
        public static final int ALLOCATION_QUOTA_REACHED = 486;
        /** Role Conflict (RFC 8445 §7.3.1.1). */
        public static final int ROLE_CONFLICT = 487;
        /** Server Error (RFC 8489 §14.8). */
        public static final int SERVER_ERROR = 500;
        /** Insufficient Capacity (RFC 8656 §19). */
        public static final int INSUFFICIENT_CAPACITY = 508;

        /**
         * @throws IllegalArgumentException if {@code code} is not 300..699
         * @throws NullPointerException if {@code reason} is null
         */
        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("error code must be 300..699: " + code);
            }
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param code 300..699
         * @return the error with the RFC's reason phrase for {@code code} (empty if it has none)
         * @throws IllegalArgumentException if {@code code} is not 300..699
         */
        public static ErrorCode of(int code) {
            String reason = switch (code) {
                case TRY_ALTERNATE -> "Try Alternate";
                case BAD_REQUEST -> "Bad Request";
                case UNAUTHENTICATED -> "Unauthenticated";
                case FORBIDDEN -> "Forbidden";
                case UNKNOWN_ATTRIBUTE -> "Unknown Attribute";
                case ALLOCATION_MISMATCH -> "Allocation Mismatch";
                case STALE_NONCE -> "Stale Nonce";
                case ADDRESS_FAMILY_NOT_SUPPORTED -> "Address Family not Supported";
                case WRONG_CREDENTIALS -> "Wrong Credentials";
                case UNSUPPORTED_TRANSPORT_PROTOCOL -> "Unsupported Transport Protocol";
                case PEER_ADDRESS_FAMILY_MISMATCH -> "Peer Address Family Mismatch";
                case ALLOCATION_QUOTA_REACHED -> "Allocation Quota Reached";
                case ROLE_CONFLICT -> "Role Conflict";
                case SERVER_ERROR -> "Server Error";
                case INSUFFICIENT_CAPACITY -> "Insufficient Capacity";
                default -> "";
            };
            return new ErrorCode(code, reason);
        }

        /** @return the hundreds digit, 3..6 */
        public int errorClass() {
            return code / 100;
        }

        /** @return the code modulo 100 */
        public int number() {
            return code % 100;
        }

        @Override
        public int type() {
            return AttributeType.ERROR_CODE;
        }
    }

    /**
     * UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the comprehension-required attribute types a 420
     * error response did not understand.
     *
     * @param types attribute types, each 0..0xFFFF
     */
    record UnknownAttributes(List<Integer> types) implements StunAttribute {
        /** @throws IllegalArgumentException if a type does not fit in 16 bits */
        public UnknownAttributes {
            types = List.copyOf(types);
            for (int t : types) {
                requireU16(t, "attribute type");
            }
        }

        @Override
        public int type() {
            return AttributeType.UNKNOWN_ATTRIBUTES;
        }
    }

    /**
     * PASSWORD-ALGORITHM (RFC 8489 §14.12): the algorithm the client chose for its long-term key;
     * also an entry of {@link PasswordAlgorithms}.
     *
     * @param algorithm {@link #MD5} or {@link #SHA256} (or another registered number)
     * @param parameters the algorithm's parameters (empty for MD5 and SHA-256)
     */
    record PasswordAlgorithm(int algorithm, byte[] parameters) implements StunAttribute {
        /** MD5 (RFC 8489 §18.5.1). */
        public static final int MD5 = 0x0001;
        /** SHA-256 (RFC 8489 §18.5.1). */
        public static final int SHA256 = 0x0002;

        /** @throws IllegalArgumentException if a number or length does not fit in 16 bits */
        public PasswordAlgorithm {
            requireU16(algorithm, "algorithm");
            requireU16(parameters.length, "parameters length");
            parameters = parameters.clone();
        }

        /**
         * @param algorithm the algorithm number
         * @return the algorithm without parameters
         */
        public static PasswordAlgorithm of(int algorithm) {
            return new PasswordAlgorithm(algorithm, new byte[0]);
        }

        /** @return a copy of the parameters */
        @Override
        public byte[] parameters() {
            return parameters.clone();
        }

        @Override
        public int type() {
            return AttributeType.PASSWORD_ALGORITHM;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PasswordAlgorithm other
                    && algorithm == other.algorithm
                    && Arrays.equals(parameters, other.parameters);
        }

        @Override
        public int hashCode() {
            return 31 * algorithm + Arrays.hashCode(parameters);
        }

        @Override
        public String toString() {
            return "PasswordAlgorithm[" + algorithm + ", " + HexFormat.of().formatHex(parameters) + "]";
        }
    }

    /**
     * PASSWORD-ALGORITHMS (RFC 8489 §14.11): the algorithms a server offers, in its order of
     * preference.
     *
     * @param algorithms the offered algorithms
     */
    record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements StunAttribute {
        /** @throws NullPointerException if the list or an entry is null */
        public PasswordAlgorithms {
            algorithms = List.copyOf(algorithms);
        }

        @Override
        public int type() {
            return AttributeType.PASSWORD_ALGORITHMS;
        }
    }

    /**
     * PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learned from this check
     * would have.
     *
     * @param value an unsigned 32-bit priority
     */
    record Priority(long value) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code value} is not 0..2^32-1 */
        public Priority {
            requireU32(value, "priority");
        }

        @Override
        public int type() {
            return AttributeType.PRIORITY;
        }
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. */
    record UseCandidate() implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.USE_CANDIDATE;
        }
    }

    /**
     * ICE-CONTROLLED (RFC 8445 §7.1.3): the sender is in the controlled role.
     *
     * @param tieBreaker an unsigned 64-bit number (compare with {@link Long#compareUnsigned})
     */
    record IceControlled(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.ICE_CONTROLLED;
        }
    }

    /**
     * ICE-CONTROLLING (RFC 8445 §7.1.3): the sender is in the controlling role.
     *
     * @param tieBreaker an unsigned 64-bit number (compare with {@link Long#compareUnsigned})
     */
    record IceControlling(long tieBreaker) implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.ICE_CONTROLLING;
        }
    }

    /**
     * CHANNEL-NUMBER (RFC 8656 §18.1). Valid channels are 0x4000..0x4FFF; any 16-bit value is
     * kept so that a server can reject a bad one with 400.
     *
     * @param channel the channel number
     */
    record ChannelNumber(int channel) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code channel} does not fit in 16 bits */
        public ChannelNumber {
            requireU16(channel, "channel");
        }

        @Override
        public int type() {
            return AttributeType.CHANNEL_NUMBER;
        }
    }

    /**
     * LIFETIME (RFC 8656 §18.2): the seconds a TURN allocation lives without a refresh.
     *
     * @param seconds an unsigned 32-bit number of seconds
     */
    record Lifetime(long seconds) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code seconds} is not 0..2^32-1 */
        public Lifetime {
            requireU32(seconds, "lifetime");
        }

        @Override
        public int type() {
            return AttributeType.LIFETIME;
        }
    }

    /**
     * DATA (RFC 8656 §18.4): application data of a Send or Data indication.
     *
     * @param data the payload
     */
    record Data(byte[] data) implements StunAttribute {
        /** @throws IllegalArgumentException if {@code data} is longer than 65535 bytes */
        public Data {
            requireU16(data.length, "data length");
            data = data.clone();
        }

        /** @return a copy of the payload */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** @return the payload length, without copying */
        public int length() {
            return data.length;
        }

        @Override
        public int type() {
            return AttributeType.DATA;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Data[" + data.length + " bytes]";
        }
    }

    /**
     * EVEN-PORT (RFC 8656 §18.6): ask for an even relayed port.
     *
     * @param reserveNextPort the R bit: also reserve the next higher port
     */
    record EvenPort(boolean reserveNextPort) implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.EVEN_PORT;
        }
    }

    /**
     * REQUESTED-TRANSPORT (RFC 8656 §18.7): the relay's transport protocol.
     *
     * @param protocol an IANA protocol number, {@link #UDP} for WebRTC
     */
    record RequestedTransport(int protocol) implements StunAttribute {
        /** UDP, protocol number 17. */
        public static final int UDP = 17;

        /** @throws IllegalArgumentException if {@code protocol} is not 0..255 */
        public RequestedTransport {
            if (protocol < 0 || protocol > 0xFF) {
                throw new IllegalArgumentException("protocol must be 0..255: " + protocol);
            }
        }

        @Override
        public int type() {
            return AttributeType.REQUESTED_TRANSPORT;
        }
    }

    /** DONT-FRAGMENT (RFC 8656 §18.8): set DF on the relayed datagrams. */
    record DontFragment() implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.DONT_FRAGMENT;
        }
    }

    /**
     * RESERVATION-TOKEN (RFC 8656 §18.9): names a relayed port reserved by EVEN-PORT.
     *
     * @param token the 8-byte token
     */
    record ReservationToken(long token) implements StunAttribute {
        @Override
        public int type() {
            return AttributeType.RESERVATION_TOKEN;
        }
    }

    /**
     * An attribute this package does not model, kept as received and written back unchanged.
     *
     * @param type the attribute type, 0..0xFFFF, not one of the types {@link AttributeType} models
     * @param value the attribute value, without padding
     */
    record Unknown(int type, byte[] value) implements StunAttribute {
        /**
         * @throws IllegalArgumentException if {@code type} does not fit in 16 bits or is modelled
         *     by a typed attribute, or {@code value} is longer than 65535 bytes
         */
        public Unknown {
            requireU16(type, "attribute type");
            if (AttributeType.isKnown(type)) {
                throw new IllegalArgumentException(
                        String.format("attribute 0x%04x has a typed record, use it", type));
            }
            requireU16(value.length, "value length");
            value = value.clone();
        }

        /** @return whether the receiver must reject a message with this attribute (RFC 8489 §15) */
        public boolean comprehensionRequired() {
            return AttributeType.isComprehensionRequired(type);
        }

        /** @return a copy of the value */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && type == other.type && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return String.format("Unknown[0x%04x, %s]", type, HexFormat.of().formatHex(value));
        }
    }

    private static void requireResolved(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be resolved: " + address);
        }
    }

    private static void requireU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535: " + value);
        }
    }

    private static void requireU32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " must be 0..2^32-1: " + value);
        }
    }
}
