package dev.tributary.ingest.recording;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.tributary.webrtc.media.Codec;
import java.util.EnumSet;
import java.util.Set;

/** The file formats a recording is written in. Its JSON form is the extension without the dot. */
public enum ContainerFormat {
    /** WebM: VP8, VP9, AV1 and Opus; plays in browsers. */
    WEBM("webm", ".webm", "video/webm", EnumSet.of(Codec.VP8, Codec.VP9, Codec.AV1, Codec.OPUS)),
    /** Fragmented MP4 (ISO BMFF): H.264 and Opus; plays in browsers. */
    FRAGMENTED_MP4("mp4", ".mp4", "video/mp4", EnumSet.of(Codec.H264, Codec.OPUS)),
    /** Matroska: every codec. */
    MATROSKA("matroska", ".mkv", "video/x-matroska", EnumSet.allOf(Codec.class));

    private final String muxerName;
    private final String extension;
    private final String mediaType;
    private final Set<Codec> codecs;

    ContainerFormat(String muxerName, String extension, String mediaType, Set<Codec> codecs) {
        this.muxerName = muxerName;
        this.extension = extension;
        this.mediaType = mediaType;
        this.codecs = codecs;
    }

    /** The JSON form: {@code webm}, {@code mp4} or {@code mkv}. */
    @JsonValue
    public String value() {
        return extension.substring(1);
    }

    /** The HTTP media type browsers expect. */
    public String mediaType() {
        return mediaType;
    }

    /** The browser-playable default for a recording with these codecs. */
    public static ContainerFormat forCodecs(Codec video, Codec audio) {
        if (video == null && audio == null) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
        if (video != null && !video.isVideo()) {
            throw new IllegalArgumentException(video + " is not a video codec");
        }
        if (audio != null && audio.isVideo()) {
            throw new IllegalArgumentException(audio + " is not an audio codec");
        }
        return video == Codec.H264 ? FRAGMENTED_MP4 : WEBM;
    }

    /** Whether this container can hold a track of {@code codec}. */
    public boolean supports(Codec codec) {
        return codecs.contains(codec);
    }

    /** The file name extension, dot included. */
    public String extension() {
        return extension;
    }

    /** libavformat's short name of the muxer. */
    String muxerName() {
        return muxerName;
    }
}
