package dev.tributary.webrtc.ice;

/** The {@code tcptype} of a TCP candidate (RFC 6544 §4.5). */
public enum IceTcpType {
    /** Opens outgoing connections only. */
    ACTIVE,
    /** Accepts incoming connections only. */
    PASSIVE,
    /** Simultaneous open. */
    SO
}
