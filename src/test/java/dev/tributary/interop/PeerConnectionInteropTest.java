package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.interop.Browsers.Kind;
import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.peer.MediaKind;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCPeerConnection;
import dev.tributary.webrtc.peer.RTCPeerConnectionState;
import dev.tributary.webrtc.peer.RTCSessionDescription;
import dev.tributary.webrtc.peer.RemoteTrack;
import dev.tributary.webrtc.peer.SdpNegotiationException;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpMux;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import dev.tributary.webrtc.rtp.SequenceNumberUnwrapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real peers publish audio and video to our answering {@link RTCPeerConnection}: within seconds
 * our side has decrypted RTP for both tracks, with no sequence number missing (what the loaded
 * machine drops is recovered through NACK and RTX), and RTCP sender reports for both. Headless Chromium (H264 and VP8), Firefox ESR (VP8) and a Pion
 * publisher (H264); our side as a WHIP server would run it (ICE-lite on one shared port) and as a
 * full ICE agent with a socket of its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PeerConnectionInteropTest {

    private static final AddressFilter LOOPBACK = AddressFilter.of(InetAddress.getLoopbackAddress());
    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(20);
    private static UdpMux mux;

    @TempDir
    Path scratch;

    @BeforeAll
    static void openSharedPort() {
        mux = UdpMux.bind(0, LOOPBACK);
    }

    @AfterAll
    static void closeSharedPort() {
        mux.close();
    }

    /** What our side received from one publisher. */
    static final class Received {
        final RTCPeerConnection pc;
        final Map<MediaKind, TrackLog> tracks = new ConcurrentHashMap<>();

        Received(RTCPeerConnection pc) {
            this.pc = pc;
        }

        /** Both tracks have that many packets, none missing (NACKs may still be out), and an SR. */
        boolean hasMediaAndReports(int packets) {
            return tracks.size() == 2 && tracks.values().stream()
                    .allMatch(t -> t.packets.get() >= packets && t.senderReports.get() >= 1 && t.missing() == 0);
        }

        @Override
        public String toString() {
            return pc.connectionState() + " " + tracks.values();
        }
    }

    /** Sequence numbers and sender reports of one track, logged on the connection's thread. */
    static final class TrackLog {
        final RemoteTrack track;
        final AtomicInteger packets = new AtomicInteger();
        final AtomicInteger senderReports = new AtomicInteger();
        private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        private final Set<Long> sequences = ConcurrentHashMap.newKeySet();

        TrackLog(RemoteTrack track) {
            this.track = track;
        }

        void onSequence(int sequence) {
            sequences.add(unwrapper.unwrap(sequence));
            packets.incrementAndGet();
        }

        /** Sequence numbers between the first and the latest that never arrived. */
        long missing() {
            List<Long> seen = List.copyOf(sequences);
            long first = seen.stream().mapToLong(Long::longValue).min().orElse(0);
            long last = seen.stream().mapToLong(Long::longValue).max().orElse(-1);
            return last - first + 1 - seen.size();
        }

        @Override
        public String toString() {
            return track + ": " + packets + " packets, " + missing() + " missing, " + senderReports + " SRs";
        }
    }

    /** Answers each offer with a new connection of ours and logs what arrives. */
    static final class Answering implements OfferHandler {
        final Map<String, Received> received = new ConcurrentHashMap<>();
        private final IceMode mode;

        Answering(IceMode mode) {
            this.mode = mode;
        }

        @Override
        public String answer(String streamKey, String offerSdp) throws Exception {
            RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.builder().iceMode(mode)
                    .udp(mode == IceMode.LITE ? mux : new UdpSocketFactory(LOOPBACK)).build());
            Received log = new Received(pc);
            pc.onTrack(event -> {
                TrackLog track = new TrackLog(event.track());
                log.tracks.put(event.track().kind(), track);
                event.track().setRtpListener((packet, arrival) -> track.onSequence(packet.sequenceNumber()));
                event.track().setSenderReportListener(report -> track.senderReports.incrementAndGet());
            });
            try {
                pc.setRemoteDescription(RTCSessionDescription.offer(offerSdp));
                RTCSessionDescription answer = pc.createAnswer();
                pc.setLocalDescription(answer);
                received.put(streamKey, log);
                return answer.sdp();
            } catch (SdpNegotiationException e) {
                pc.close();
                throw new OfferRejectedException(422, e.getMessage());
            }
        }

        @Override
        public void end(String streamKey) {
            Received log = received.get(streamKey);
            if (log != null) {
                log.pc.close();
            }
        }
    }

    @Test
    void chromiumH264ToALiteAnswererOnTheSharedPort() throws Exception {
        fromBrowser(Kind.CHROMIUM, "h264", IceMode.LITE, "H264");
    }

    @Test
    void chromiumVp8ToAFullAnswererWithItsOwnSocket() throws Exception {
        fromBrowser(Kind.CHROMIUM, "vp8", IceMode.FULL, "VP8");
    }

    @Test
    void firefoxVp8ToALiteAnswererOnTheSharedPort() throws Exception {
        fromBrowser(Kind.FIREFOX, "vp8", IceMode.LITE, "VP8");
    }

    @Test
    void pionH264ToALiteAnswererOnTheSharedPort() throws Exception {
        Answering answering = new Answering(IceMode.LITE);
        try (SignalingServer server = new SignalingServer(answering)) {
            PionPublisher.Run run = PionPublisher.publish(server.whipUri("pion"), "token", PionPublisher.Video.H264,
                    6, 1);
            assertThat(run.exitCode()).as(run::toString).isZero();
            assertThat(run.results()).singleElement().satisfies(result -> assertThat(result.ok()).isTrue());
            Received received = answering.received.get("pion");
            assertThat(received.hasMediaAndReports(100)).as("tracks %s", received.tracks).isTrue();
            assertNoSequenceGaps(received);
            assertThat(received.tracks.get(MediaKind.VIDEO).track.codec().mimeType()).isEqualToIgnoringCase("video/H264");
            assertThat(received.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
        }
    }

    private void fromBrowser(Kind kind, String video, IceMode mode, String codec) throws Exception {
        kind.assumeInstalled();
        Answering answering = new Answering(mode);
        String key = kind.name().toLowerCase() + "-" + video;
        try (SignalingServer server = new SignalingServer(answering);
                Browsers.Running browser = Browsers.launch(kind, server.publishPage(key, 15, video, true), scratch)) {
            try {
                await().atMost(MEDIA_TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .failFast(kind + " exited", () -> !browser.process().isAlive())
                        .until(() -> {
                            Received received = answering.received.get(key);
                            return received != null && received.hasMediaAndReports(100);
                        });
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("our side: " + answering.received.get(key) + "\npage reports:\n"
                        + server.reportLog() + "\n" + kind + " stderr:\n" + browser.stderrTail(40), e);
            }
            Received received = answering.received.get(key);
            assertThat(received.pc.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
            assertThat(received.tracks.get(MediaKind.VIDEO).track.codec().mimeType())
                    .isEqualToIgnoringCase("video/" + codec);
            assertThat(received.tracks.get(MediaKind.AUDIO).track.codec().mimeType()).isEqualToIgnoringCase("audio/opus");
            assertNoSequenceGaps(received);
            assertThat(received.pc.stats().srtpFailures()).isZero();
            received.pc.close();
        }
    }

    /**
     * Every sequence number from the first to the latest arrived: packets the machine's load made
     * the socket drop came back through NACK and RTX (possibly late, or twice).
     */
    private static void assertNoSequenceGaps(Received received) {
        for (TrackLog log : received.tracks.values()) {
            assertThat(log.missing()).as("%s", log).isZero();
        }
    }
}
