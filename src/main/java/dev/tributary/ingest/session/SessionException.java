package dev.tributary.ingest.session;

import java.util.Objects;

/** A session request that cannot be carried out; the reason maps to an HTTP status. */
public class SessionException extends RuntimeException {

    /** Why. */
    public enum Reason {
        MALFORMED_OFFER,
        UNACCEPTABLE_OFFER,
        STREAM_BUSY,
        CAPACITY,
        UNKNOWN_SESSION,
        MALFORMED_FRAGMENT
    }

    private final Reason reason;

    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SessionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
