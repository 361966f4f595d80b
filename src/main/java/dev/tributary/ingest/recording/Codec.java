package dev.tributary.ingest.recording;

/** The codecs a recording can hold, as the depacketizers deliver them. */
public enum Codec {
    /** H.264 access units in Annex B byte stream format. */
    H264(true),
    /** VP8 frames. */
    VP8(true),
    /** VP9 frames, superframes included. */
    VP9(true),
    /** AV1 temporal units in low-overhead bitstream format (OBUs with size fields). */
    AV1(true),
    /** Opus packets at 48 kHz. */
    OPUS(false);

    private final boolean video;

    Codec(boolean video) {
        this.video = video;
    }

    /** Whether this is a video codec. */
    public boolean isVideo() {
        return video;
    }
}
