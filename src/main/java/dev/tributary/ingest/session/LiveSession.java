package dev.tributary.ingest.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A live session as the API shows it.
 *
 * @param id the session id (also the last path segment of its WHIP resource)
 * @param streamKey the stream key it publishes to
 * @param startedAt when the publish was accepted
 * @param state the peer connection's state ({@code new}, {@code connecting}, {@code connected},
 *     {@code disconnected})
 * @param recordingId the id of the recording it writes (with segments, the current segment's)
 * @param etag the current entity tag of the WHIP resource (changes on ICE restart)
 * @param bitrateBps the received bitrate over the last seconds, in bits per second
 */
public record LiveSession(String id, String streamKey, Instant startedAt, String state, String recordingId,
        String etag, long bitrateBps) {

    public LiveSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(etag, "etag");
    }
}
