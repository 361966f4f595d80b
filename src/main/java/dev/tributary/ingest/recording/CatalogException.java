package dev.tributary.ingest.recording;

import java.util.Objects;

/** A catalog request that cannot be carried out; the reason maps to an HTTP status. */
public class CatalogException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** A malformed recording id (HTTP 400). */
        INVALID_ID,
        /** A malformed or foreign pagination cursor (400). */
        INVALID_CURSOR,
        /** No recording has this id (404). */
        NOT_FOUND,
        /** The recording's media file is not in storage (404). */
        MEDIA_MISSING,
        /** The recording is live: it cannot be deleted (409). */
        LIVE,
        /** The recording has ended: it cannot be updated (409). */
        ENDED
    }

    private final Reason reason;

    public CatalogException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
