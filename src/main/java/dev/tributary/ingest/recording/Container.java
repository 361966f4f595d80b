package dev.tributary.ingest.recording;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The container format of a recording's media file. Its JSON form is the lower-case name. */
public enum Container {
    /** WebM: VP8, VP9 or AV1 with Opus. */
    WEBM("webm", "video/webm"),
    /** Fragmented MP4: H.264 with Opus. */
    MP4("mp4", "video/mp4"),
    /** Matroska: any codec. */
    MKV("mkv", "video/x-matroska");

    private final String extension;
    private final String mediaType;

    Container(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The JSON form. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The HTTP media type browsers expect. */
    public String mediaType() {
        return mediaType;
    }
}
