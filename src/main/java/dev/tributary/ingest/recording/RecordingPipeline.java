package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Av1Depacketizer;
import dev.tributary.webrtc.media.Codec;
import dev.tributary.webrtc.media.Depacketizer;
import dev.tributary.webrtc.media.FrameSink;
import dev.tributary.webrtc.media.H264Depacketizer;
import dev.tributary.webrtc.media.JitterBuffer;
import dev.tributary.webrtc.media.KeyframeGate;
import dev.tributary.webrtc.media.MediaFrame;
import dev.tributary.webrtc.media.Vp8Depacketizer;
import dev.tributary.webrtc.media.Vp9Depacketizer;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiving half of a recording, sans-IO: per track a jitter buffer (reorders, waits for
 * retransmissions), a depacketizer and, for video, a keyframe gate; one {@link MediaTimeline}
 * for the session that puts every track on the sender's clock. RTP packets, sender reports and
 * the time go in; codec parameters and frames with presentation times come out through
 * {@link Output}, in the order a muxer can write them.
 *
 * <p>Not thread-safe: one owner (the peer connection's thread) calls it, and calls
 * {@link #onTimeout} at {@link #nextDeadline()}.
 */
public final class RecordingPipeline {

    /** What the pipeline produces. Called synchronously from the pipeline's methods. */
    public interface Output {

        /** The codec parameters of a track, once known and before its first frame. */
        void onFormat(int track, TrackFormat format);

        /**
         * A frame on the common timeline.
         *
         * @param data the frame's bytes, owned by the callee
         */
        void onFrame(int track, long ptsMicros, boolean keyframe, byte[] data);

        /** The video track needs a keyframe (loss the jitter buffer gave up on, or its start). */
        void requestKeyframe(int track);

        /** A keyframe of the video track went through: repeated requests can stop. */
        void keyframeReceived(int track);
    }

    /**
     * Counters of one track.
     *
     * @param packets RTP packets received
     * @param duplicates packets received twice (retransmissions of packets that arrived after all)
     * @param lost packets the jitter buffer gave up waiting for
     * @param frames frames written to the timeline
     * @param keyframes of which keyframes
     * @param droppedPackets packets the depacketizer could not use (corrupt, truncated …)
     * @param gatedFrames video frames dropped while waiting for a keyframe
     * @param keyframeRequests keyframes asked for
     */
    public record TrackStats(long packets, long duplicates, long lost, long frames, long keyframes,
            long droppedPackets, long gatedFrames, long keyframeRequests) {}

    private final MediaTimeline timeline;
    private final Output output;
    private final List<Track> tracks = new ArrayList<>();
    private long roundTripTime = JitterBuffer.DEFAULT_RTT_NANOS;

    public RecordingPipeline(MediaTimeline.Config timelineConfig, Output output) {
        this.timeline = new MediaTimeline(timelineConfig);
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * Adds a track; add every track before the first packet.
     *
     * @param ssrc the SSRC its packets and sender reports carry
     * @param codec its codec
     * @param audioChannels the channels of an Opus track (1 or 2); ignored for video
     * @return its number, 0 for the first
     */
    public int addTrack(long ssrc, Codec codec, int audioChannels) {
        int index = timeline.addTrack(ssrc, codec.clockRate());
        Track track = new Track(index, codec, audioChannels);
        tracks.add(track);
        if (codec.isVideo()) {
            track.requestKeyframe();
        }
        return index;
    }

    /**
     * Takes one RTP packet of a track (RTX already unwrapped).
     *
     * @param now its arrival time in nanoseconds
     */
    public void onRtp(long now, int track, RtpPacketView packet) {
        Track t = tracks.get(track);
        t.packets++;
        t.measureJitter(now, packet.timestamp());
        JitterBuffer.InsertResult result = t.jitterBuffer.insert(now, packet.buffer(), packet.offset(),
                packet.length());
        if (result == JitterBuffer.InsertResult.DUPLICATE) {
            t.duplicates++;
        }
        t.drain(now);
        releaseHeld(now);
    }

    /** Takes a sender report; reports of SSRCs that are no track's are ignored. */
    public void onSenderReport(long now, SenderReport report) {
        timeline.onSenderReport(now, report);
        releaseHeld(now);
    }

    /** The connection's round-trip time, which sets how long gaps wait for a retransmission. */
    public void setRoundTripTime(long nanos) {
        if (nanos > 0 && nanos != roundTripTime) {
            roundTripTime = nanos;
            for (Track track : tracks) {
                track.jitterBuffer.setRoundTripTime(nanos);
            }
        }
    }

    /** When {@link #onTimeout} is due, or {@code Long.MAX_VALUE}. */
    public long nextDeadline() {
        long deadline = timeline.nextDeadline();
        for (Track track : tracks) {
            deadline = Math.min(deadline, track.jitterBuffer.nextDeadline());
        }
        return deadline;
    }

    /** Releases what is due: packets whose gap was given up on, frames held for the timeline. */
    public void onTimeout(long now) {
        for (Track track : tracks) {
            track.drain(now);
        }
        releaseHeld(now);
    }

    /**
     * Ends the recording's input: gaps still open are given up, partial frames flushed, and every
     * held frame released onto the timeline (falling back to arrival times where no sender report
     * came).
     */
    public void finish(long now) {
        long later = now + MediaTimeline.Config.defaults().holdNanos() + 10_000_000_000L;
        for (Track track : tracks) {
            track.drain(later);
            track.depacketizer.flush(track.entry);
        }
        releaseHeld(later);
    }

    /** The counters of a track. */
    public TrackStats stats(int track) {
        Track t = tracks.get(track);
        return new TrackStats(t.packets, t.duplicates, t.jitterBuffer.lost(), t.frames, t.keyframes,
                t.depacketizer.droppedTotal(), t.gate == null ? 0 : t.gate.held(), t.keyframeRequests);
    }

    private void releaseHeld(long now) {
        for (MediaTimeline.Release release = timeline.poll(now); release != null; release = timeline.poll(now)) {
            Track track = tracks.get(release.track());
            HeldFrame frame = track.held.poll();
            if (frame != null) {
                output.onFrame(track.index, release.ptsMicros(), frame.keyframe, frame.data);
            }
        }
    }

    private record HeldFrame(boolean keyframe, byte[] data) {}

    /** One track's jitter buffer, depacketizer and gate; receives the gate's frames. */
    private final class Track implements FrameSink, JitterBuffer.GapListener {
        final int index;
        final Codec codec;
        final int audioChannels;
        final JitterBuffer jitterBuffer;
        final Depacketizer depacketizer;
        final KeyframeGate gate;
        final FrameSink entry;
        final ArrayDeque<HeldFrame> held = new ArrayDeque<>();
        TrackFormat format;
        long lastArrival;
        /** RFC 3550 §6.4.1 interarrival jitter in nanoseconds, ×16 for integer smoothing. */
        private long jitter16;
        private long previousArrival = Long.MIN_VALUE;
        private long previousTimestamp;
        long packets;
        long duplicates;
        long frames;
        long keyframes;
        long keyframeRequests;
        private long gateRequestsSeen;

        Track(int index, Codec codec, int audioChannels) {
            this.index = index;
            this.codec = codec;
            this.audioChannels = audioChannels == 1 ? 1 : 2;
            this.jitterBuffer = new JitterBuffer(codec.isVideo() ? JitterBuffer.Config.video()
                    : JitterBuffer.Config.audio(), this);
            this.jitterBuffer.setRoundTripTime(roundTripTime);
            this.depacketizer = Depacketizer.create(codec);
            this.gate = codec.isVideo() ? new KeyframeGate(this) : null;
            this.entry = gate != null ? gate : this;
        }

        /**
         * Measures the interarrival jitter (RFC 3550 §6.4.1, A.8) that, with the round-trip time,
         * sets how long the jitter buffer waits for a missing packet.
         */
        void measureJitter(long arrival, long rtpTimestamp) {
            if (previousArrival != Long.MIN_VALUE) {
                long transitChange = (arrival - previousArrival)
                        - (int) (rtpTimestamp - previousTimestamp) * 1_000_000_000L / codec.clockRate();
                jitter16 += Math.abs(transitChange) - ((jitter16 + 8) >> 4);
                jitterBuffer.setJitter(jitter16 >> 4);
            }
            previousArrival = arrival;
            previousTimestamp = rtpTimestamp;
        }

        void drain(long now) {
            for (RtpPacketView packet = jitterBuffer.poll(now); packet != null; packet = jitterBuffer.poll(now)) {
                lastArrival = jitterBuffer.releasedArrivalTime();
                depacketizer.push(packet, entry);
            }
            if (gate != null && gate.keyframeRequests() != gateRequestsSeen) {
                gateRequestsSeen = gate.keyframeRequests();
                requestKeyframe();
            }
        }

        void requestKeyframe() {
            keyframeRequests++;
            output.requestKeyframe(index);
        }

        @Override
        public void onGap(int first, int last, JitterBuffer.GapCause cause) {
            depacketizer.lost();
            if (gate != null) {
                gate.gap();
            }
        }

        @Override
        public void onFrame(MediaFrame frame) {
            if (format == null) {
                format = formatOf(frame).orElse(null);
                if (format == null) {
                    return;
                }
                output.onFormat(index, format);
            }
            frames++;
            if (frame.keyframe()) {
                keyframes++;
                if (codec.isVideo()) {
                    output.keyframeReceived(index);
                }
            }
            long pts = timeline.onFrame(lastArrival, index, frame.rtpTimestamp());
            if (pts == MediaTimeline.HELD) {
                held.add(new HeldFrame(frame.keyframe(), frame.toByteArray()));
                releaseHeld(lastArrival);
            } else {
                output.onFrame(index, pts, frame.keyframe(), frame.toByteArray());
            }
        }

        /** The codec parameters a container needs, from what the depacketizer has seen. */
        private Optional<TrackFormat> formatOf(MediaFrame frame) {
            return switch (depacketizer) {
                case H264Depacketizer h264 -> h264.sps().flatMap(sps -> h264.pps().map(pps -> new TrackFormat.H264(sps, pps)));
                case Vp8Depacketizer vp8 -> vp8.width() > 0 ? Optional.of(new TrackFormat.Vp8(vp8.width(), vp8.height()))
                        : Optional.empty();
                case Vp9Depacketizer vp9 -> vp9.width() > 0 ? Optional.of(new TrackFormat.Vp9(vp9.width(), vp9.height()))
                        : Optional.empty();
                case Av1Depacketizer av1 -> av1.sequenceHeader().map(TrackFormat.Av1::new);
                default -> Optional.of(new TrackFormat.Opus(audioChannels));
            };
        }
    }
}
