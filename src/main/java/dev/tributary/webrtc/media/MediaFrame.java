package dev.tributary.webrtc.media;

import java.util.Arrays;

/**
 * One coded frame: an H.264 access unit in Annex B form, a VP8 frame, a VP9 frame or superframe,
 * an AV1 temporal unit in low-overhead form, or an Opus packet.
 *
 * <p><b>Lifetime.</b> A depacketizer hands its sink a view over its own reused buffer: {@link
 * #data()} is that buffer, and the view is valid only until the sink returns. {@link #copy()}
 * gives an independent frame that owns an array of exactly {@link #length()} bytes and may be
 * kept. Frames are not thread-safe.
 */
public final class MediaFrame {

    private final Codec codec;
    private byte[] data;
    private int length;
    private long timestamp;
    private boolean keyframe;
    private boolean complete;
    private boolean discontinuity;
    private int durationSamples;

    MediaFrame(Codec codec) {
        this.codec = codec;
        this.data = new byte[0];
    }

    void set(byte[] data, int length, long timestamp, boolean keyframe, boolean complete,
            boolean discontinuity, int durationSamples) {
        this.data = data;
        this.length = length;
        this.timestamp = timestamp;
        this.keyframe = keyframe;
        this.complete = complete;
        this.discontinuity = discontinuity;
        this.durationSamples = durationSamples;
    }

    /** @return the codec of the frame */
    public Codec codec() {
        return codec;
    }

    /**
     * The RTP timestamp of the frame's packets, unwrapped to 64 bits by the depacketizer so that
     * it keeps increasing across the 32-bit wrap (see {@code rtp.TimestampUnwrapper}); the first
     * frame of a stream has the packet's own value.
     *
     * @return the unwrapped RTP timestamp in {@link Codec#clockRate()} units
     */
    public long timestamp() {
        return timestamp;
    }

    /** @return the timestamp as carried in the RTP header, 0 to 2<sup>32</sup>-1 */
    public long rtpTimestamp() {
        return timestamp & 0xFFFF_FFFFL;
    }

    /**
     * @return whether a decoder can start here: an H.264 IDR, a VP8/VP9 key frame, an AV1 temporal
     *     unit that starts a coded video sequence; always true for Opus
     */
    public boolean keyframe() {
        return keyframe;
    }

    /**
     * @return false if any part of the frame is known or suspected missing: lost or corrupt
     *     packets inside it, an unfinished fragment, or loss just before a frame whose first
     *     packet cannot be proven to be its start. An incomplete frame is emitted so that the
     *     owner can decide (see {@link KeyframeGate}); it is never marked complete.
     */
    public boolean complete() {
        return complete;
    }

    /**
     * @return whether packets were lost, or a frame was discarded, between the previous emitted
     *     frame and this one: a decoder reference may be missing even if this frame is complete
     */
    public boolean discontinuity() {
        return discontinuity;
    }

    /** @return the duration in 48 kHz samples from the Opus TOC, 0 for video */
    public int durationSamples() {
        return durationSamples;
    }

    /**
     * The array holding the frame's bytes at indices 0 to {@link #length()}-1. For a view handed
     * to a {@link FrameSink} this is the depacketizer's buffer: read it, never write it, and do
     * not keep it after the sink returns.
     *
     * @return the backing array, possibly longer than the frame
     */
    public byte[] data() {
        return data;
    }

    /** @return the frame length in bytes */
    public int length() {
        return length;
    }

    /** @return a copy of the frame's bytes */
    public byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }

    /** @return an independent frame with its own copy of the bytes and the same properties */
    public MediaFrame copy() {
        MediaFrame copy = new MediaFrame(codec);
        copy.set(toByteArray(), length, timestamp, keyframe, complete, discontinuity, durationSamples);
        return copy;
    }

    /** @return the codec, timestamp, length and flags */
    @Override
    public String toString() {
        return "MediaFrame[" + codec + " ts=" + timestamp + " len=" + length
                + (keyframe ? " key" : "") + (complete ? "" : " incomplete")
                + (discontinuity ? " discontinuity" : "")
                + (durationSamples > 0 ? " samples=" + durationSamples : "") + "]";
    }
}
