package dev.tributary.ingest.recording;

import java.time.Instant;

/**
 * A filter over recordings; every null component matches all.
 *
 * @param streamKey only recordings of this stream key
 * @param state only recordings in this state
 * @param from only recordings started at or after this instant
 * @param to only recordings started before this instant
 */
public record RecordingQuery(String streamKey, RecordingState state, Instant from, Instant to) {

    /** The query that matches every recording. */
    public static final RecordingQuery ALL = new RecordingQuery(null, null, null, null);

    /** Whether {@code m} passes the filter. */
    public boolean matches(RecordingManifest m) {
        return (streamKey == null || streamKey.equals(m.streamKey()))
                && (state == null || state == m.state())
                && (from == null || !m.startedAt().isBefore(from))
                && (to == null || m.startedAt().isBefore(to));
    }
}
