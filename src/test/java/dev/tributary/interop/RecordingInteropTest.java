package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tributary.ingest.recording.MediaTimeline;
import dev.tributary.ingest.recording.PeerConnectionRecorder;
import dev.tributary.ingest.recording.Probe;
import dev.tributary.ingest.recording.RecordingWriter;
import dev.tributary.interop.Browsers.Kind;
import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCPeerConnection;
import dev.tributary.webrtc.peer.RTCSessionDescription;
import dev.tributary.webrtc.peer.SdpNegotiationException;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpMux;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium publishes its fake camera and microphone (H.264 + Opus, then VP8 + Opus) for
 * 8 s to our answering {@link RTCPeerConnection} (ICE-lite on the shared port), whose tracks a
 * {@link PeerConnectionRecorder} records; the page then DELETEs the resource and the recording is
 * finished. The file has both streams, decodes without an error, and lasts as long as media was
 * received: within 0.5 s of the span from the first to the last RTP packet that reached the
 * recorder.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordingInteropTest {

    private static final AddressFilter LOOPBACK = AddressFilter.of(InetAddress.getLoopbackAddress());
    private static final int SECONDS = 8;
    private static UdpMux mux;

    @TempDir
    Path scratch;

    @TempDir
    Path recordings;

    @BeforeAll
    static void openSharedPort() {
        mux = UdpMux.bind(0, LOOPBACK);
    }

    @AfterAll
    static void closeSharedPort() {
        mux.close();
    }

    /** One publisher's connection, recorder and, once the resource is deleted, what was written. */
    static final class Session {
        final RTCPeerConnection pc;
        final PeerConnectionRecorder recorder;
        volatile RecordingWriter.Result result;

        Session(RTCPeerConnection pc, PeerConnectionRecorder recorder) {
            this.pc = pc;
            this.recorder = recorder;
        }
    }

    /** Answers each offer with a connection of ours whose tracks are recorded. */
    final class Recording implements OfferHandler {
        final Map<String, Session> sessions = new ConcurrentHashMap<>();

        @Override
        public String answer(String streamKey, String offerSdp) throws Exception {
            RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.builder().iceMode(IceMode.LITE).udp(mux).build());
            RecordingWriter writer = new RecordingWriter(recordings, streamKey, 2, null, Duration.ofSeconds(5));
            PeerConnectionRecorder recorder = new PeerConnectionRecorder(writer, MediaTimeline.Config.defaults());
            pc.onTrack(event -> recorder.addTrack(event.track()));
            try {
                pc.setRemoteDescription(RTCSessionDescription.offer(offerSdp));
                RTCSessionDescription answer = pc.createAnswer();
                pc.setLocalDescription(answer);
                sessions.put(streamKey, new Session(pc, recorder));
                return answer.sdp();
            } catch (SdpNegotiationException e) {
                pc.close();
                writer.close();
                throw new OfferRejectedException(422, e.getMessage());
            }
        }

        @Override
        public void end(String streamKey) {
            Session session = sessions.get(streamKey);
            if (session != null) {
                session.pc.close();
                session.result = session.recorder.finish(System.nanoTime());
            }
        }
    }

    @Test
    void chromiumH264AndOpus() throws Exception {
        record("h264", "h264");
    }

    @Test
    void chromiumVp8AndOpus() throws Exception {
        record("vp8", "vp8");
    }

    private void record(String video, String codecName) throws Exception {
        Kind.CHROMIUM.assumeInstalled();
        Recording recording = new Recording();
        String key = "rec-" + video;
        try (SignalingServer server = new SignalingServer(recording);
                Browsers.Running browser = Browsers.launch(Kind.CHROMIUM, server.publishPage(key, SECONDS, video, true),
                        scratch)) {
            try {
                await().atMost(Duration.ofSeconds(SECONDS + 40)).pollInterval(Duration.ofMillis(200))
                        .failFast("chromium exited", () -> !browser.process().isAlive()
                                && !server.deleted().contains(key))
                        .until(() -> {
                            Session session = recording.sessions.get(key);
                            return session != null && session.result != null;
                        });
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("page reports:\n" + server.reportLog() + "\nchromium stderr:\n"
                        + browser.stderrTail(40), e);
            }
        }
        Session session = recording.sessions.get(key);
        RecordingWriter.Result result = session.result;
        assertThat(result.error()).as("%s", result).isEmpty();
        assertThat(result.file()).as("%s", result).isPresent();
        Path file = result.file().get();
        assertThat(file.getFileName()).hasToString(key + (video.equals("h264") ? ".mp4" : ".webm"));
        double receivedSeconds = (session.recorder.lastPacketNanos() - session.recorder.firstPacketNanos()) / 1e9;

        Map<String, String> probe = Probe.probe(file);
        double duration = Probe.seconds(probe, "format.duration");
        String errors = Probe.decodeErrors(file, 0);
        System.out.printf("RecordingInteropTest %s: %s, %d bytes, duration %.3f s (writer %.3f s), media received"
                + " for %.3f s, streams %s/%s with %s/%s packets, %d frames dropped, decode errors: %s%n",
                video, file.getFileName(), result.sizeBytes(), duration, result.durationMicros() / 1e6, receivedSeconds,
                probe.get("streams.stream.0.codec_name"), probe.get("streams.stream.1.codec_name"),
                probe.get("streams.stream.0.nb_read_packets"), probe.get("streams.stream.1.nb_read_packets"),
                result.framesDropped(), errors.isEmpty() ? "none" : "\n" + errors);
        for (int track = 0; track < 2; track++) {
            System.out.println("RecordingInteropTest " + video + " track " + track + ": " + session.recorder.stats(track));
        }

        // The tracks are numbered in the order their first packets arrived.
        assertThat(List.of(probe.get("streams.stream.0.codec_name"), probe.get("streams.stream.1.codec_name")))
                .containsExactlyInAnyOrder(codecName, "opus");
        assertThat(probe).doesNotContainKey("streams.stream.2.codec_name");
        assertThat(receivedSeconds).isGreaterThan(SECONDS - 2);
        assertThat(duration).isCloseTo(receivedSeconds, within(0.5));
        assertThat(errors).as("ffmpeg decode errors").isEmpty();
    }
}
