package dev.tributary.webrtc.media;

/**
 * Receives the frames a {@link Depacketizer} assembles.
 *
 * <p>The frame passed in is a view over the depacketizer's reused buffer: it is valid only until
 * {@code onFrame} returns. A sink that keeps a frame calls {@link MediaFrame#copy()}.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * @param frame the assembled frame, valid during this call only
     */
    void onFrame(MediaFrame frame);
}
