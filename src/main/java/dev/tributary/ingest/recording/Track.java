package dev.tributary.ingest.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One track of a recording.
 *
 * @param kind {@code audio} or {@code video}
 * @param codec the codec's media subtype as SDP names it ({@code H264}, {@code VP8}, {@code VP9},
 *     {@code AV1}, {@code opus})
 * @param clockRate the RTP clock rate in Hz, or null if unknown
 * @param width the video width in pixels, or null (audio, or not known yet)
 * @param height the video height in pixels, or null
 * @param channels the audio channel count, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Track(String kind, String codec, Integer clockRate, Integer width, Integer height, Integer channels) {

    public Track {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
    }

    /** A video track. */
    public static Track video(String codec, Integer width, Integer height) {
        return new Track("video", codec, 90_000, width, height, null);
    }

    /** An audio track. */
    public static Track audio(String codec, int clockRate, int channels) {
        return new Track("audio", codec, clockRate, null, null, channels);
    }
}
