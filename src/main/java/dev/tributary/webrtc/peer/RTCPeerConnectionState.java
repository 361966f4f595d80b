package dev.tributary.webrtc.peer;

/**
 * W3C {@code RTCPeerConnectionState}: the ICE and DTLS transports' states taken together.
 */
public enum RTCPeerConnectionState {
    NEW,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    /**
     * ICE or DTLS failed. The connection is finished: its sockets, threads and timers have been
     * released already, as if {@link RTCPeerConnection#close()} had been called.
     */
    FAILED,
    /** Closed by {@link RTCPeerConnection#close()}, or by the remote side (DTLS close_notify). */
    CLOSED
}
