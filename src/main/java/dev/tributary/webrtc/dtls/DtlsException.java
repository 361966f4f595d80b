package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.WebRtcException;
import java.util.Objects;

/**
 * A DTLS handshake or connection failed, or the transport was used in a state that does not
 * allow the operation. {@link #reason()} says which, for callers that react differently (for
 * example counting fingerprint mismatches apart from timeouts).
 */
public class DtlsException extends WebRtcException {

    /** Why the transport failed. */
    public enum Reason {
        /** The peer's certificate matches none of its SDP fingerprints (RFC 8122 §5). */
        FINGERPRINT_MISMATCH,
        /** The peer sent no certificate although WebRTC requires mutual authentication. */
        NO_CERTIFICATE,
        /** The peers share no DTLS-SRTP protection profile (RFC 5764 §4.1.2). */
        NO_COMMON_SRTP_PROFILE,
        /** The peer aborted with a fatal alert. */
        ALERT_RECEIVED,
        /** This side aborted the handshake or connection for a protocol violation. */
        PROTOCOL_ERROR,
        /** The handshake did not complete within the configured timeout. */
        TIMEOUT,
        /** The transport was closed before the handshake completed. */
        CLOSED,
        /** Application data was sent while the transport was not connected. */
        NOT_CONNECTED
    }

    private final Reason reason;

    /**
     * @param reason why the transport failed
     * @param message what happened, for logs and problem details
     */
    public DtlsException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason why the transport failed
     * @param message what happened, for logs and problem details
     * @param cause the underlying exception, typically from BouncyCastle
     */
    public DtlsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the transport failed. */
    public Reason reason() {
        return reason;
    }
}
