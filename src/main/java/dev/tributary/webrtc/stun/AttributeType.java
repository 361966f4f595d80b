package dev.tributary.webrtc.stun;

/**
 * STUN attribute type numbers (IANA "STUN Attributes" registry) for the attributes this package
 * models as typed {@link StunAttribute}s.
 *
 * <p>Types below 0x8000 are comprehension-required: an agent that does not understand one must
 * reject the message (RFC 8489 §15).
 */
public final class AttributeType {

    /** RFC 8489 §14.1. */
    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 8489 §14.3. */
    public static final int USERNAME = 0x0006;
    /** RFC 8489 §14.5. */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** RFC 8489 §14.8. */
    public static final int ERROR_CODE = 0x0009;
    /** RFC 8489 §14.13. */
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    /** RFC 8656 §18.1. */
    public static final int CHANNEL_NUMBER = 0x000C;
    /** RFC 8656 §18.2. */
    public static final int LIFETIME = 0x000D;
    /** RFC 8656 §18.3. */
    public static final int XOR_PEER_ADDRESS = 0x0012;
    /** RFC 8656 §18.4. */
    public static final int DATA = 0x0013;
    /** RFC 8489 §14.9. */
    public static final int REALM = 0x0014;
    /** RFC 8489 §14.10. */
    public static final int NONCE = 0x0015;
    /** RFC 8656 §18.5. */
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    /** RFC 8656 §18.7. */
    public static final int EVEN_PORT = 0x0018;
    /** RFC 8656 §18.8. */
    public static final int REQUESTED_TRANSPORT = 0x0019;
    /** RFC 8656 §18.9. */
    public static final int DONT_FRAGMENT = 0x001A;
    /** RFC 8489 §14.6. */
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    /** RFC 8489 §14.12. */
    public static final int PASSWORD_ALGORITHM = 0x001D;
    /** RFC 8489 §14.2. */
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RFC 8656 §18.10. */
    public static final int RESERVATION_TOKEN = 0x0022;
    /** RFC 8445 §16.1. */
    public static final int PRIORITY = 0x0024;
    /** RFC 8445 §16.1. */
    public static final int USE_CANDIDATE = 0x0025;
    /** RFC 8489 §14.11. */
    public static final int PASSWORD_ALGORITHMS = 0x8002;
    /** RFC 8489 §14.14. */
    public static final int SOFTWARE = 0x8022;
    /** RFC 8489 §14.7. */
    public static final int FINGERPRINT = 0x8028;
    /** RFC 8445 §16.1. */
    public static final int ICE_CONTROLLED = 0x8029;
    /** RFC 8445 §16.1. */
    public static final int ICE_CONTROLLING = 0x802A;

    private AttributeType() {}

    /**
     * @param type an attribute type, 0..0xFFFF
     * @return whether an agent that does not know {@code type} must reject the message
     *     (0x0000–0x7FFF, RFC 8489 §15)
     */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /**
     * @param type an attribute type
     * @return whether this package parses {@code type} into a typed attribute rather than
     *     {@link StunAttribute.Unknown}
     */
    public static boolean isKnown(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES,
                    CHANNEL_NUMBER, LIFETIME, XOR_PEER_ADDRESS, DATA, REALM, NONCE,
                    XOR_RELAYED_ADDRESS, EVEN_PORT, REQUESTED_TRANSPORT, DONT_FRAGMENT,
                    MESSAGE_INTEGRITY_SHA256, PASSWORD_ALGORITHM, XOR_MAPPED_ADDRESS,
                    RESERVATION_TOKEN, PRIORITY, USE_CANDIDATE, PASSWORD_ALGORITHMS, SOFTWARE,
                    FINGERPRINT, ICE_CONTROLLED, ICE_CONTROLLING -> true;
            default -> false;
        };
    }
}
