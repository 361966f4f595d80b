package dev.tributary.webrtc.media;

import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.TimestampUnwrapper;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the RTP packets of one stream, in sequence order, back into coded frames.
 *
 * <p><b>Input.</b> A jitter buffer calls {@link #push(RtpPacketView, FrameSink)} with each
 * packet in sequence order, and {@link #lost()} whenever packets before the next one could not be
 * recovered. Reordering is the jitter buffer's job; a packet pushed out of order is treated as if
 * the stream really were in that order.
 *
 * <p><b>Frame boundaries.</b> A frame ends at a packet with the marker bit, or when a packet with
 * another RTP timestamp arrives (then the frame was not marked, and is complete only if no loss
 * was reported in between). Opus ends a frame at every packet. {@link #flush(FrameSink)} ends a
 * pending frame at the end of the stream.
 *
 * <p><b>Output.</b> Each frame is handed to the sink as a {@link MediaFrame} view over this
 * depacketizer's reused buffer, valid only until the sink returns; one push may emit up to two
 * frames (the one a timestamp change ends and a one-packet marked frame). Frames with known or
 * suspected holes are emitted with {@link MediaFrame#complete()} false, never as complete; a frame
 * left with no bytes at all is not emitted.
 *
 * <p><b>Bad input</b> is never thrown: a corrupt or unsupported payload is dropped, counted by
 * {@link DropReason}, and makes its frame incomplete. Only programmer errors (a null argument)
 * throw.
 *
 * <p><b>Allocation.</b> Packets are assembled into one growing buffer (at most {@link
 * #MAX_FRAME_BYTES}); once it has grown to the largest frame, the steady state allocates
 * nothing. Parameter sets and sequence headers are copied only when they change. Not
 * thread-safe: one depacketizer per stream, used by the stream's owner.
 */
public abstract sealed class Depacketizer
        permits H264Depacketizer, Vp8Depacketizer, Vp9Depacketizer, Av1Depacketizer, OpusDepacketizer {

    /** The largest frame assembled; packets that would grow a frame beyond it are dropped. */
    public static final int MAX_FRAME_BYTES = 16 << 20;

    /** Room codecs may add to a packet's payload size (start codes, size fields, indices). */
    private static final int OVERHEAD_PER_PACKET = 1024;

    private final Codec codec;
    private final MediaFrame frame;
    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    private final long[] drops = new long[DropReason.values().length];

    /** The frame being assembled: {@code out[0, outLength)}. */
    byte[] out = new byte[2048];
    int outLength;

    private boolean frameOpen;
    private long frameRtpTimestamp;
    private long frameTimestamp;
    private boolean damaged;
    private boolean startUncertain;
    private boolean lossPending;
    private boolean discontinuity;

    /** Set by the codec in {@link #endFrame()}. */
    boolean frameKeyframe;
    /** Set by the codec in {@link #endFrame()}; 0 for video. */
    int frameDurationSamples;

    private long packets;
    private long frames;
    private long incompleteFrames;
    private long discardedFrames;

    Depacketizer(Codec codec) {
        this.codec = codec;
        this.frame = new MediaFrame(codec);
    }

    /**
     * @param codec the codec of the stream
     * @return a new depacketizer for it
     */
    public static Depacketizer create(Codec codec) {
        return switch (Objects.requireNonNull(codec, "codec")) {
            case H264 -> new H264Depacketizer();
            case VP8 -> new Vp8Depacketizer();
            case VP9 -> new Vp9Depacketizer();
            case AV1 -> new Av1Depacketizer();
            case OPUS -> new OpusDepacketizer();
        };
    }

    /** @return the codec this depacketizer reads */
    public final Codec codec() {
        return codec;
    }

    /**
     * Takes the next packet in sequence order and emits the frames it completes.
     *
     * @param packet the packet; read during this call only
     * @param sink receives each completed frame, valid only during its call
     * @throws NullPointerException if an argument is null
     */
    public final void push(RtpPacketView packet, FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        packets++;
        int length = packet.payloadLength();
        if (length <= 0) {
            drops[DropReason.EMPTY.ordinal()]++;
            return;
        }
        long rtpTimestamp = packet.timestamp();
        if (frameOpen && rtpTimestamp != frameRtpTimestamp) {
            finish(sink, !lossPending);
        }
        if (lossPending) {
            lossPending = false;
            discontinuity = true;
            if (frameOpen) {
                damaged = true;
                lossInFrame();
            } else {
                startUncertain = true;
            }
        }
        byte[] buf = packet.buffer();
        int offset = packet.payloadOffset();
        if (!frameOpen) {
            frameOpen = true;
            frameRtpTimestamp = rtpTimestamp;
            frameTimestamp = unwrapper.unwrap(rtpTimestamp);
            if (startUncertain && startsFrame(buf, offset, length)) {
                startUncertain = false;
            }
        }
        if (outLength > MAX_FRAME_BYTES - 2 * length - OVERHEAD_PER_PACKET) {
            drop(DropReason.OVERSIZED);
            damaged = true;
        } else {
            ensureCapacity(outLength + 2 * length + OVERHEAD_PER_PACKET);
            if (!depacketize(buf, offset, length)) {
                damaged = true;
            }
        }
        if (packet.marker() || codec == Codec.OPUS) {
            finish(sink, true);
        }
    }

    /**
     * Reports that packets before the next pushed one were lost for good. The frame in progress,
     * or the next frame if it cannot be shown to start at its first packet, becomes incomplete,
     * and the next emitted frame has {@link MediaFrame#discontinuity()} set.
     */
    public final void lost() {
        lossPending = true;
    }

    /**
     * Ends the stream: emits the pending frame, if any, as incomplete unless its last packet
     * carried the marker bit (it then was emitted already).
     *
     * @param sink receives the frame
     */
    public final void flush(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (frameOpen) {
            finish(sink, false);
        }
    }

    /** @return RTP packets pushed, including dropped ones */
    public final long packets() {
        return packets;
    }

    /** @return frames emitted, complete or not */
    public final long frames() {
        return frames;
    }

    /** @return frames emitted with {@link MediaFrame#complete()} false */
    public final long incompleteFrames() {
        return incompleteFrames;
    }

    /** @return frames not emitted because nothing of them was left after dropping packets */
    public final long discardedFrames() {
        return discardedFrames;
    }

    /**
     * @param reason a drop reason
     * @return how many packets (or fragmented units, for {@link DropReason#INCOMPLETE_FRAGMENT})
     *     were dropped for it
     */
    public final long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** @return the sum of all drop counters */
    public final long droppedTotal() {
        return Arrays.stream(drops).sum();
    }

    private void finish(FrameSink sink, boolean endSeen) {
        boolean intact = endFrame();
        boolean complete = intact && endSeen && !damaged && !startUncertain;
        int length = outLength;
        boolean wasDiscontinuous = discontinuity;
        frameOpen = false;
        damaged = false;
        startUncertain = false;
        outLength = 0;
        if (length == 0) {
            discardedFrames++;
            discontinuity = true;
            return;
        }
        discontinuity = false;
        frames++;
        if (!complete) {
            incompleteFrames++;
        }
        frame.set(out, length, frameTimestamp, frameKeyframe, complete, wasDiscontinuous,
                frameDurationSamples);
        sink.onFrame(frame);
    }

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /** Grows {@link #out} to hold at least {@code capacity} bytes, keeping its content. */
    final void ensureCapacity(int capacity) {
        if (capacity > out.length) {
            out = Arrays.copyOf(out, Math.max(capacity, Math.min(2 * out.length, MAX_FRAME_BYTES + 4096)));
        }
    }

    final void append(byte[] src, int offset, int length) {
        System.arraycopy(src, offset, out, outLength, length);
        outLength += length;
    }

    /**
     * Whether the packet payload provably begins a frame; asked only for the first packet of a
     * frame that follows a reported loss.
     */
    abstract boolean startsFrame(byte[] buf, int offset, int length);

    /**
     * Appends what the payload carries to {@link #out}; {@link #ensureCapacity} has made room
     * for twice the payload plus {@link #OVERHEAD_PER_PACKET}.
     *
     * @return false if the packet was dropped (its reason already counted)
     */
    abstract boolean depacketize(byte[] buf, int offset, int length);

    /** Loss inside the frame in progress: abandon any unit being reassembled from fragments. */
    abstract void lossInFrame();

    /**
     * Ends the frame in {@link #out}: discards unfinished units, adds what the output format
     * needs, sets {@link #frameKeyframe} and {@link #frameDurationSamples}, resets per-frame state.
     *
     * @return false if something had to be discarded
     */
    abstract boolean endFrame();
}
