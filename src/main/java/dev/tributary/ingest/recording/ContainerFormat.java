package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import java.util.EnumSet;
import java.util.Set;

/** The file formats a recording is written in. */
public enum ContainerFormat {
    /** WebM: VP8, VP9, AV1 and Opus; plays in browsers. */
    WEBM("webm", ".webm", EnumSet.of(Codec.VP8, Codec.VP9, Codec.AV1, Codec.OPUS)),
    /** Fragmented MP4 (ISO BMFF): H.264 and Opus; plays in browsers. */
    FRAGMENTED_MP4("mp4", ".mp4", EnumSet.of(Codec.H264, Codec.OPUS)),
    /** Matroska: every codec. */
    MATROSKA("matroska", ".mkv", EnumSet.allOf(Codec.class));

    private final String muxerName;
    private final String extension;
    private final Set<Codec> codecs;

    ContainerFormat(String muxerName, String extension, Set<Codec> codecs) {
        this.muxerName = muxerName;
        this.extension = extension;
        this.codecs = codecs;
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
