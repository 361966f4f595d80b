package dev.tributary.ingest.recording;

/**
 * Told when a recording starts and ends. Called on the thread that changed the recording (a
 * session's writer or its ending thread): implementations return at once and never throw.
 */
public interface RecordingListener {

    /** The recording is listed and its file is about to be written (state {@code recording}). */
    default void started(RecordingManifest manifest) {}

    /** The recording ended normally (state {@code complete}). */
    default void completed(RecordingManifest manifest) {}

    /** The recording failed (state {@code failed}); what was written, if anything, is kept. */
    default void failed(RecordingManifest manifest) {}
}
