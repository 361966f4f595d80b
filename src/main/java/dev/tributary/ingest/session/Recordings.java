package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.ingest.recording.RecordingWriter;
import dev.tributary.ingest.recording.TrackFormat;
import java.nio.file.Path;
import java.util.List;

/** What a session needs of the recordings catalog. */
interface Recordings {

    /** A new recording id. */
    String newId();

    /**
     * The recording's file is about to be created: list the recording (state {@code recording})
     * and say where its media goes.
     */
    Path start(String recordingId, String streamKey, ContainerFormat container, List<TrackFormat> tracks);

    /** How much has been written so far. */
    void progress(String recordingId, long durationMs);

    /**
     * The recording ended: complete, or failed with {@code failure} (null when it completed).
     * Called for every id {@link #start} was called for.
     */
    void finish(String recordingId, RecordingWriter.Result result, String failure);
}
