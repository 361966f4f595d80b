package dev.tributary.webrtc.media;

/** The media codecs the stack packetizes and depacketizes, with their RTP clock rates. */
public enum Codec {
    /** H.264, RFC 6184. */
    H264(90_000, true),
    /** VP8, RFC 7741. */
    VP8(90_000, true),
    /** VP9, RFC 9628. */
    VP9(90_000, true),
    /** AV1, AOM "RTP Payload Format for AV1". */
    AV1(90_000, true),
    /** Opus, RFC 7587: the RTP clock is always 48 kHz whatever the coded bandwidth. */
    OPUS(48_000, false);

    private final int clockRate;
    private final boolean video;

    Codec(int clockRate, boolean video) {
        this.clockRate = clockRate;
        this.video = video;
    }

    /** @return the RTP timestamp rate in Hz */
    public int clockRate() {
        return clockRate;
    }

    /** @return whether this is a video codec (frames may span packets, keyframes matter) */
    public boolean isVideo() {
        return video;
    }
}
