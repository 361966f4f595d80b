package dev.tributary.webrtc.stun;

/**
 * The 12-bit method of a STUN message (RFC 8489 §5, §18.2). Unknown methods are kept, so that a
 * server can answer them with an error.
 *
 * @param code the method number, 0x000..0xFFF
 */
public record StunMethod(int code) {

    /** Binding (RFC 8489 §3): reflexive addresses and ICE connectivity checks. */
    public static final StunMethod BINDING = new StunMethod(0x001);
    /** Allocate (RFC 8656 §7): create a TURN allocation. */
    public static final StunMethod ALLOCATE = new StunMethod(0x003);
    /** Refresh (RFC 8656 §7.3): extend or delete a TURN allocation. */
    public static final StunMethod REFRESH = new StunMethod(0x004);
    /** Send (RFC 8656 §10.1): indication carrying data from client to peer. */
    public static final StunMethod SEND = new StunMethod(0x006);
    /** Data (RFC 8656 §10.3): indication carrying data from peer to client. */
    public static final StunMethod DATA = new StunMethod(0x007);
    /** CreatePermission (RFC 8656 §9). */
    public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008);
    /** ChannelBind (RFC 8656 §11). */
    public static final StunMethod CHANNEL_BIND = new StunMethod(0x009);

    /** @throws IllegalArgumentException if {@code code} does not fit in 12 bits */
    public StunMethod {
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("method must be 0x000..0xFFF: " + code);
        }
    }

    @Override
    public String toString() {
        return switch (code) {
            case 0x001 -> "Binding";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            default -> String.format("Method(0x%03x)", code);
        };
    }
}
