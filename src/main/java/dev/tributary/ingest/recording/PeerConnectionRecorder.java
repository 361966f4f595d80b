package dev.tributary.ingest.recording;

import dev.tributary.webrtc.interceptor.ReceivedSenderReport;
import dev.tributary.webrtc.media.Codec;
import dev.tributary.webrtc.peer.RemoteTrack;
import dev.tributary.webrtc.peer.RtpListener;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Records the remote tracks of one peer connection: each {@link RemoteTrack} handed to {@link
 * #addTrack} feeds one shared {@link RecordingPipeline} (its RTP packets, the pipeline's timer
 * through the track's listener deadline, its sender reports), the pipeline's keyframe requests go
 * back through the track, and its frames go to a {@link RecordingWriter}.
 *
 * <p>Threading: call {@link #addTrack} from the connection's {@code onTrack} callback; the pipeline
 * is then only ever driven on the connection's thread. Call {@link #finish} once the connection is
 * closed (its thread has ended), or from its thread.
 */
public final class PeerConnectionRecorder {

    private final RecordingWriter writer;
    private final RecordingPipeline pipeline;
    private final List<RemoteTrack> tracks = new ArrayList<>();
    private volatile boolean finished;
    private volatile long firstPacketNanos = Long.MAX_VALUE;
    private volatile long lastPacketNanos = Long.MIN_VALUE;

    /**
     * @param writer where the frames go; its expected track count is the number of tracks that
     *     will be added
     * @param timeline how the A/V timeline holds frames for sender reports
     */
    public PeerConnectionRecorder(RecordingWriter writer, MediaTimeline.Config timeline) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.pipeline = new RecordingPipeline(timeline, new Output());
    }

    /**
     * The codec a track's packets carry, if it is one the recording can write.
     *
     * @param track a remote track
     * @return its codec, or empty for one the depacketizers do not know
     */
    public static Optional<Codec> codecOf(RemoteTrack track) {
        String mime = track.codec().mimeType();
        String name = mime.substring(mime.indexOf('/') + 1).toUpperCase(Locale.ROOT);
        for (Codec codec : Codec.values()) {
            if (codec.name().equals(name)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts recording a track: sets its RTP and sender report listeners. Call it inside the
     * connection's {@code onTrack} callback so that no packet is missed.
     *
     * @param track a track of the connection
     * @return its number in the pipeline and writer; empty if its codec cannot be recorded or the
     *     recorder is finished (the track is then left alone)
     */
    public Optional<Integer> addTrack(RemoteTrack track) {
        Optional<Codec> codec = codecOf(track);
        if (codec.isEmpty() || finished) {
            return Optional.empty();
        }
        // Listed first: adding a video track to the pipeline asks for a keyframe through it.
        tracks.add(track);
        int index = pipeline.addTrack(track.ssrc(), codec.get(), track.codec().channels());
        track.setSenderReportListener(this::onSenderReport);
        track.setRtpListener(new RtpListener() {
            @Override
            public void onRtp(RtpPacketView packet, long arrivalNanos) {
                if (!finished) {
                    if (firstPacketNanos == Long.MAX_VALUE) {
                        firstPacketNanos = arrivalNanos;
                    }
                    lastPacketNanos = arrivalNanos;
                    pipeline.setRoundTripTime(track.roundTripTimeNanos());
                    pipeline.onRtp(arrivalNanos, index, packet);
                }
            }

            @Override
            public long nextDeadline() {
                return finished ? Long.MAX_VALUE : pipeline.nextDeadline();
            }

            @Override
            public void onTimeout(long now) {
                if (!finished) {
                    pipeline.onTimeout(now);
                }
            }
        });
        return Optional.of(index);
    }

    /** The arrival ({@link System#nanoTime()}) of the first RTP packet of any track, {@code Long.MAX_VALUE} before it. */
    public long firstPacketNanos() {
        return firstPacketNanos;
    }

    /** The arrival ({@link System#nanoTime()}) of the latest RTP packet of any track, {@code Long.MIN_VALUE} before the first. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /** Counters of a track, by the number {@link #addTrack} returned; read on the connection's thread. */
    public RecordingPipeline.TrackStats stats(int track) {
        return pipeline.stats(track);
    }

    /**
     * Ends the recording: what the pipeline still holds is written, then the file is finished.
     * Idempotent.
     *
     * @param now the current time on the connection's clock ({@link System#nanoTime()})
     * @return what the writer wrote
     */
    public RecordingWriter.Result finish(long now) {
        if (!finished) {
            finished = true;
            pipeline.finish(now);
        }
        return writer.finish();
    }

    private void onSenderReport(ReceivedSenderReport report) {
        if (!finished) {
            pipeline.onSenderReport(report.arrivalNanos(), new SenderReport(report.ssrc(), report.ntpTimestamp(),
                    report.rtpTimestamp(), report.packetCount(), report.octetCount()));
        }
    }

    /** The pipeline's output: frames to the writer, keyframe requests through the tracks. */
    private final class Output implements RecordingPipeline.Output {
        @Override
        public void onFormat(int track, TrackFormat format) {
            writer.format(track, format);
        }

        @Override
        public void onFrame(int track, long ptsMicros, boolean keyframe, byte[] data) {
            writer.frame(track, ptsMicros, keyframe, data);
        }

        @Override
        public void requestKeyframe(int track) {
            tracks.get(track).requestKeyframe(true);
        }

        @Override
        public void keyframeReceived(int track) {
            tracks.get(track).keyframeReceived();
        }
    }
}
