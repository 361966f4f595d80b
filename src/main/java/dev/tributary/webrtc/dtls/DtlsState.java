package dev.tributary.webrtc.dtls;

/**
 * The life cycle of a {@link DtlsTransport}, named like the W3C {@code RTCDtlsTransportState}.
 *
 * <p>{@link #CLOSED} and {@link #FAILED} are final: a transport never leaves them.
 */
public enum DtlsState {
    /** Created; the handshake has not started. */
    NEW,
    /** The handshake is running. */
    CONNECTING,
    /** The handshake completed and the peer's certificate matched its SDP fingerprint. */
    CONNECTED,
    /** Closed by {@link DtlsTransport#close()} or by the peer's close_notify. */
    CLOSED,
    /** The handshake or the connection failed (verification, alert, timeout). */
    FAILED
}
