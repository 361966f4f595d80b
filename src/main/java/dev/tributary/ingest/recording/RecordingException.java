package dev.tributary.ingest.recording;

/**
 * A recording could not be opened, written or finalised: the container rejected the track
 * parameters, the muxer or the file system reported an error, or the muxer was used after it
 * failed or was closed.
 *
 * <p>Unchecked, like the stack's own {@code WebRtcException}; each method documents when it throws.
 * Malformed media frames are not reported this way: the muxer counts and drops them.
 */
public class RecordingException extends RuntimeException {

    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
