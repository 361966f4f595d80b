package dev.tributary.webrtc.ice;

/**
 * The type of a candidate (RFC 8445 §5.1.1), with the type preference RFC 8445 §5.1.2.2
 * recommends.
 */
public enum IceCandidateType {
    /** An address of a local interface, or an address announced for it. */
    HOST("host", 126),
    /** The address a NAT maps a host candidate to, learned from a STUN server. */
    SRFLX("srflx", 100),
    /** An address learned from a connectivity check (RFC 8445 §7.2.5.3.1, §7.3.1.3). */
    PRFLX("prflx", 110),
    /** An address allocated on a TURN server. */
    RELAY("relay", 0);

    private final String sdpName;
    private final int typePreference;

    IceCandidateType(String sdpName, int typePreference) {
        this.sdpName = sdpName;
        this.typePreference = typePreference;
    }

    /** @return the name in the {@code typ} field of an SDP candidate (RFC 8839 §5.1) */
    public String sdpName() {
        return sdpName;
    }

    /** @return the recommended type preference, 0..126 (RFC 8445 §5.1.2.2) */
    public int typePreference() {
        return typePreference;
    }
}
