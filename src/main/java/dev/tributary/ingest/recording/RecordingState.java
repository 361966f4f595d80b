package dev.tributary.ingest.recording;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a recording is in its life. Its JSON and query form is the lower-case name. */
public enum RecordingState {
    /** Being written by a live session. */
    RECORDING,
    /** Ended normally; the file is whole. */
    COMPLETE,
    /** The service stopped while it was written; the file is playable up to about its last second. */
    INTERRUPTED,
    /** The recorder gave up on it; {@link RecordingManifest#error()} says why. The file may be partial. */
    FAILED;

    /** The JSON and query parameter form. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state named {@code value} (case-insensitive).
     *
     * @throws IllegalArgumentException if there is none
     */
    public static RecordingState of(String value) {
        for (RecordingState state : values()) {
            if (state.value().equalsIgnoreCase(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown recording state: " + value);
    }
}
