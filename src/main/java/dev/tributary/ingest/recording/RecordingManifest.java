package dev.tributary.ingest.recording;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known of one recording; stored as JSON beside its media file.
 *
 * @param id the recording's id ({@link RecordingIds})
 * @param streamKey the stream key it was published to
 * @param state where it is in its life
 * @param startedAt when it started
 * @param endedAt when it ended, or null while it is recording
 * @param durationMs the media duration written so far, in milliseconds
 * @param container the container format of the media file
 * @param sizeBytes the media file's size so far, in bytes
 * @param tracks its tracks
 * @param error why it failed, or null
 * @param mediaKey the storage key of the media file, which is also its file name
 */
public record RecordingManifest(String id, String streamKey, RecordingState state, Instant startedAt, Instant endedAt,
        long durationMs, ContainerFormat container, long sizeBytes, List<Track> tracks, String error, String mediaKey) {

    public RecordingManifest {
        RecordingIds.require(id);
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(mediaKey, "mediaKey");
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        if (durationMs < 0 || sizeBytes < 0) {
            throw new IllegalArgumentException("negative duration or size");
        }
    }

    RecordingManifest withProgress(long newDurationMs, long newSizeBytes) {
        return new RecordingManifest(id, streamKey, state, startedAt, endedAt, newDurationMs, container, newSizeBytes,
                tracks, error, mediaKey);
    }

    RecordingManifest withTracks(List<Track> newTracks) {
        return new RecordingManifest(id, streamKey, state, startedAt, endedAt, durationMs, container, sizeBytes,
                newTracks, error, mediaKey);
    }

    RecordingManifest ended(RecordingState newState, Instant at, String why) {
        return new RecordingManifest(id, streamKey, newState, startedAt, at, durationMs, container, sizeBytes, tracks,
                why, mediaKey);
    }
}
