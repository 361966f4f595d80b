package dev.tributary.webrtc.media;

import java.util.Objects;

/**
 * Passes a video depacketizer's frames on only from a keyframe on, so that a recording or a
 * decoder never starts on, or continues after, a frame whose references are missing.
 *
 * <p>The gate starts closed. A complete keyframe opens it. An incomplete frame, a frame after a
 * discontinuity that is not a keyframe, or {@link #gap()} closes it again. While it is closed,
 * {@link #keyframeNeeded()} is true: the owner polls it (or watches {@link #keyframeRequests()})
 * and sends PLI or FIR at the rate it sees fit; the gate sends nothing itself.
 *
 * <p>It is a {@link FrameSink} in front of another: frames that pass are the same views the
 * depacketizer emitted, with the same lifetime. Not thread-safe.
 */
public final class KeyframeGate implements FrameSink {

    private final FrameSink downstream;
    private boolean open;
    private long keyframeRequests = 1;
    private long passed;
    private long held;

    /**
     * @param downstream receives the frames that pass
     */
    public KeyframeGate(FrameSink downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    @Override
    public void onFrame(MediaFrame frame) {
        if (!frame.complete() || frame.discontinuity() && !frame.keyframe()) {
            close();
        }
        if (!open && frame.complete() && frame.keyframe()) {
            open = true;
        }
        if (!open) {
            held++;
            return;
        }
        passed++;
        downstream.onFrame(frame);
    }

    /** Closes the gate at once, e.g. when the jitter buffer gives up on a gap. */
    public void gap() {
        close();
    }

    private void close() {
        if (open) {
            open = false;
            keyframeRequests++;
        }
    }

    /** @return whether the gate is closed, waiting for a keyframe that should be requested */
    public boolean keyframeNeeded() {
        return !open;
    }

    /**
     * @return how many times the gate closed, the initial closed state included; it grows by one
     *     each time a new keyframe becomes necessary
     */
    public long keyframeRequests() {
        return keyframeRequests;
    }

    /** @return frames passed downstream */
    public long passed() {
        return passed;
    }

    /** @return frames held back while the gate was closed */
    public long held() {
        return held;
    }
}
