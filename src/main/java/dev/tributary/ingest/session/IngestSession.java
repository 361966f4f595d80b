package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.ingest.recording.MediaTimeline;
import dev.tributary.ingest.recording.PeerConnectionRecorder;
import dev.tributary.ingest.recording.RecordingWriter;
import dev.tributary.ingest.recording.TrackFormat;
import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.peer.ConnectionClosedException;
import dev.tributary.webrtc.peer.ConnectionStats;
import dev.tributary.webrtc.peer.MediaKind;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCPeerConnection;
import dev.tributary.webrtc.peer.RTCPeerConnectionState;
import dev.tributary.webrtc.peer.RTCRtpReceiver;
import dev.tributary.webrtc.peer.RTCRtpTransceiver;
import dev.tributary.webrtc.peer.RTCSessionDescription;
import dev.tributary.webrtc.peer.RTCTrackEvent;
import dev.tributary.webrtc.peer.RemoteTrack;
import dev.tributary.webrtc.peer.SdpNegotiationException;
import dev.tributary.webrtc.rtcp.Goodbye;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WHIP publish: its peer connection (answering, as the configuration says), and its recording
 * (a {@link RecordingPipeline} on the connection's thread, a {@link RecordingWriter} on its own).
 * It ends on {@link #end}, when the connection fails (ICE failure, consent lost, DTLS failure) or
 * is closed by the publisher (DTLS close_notify), or on an RTCP BYE; the recording is finalised
 * then. With a segment duration the recording is a series of recordings, one per segment, each
 * listed and finished in the catalog on the writer's thread as the writer moves on.
 */
final class IngestSession {

    private static final Logger log = LoggerFactory.getLogger(IngestSession.class);

    final String id;
    final String streamKey;
    final Instant startedAt;
    private final RTCPeerConnection pc;
    private final Recordings recordings;
    private final SessionMetrics metrics;
    private final SessionMetrics.Sampler sampler;
    private final Consumer<IngestSession> onEnded;
    private final PeerConnectionRecorder recorder;
    private final RecordingWriter writer;
    private final int expectedTracks;
    /** The recorded tracks, one per media section; the connection's thread only. */
    private final List<RemoteTrack> recorded = new ArrayList<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The recording being written: the first one's id until the writer starts a second segment. */
    private volatile String recordingId;
    private volatile boolean recordingStarted;
    private int segments;
    private volatile String etag;
    private volatile long bitrateBps;
    /**
     * How often a live recording's manifest is rewritten with its duration and size: each write is
     * a durable file replace (or an S3 PUT), too costly every second for every session.
     */
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;
    private long lastProgressAt = Long.MIN_VALUE / 2;
    private long lastBytes;
    private long lastBytesAt;

    private IngestSession(String id, String streamKey, String recordingId, RTCPeerConnection pc,
            int expectedTracks, Recording recording, Recordings recordings, SessionMetrics metrics,
            Consumer<IngestSession> onEnded) {
        this.id = id;
        this.streamKey = streamKey;
        this.recordingId = recordingId;
        this.startedAt = Instant.now();
        this.pc = pc;
        this.recordings = recordings;
        this.metrics = metrics;
        this.sampler = metrics.sampler();
        this.onEnded = onEnded;
        this.expectedTracks = expectedTracks;
        this.etag = newEtag();
        this.writer = new RecordingWriter(this::startRecording, recordingId, expectedTracks, recording.container(),
                recording.formatWait(), recording.segmentDuration(), this::segmentFinished);
        this.recorder = new PeerConnectionRecorder(writer, MediaTimeline.Config.defaults());
    }

    /**
     * Answers the offer and starts the session.
     *
     * @throws SessionException {@code MALFORMED_OFFER} or {@code UNACCEPTABLE_OFFER}
     */
    static Started start(String id, String streamKey, String offerSdp, RTCConfiguration config,
            Recording recording, Recordings recordings, SessionMetrics metrics, Consumer<IngestSession> onEnded) {
        RTCPeerConnection pc = new RTCPeerConnection(config);
        try {
            pc.setRemoteDescription(RTCSessionDescription.offer(offerSdp));
            RTCSessionDescription answer = pc.createAnswer();
            Map<String, String> rejected = pc.rejectedSections();
            pc.setLocalDescription(answer);
            List<RTCRtpTransceiver> receiving = pc.getTransceivers().stream()
                    .filter(t -> t.currentDirection().map(d -> d.receives()).orElse(false)).toList();
            if (receiving.isEmpty()) {
                throw new SessionException(SessionException.Reason.UNACCEPTABLE_OFFER,
                        "the offer has nothing this server can record: " + describe(rejected));
            }
            IngestSession session = new IngestSession(id, streamKey, recordings.newId(), pc, receiving.size(),
                    recording, recordings, metrics, onEnded);
            session.wire(receiving);
            return new Started(session, answer.sdp());
        } catch (ParseException e) {
            pc.close();
            throw new SessionException(SessionException.Reason.MALFORMED_OFFER, "the offer is not valid SDP: "
                    + e.getMessage(), e);
        } catch (SdpNegotiationException e) {
            pc.close();
            throw new SessionException(SessionException.Reason.UNACCEPTABLE_OFFER, e.getMessage(), e);
        } catch (RuntimeException e) {
            pc.close();
            throw e;
        }
    }

    /** A started session and its answer. */
    record Started(IngestSession session, String answerSdp) {}

    /**
     * How a session records.
     *
     * @param container the container for every recording, or null to choose by codec
     * @param formatWait how long the first frame waits for missing tracks' parameters
     * @param segmentDuration the length after which the next keyframe starts a new recording;
     *     zero for one recording per session
     */
    record Recording(ContainerFormat container, Duration formatWait, Duration segmentDuration) {}

    private static String describe(Map<String, String> rejected) {
        if (rejected.isEmpty()) {
            return "no media section";
        }
        List<String> reasons = new ArrayList<>();
        rejected.forEach((mid, reason) -> reasons.add("section " + mid + ": " + reason));
        return String.join("; ", reasons);
    }

    private void wire(List<RTCRtpTransceiver> receiving) {
        pc.onTrack(this::onTrack);
        pc.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.FAILED) {
                endLater("the connection failed (ICE or DTLS; the publisher may have gone away)");
            } else if (state == RTCPeerConnectionState.CLOSED) {
                endLater(null);
            }
        });
        for (RTCRtpTransceiver transceiver : receiving) {
            RTCRtpReceiver receiver = transceiver.receiver();
            Thread.ofVirtual().name("rtcp-" + id).start(() -> watchForGoodbye(receiver));
        }
    }

    /** Reads the receiver's RTCP on its own path; a BYE ends the session. */
    private void watchForGoodbye(RTCRtpReceiver receiver) {
        try {
            while (!ending.get()) {
                for (RtcpPacket packet : receiver.readRtcp(Duration.ofSeconds(1))) {
                    if (packet instanceof Goodbye) {
                        endLater(null);
                        return;
                    }
                }
            }
        } catch (ConnectionClosedException e) {
            // the connection ended: so does this reader
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the connection's thread: the first track of each section is recorded. */
    private void onTrack(RTCTrackEvent event) {
        RemoteTrack track = event.track();
        if (recorded.size() == expectedTracks
                || recorded.stream().anyMatch(t -> t.receiver() == track.receiver())) {
            log.info("Session {}: not recording the extra stream {}", id, track);
            return;
        }
        if (recorder.addTrack(track).isPresent()) {
            recorded.add(track);
        }
    }

    /** The writer thread: the container is chosen (or the next segment starts), the recording is listed. */
    private Path startRecording(ContainerFormat container, List<TrackFormat> tracks) {
        String next = segments == 0 ? recordingId : recordings.newId();
        Path file = recordings.start(next, streamKey, container, tracks);
        recordingId = next;
        recordingStarted = true;
        segments++;
        return file;
    }

    /**
     * The writer thread: a segment's file is finished; the next one starts right after. A catalog
     * failure here must not stop the writer, which would lose the rest of the publish.
     */
    private void segmentFinished(RecordingWriter.Result result) {
        if (recordingStarted) {
            recordingStarted = false;
            try {
                finishRecording(recordingId, result, result.error().orElse(null));
            } catch (RuntimeException e) {
                log.error("Session {}: recording {} could not be finalised", id, recordingId, e);
            }
        }
    }

    private void finishRecording(String recording, RecordingWriter.Result result, String failure) {
        try {
            recordings.finish(recording, result, failure);
        } finally {
            metrics.recordingFinished(failure != null);
        }
    }

    /**
     * Updates the bitrate figure, the metrics and the recording's progress, has the frames
     * queued for the recording written, and asks for the keyframe the next segment waits for;
     * called about once a second, never on the connection's thread (reading a stream's
     * statistics waits for it).
     */
    void tick(long now) {
        long bytes = 0;
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            for (RemoteTrack track : transceiver.receiver().tracks()) {
                bytes += track.bytesReceived();
            }
        }
        sample();
        // Frames are written as later ones come; should they stop, this writes what is queued.
        writer.flush();
        if (writer.awaitingKeyframe()) {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                if (transceiver.receiver().kind() == MediaKind.VIDEO) {
                    transceiver.receiver().tracks().forEach(track -> track.requestKeyframe(false));
                }
            }
        }
        if (lastBytesAt != 0 && now > lastBytesAt) {
            bitrateBps = (bytes - lastBytes) * 8 * 1_000_000_000L / (now - lastBytesAt);
        }
        lastBytes = bytes;
        lastBytesAt = now;
        if (recordingStarted && !ending.get() && now - lastProgressAt >= PROGRESS_INTERVAL_NANOS) {
            lastProgressAt = now;
            recordings.progress(recordingId, writer.segmentWrittenMicros() / 1000);
        }
    }

    /** Adds what the session's counters grew by to the process-wide meters. */
    private void sample() {
        List<SessionMetrics.StreamSample> streams = new ArrayList<>();
        ConnectionStats stats;
        try {
            for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
                for (RemoteTrack track : transceiver.receiver().tracks()) {
                    streams.add(new SessionMetrics.StreamSample(transceiver.receiver().kind(), track.statistics()));
                }
            }
            stats = pc.stats();
        } catch (ConnectionClosedException e) {
            // closed since the last sample: what it counted since is lost, the rest is kept
            stats = null;
        }
        sampler.sample(streams, stats, writer.writtenBytes());
    }

    long bitrateBps() {
        return bitrateBps;
    }

    long recordedMicros() {
        return writer.writtenMicros();
    }

    String etag() {
        return etag;
    }

    RTCPeerConnection peerConnection() {
        return pc;
    }

    /** A new entity tag, after an ICE restart. */
    String renewEtag() {
        etag = newEtag();
        return etag;
    }

    LiveSession describe() {
        return new LiveSession(id, streamKey, startedAt, pc.connectionState().name().toLowerCase(Locale.ROOT),
                recordingId, etag, bitrateBps);
    }

    private static String newEtag() {
        return "\"" + Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime()) + "\"";
    }

    /** Ends the session on a thread of its own (callers may be the connection's thread). */
    void endLater(String failure) {
        if (!ending.get()) {
            Thread.ofVirtual().name("end-" + id).start(() -> end(failure));
        }
    }

    /**
     * Ends the session: closes the connection, flushes the pipeline, finishes the file and
     * finalises the recording. Idempotent; later callers wait for the first.
     *
     * @param failure why the recording failed, or null when the session ended normally
     */
    void end(String failure) {
        if (!ending.compareAndSet(false, true)) {
            ended.join();
            return;
        }
        try {
            try {
                sample();
            } catch (RuntimeException e) {
                log.warn("Session {}: last metrics sample failed", id, e);
            }
            pc.close();
            // the connection's thread has ended: the recorder's pipeline is ours now
            RecordingWriter.Result result = recorder.finish(System.nanoTime());
            sampler.sample(List.of(), null, writer.writtenBytes());
            if (recordingStarted) {
                String error = failure != null && result.durationMicros() == 0 ? failure
                        : result.error().orElse(null);
                finishRecording(recordingId, result, error);
            }
            log.info("Session {} of stream {} ended{}: {} ms recorded in {} recording(s), {} frame bytes", id,
                    streamKey, failure == null ? "" : " (" + failure + ")", writer.writtenMicros() / 1000, segments,
                    writer.writtenBytes());
        } catch (RuntimeException e) {
            log.error("Session {} did not end cleanly", id, e);
        } finally {
            metrics.sessionEnded(failure != null);
            ended.complete(null);
            onEnded.accept(this);
        }
    }
}
