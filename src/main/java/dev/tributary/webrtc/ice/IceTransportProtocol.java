package dev.tributary.webrtc.ice;

/** The transport protocol of a candidate (RFC 8839 §5.1; TCP is RFC 6544). */
public enum IceTransportProtocol {
    /** UDP, the only transport the agent forms pairs with. */
    UDP,
    /** TCP (RFC 6544): kept in the model, not paired by the agent. */
    TCP
}
