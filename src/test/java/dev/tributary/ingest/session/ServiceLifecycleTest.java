package dev.tributary.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.Application;
import dev.tributary.ingest.recording.MediaFixtures;
import dev.tributary.ingest.recording.MediaFixtures.Frame;
import dev.tributary.ingest.recording.Probe;
import dev.tributary.ingest.recording.RecordingCatalog;
import dev.tributary.ingest.recording.RecordingManifest;
import dev.tributary.ingest.recording.RecordingQuery;
import dev.tributary.ingest.recording.RecordingState;
import dev.tributary.ingest.webhook.WebhookSender;
import dev.tributary.webrtc.media.Codec;
import dev.tributary.webrtc.media.Packetizer;
import dev.tributary.webrtc.media.Vp8Packetizer;
import dev.tributary.webrtc.peer.MediaKind;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCPeerConnection;
import dev.tributary.webrtc.peer.RTCPeerConnectionState;
import dev.tributary.webrtc.peer.RTCRtpSender;
import dev.tributary.webrtc.peer.RTCRtpTransceiverDirection;
import dev.tributary.webrtc.peer.RTCSessionDescription;
import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.RawBytes;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service with a real WHIP publisher (our own peer connection on 127.0.0.1 sending VP8
 * and sender reports): its metrics move on {@code /actuator/prometheus}, webhooks announce the
 * recording, and closing the application context finalises the live session's recording.
 */
class ServiceLifecycleTest {

    private static final String SECRET = "lifecycle-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path fixtures;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<byte[]> hooks = new CopyOnWriteArrayList<>();
    private final List<String> hookSignatures = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private ConfigurableApplicationContext context;
    private RTCPeerConnection publisher;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP_HEADER);
            hookSignatures.add(exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER) + " "
                    + "sha256=" + WebhookSender.sign(SECRET, timestamp, body));
            hooks.add(body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopAll() {
        if (publisher != null) {
            publisher.close();
        }
        if (context != null) {
            context.close();
        }
        receiver.stop(0);
        http.close();
    }

    @Test
    void metricsMoveAndClosingTheContextFinalisesTheLiveRecording() throws Exception {
        List<Frame> video = MediaFixtures.video(Codec.VP8, fixtures, 3);
        context = startService();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        RecordingCatalog catalog = context.getBean(RecordingCatalog.class);
        Map<String, Double> before = scrape(port);

        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whip/cam1"))
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString("not an offer")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(whipErrors(scrape(port), "400", "malformed_offer") - whipErrors(before, "400", "malformed_offer"))
                .isEqualTo(1.0);

        long packets = publishVp8(port, video);

        // the session is live, its recording listed, and the once-a-second sample has run
        LiveSession live = context.getBean(IngestSessions.class).list().getFirst();
        String recordingId = live.recordingId();
        await().atMost(Duration.ofSeconds(5)).until(() -> scrape(port).get("tributary_rtp_packets_received_total{kind=\"video\"}")
                >= packets * 0.9 + before.getOrDefault("tributary_rtp_packets_received_total{kind=\"video\"}", 0.0));
        Map<String, Double> during = scrape(port);
        assertThat(during).containsEntry("tributary_sessions_live", 1.0)
                .containsEntry("tributary_sessions_started_total", 1.0);
        long frameBytes = video.stream().mapToLong(f -> f.data().length).sum();
        assertThat(during.get("tributary_rtp_received_bytes_total{kind=\"video\"}")).isGreaterThan(frameBytes * 0.9);
        // all but the frames still in the jitter buffer and the timeline
        assertThat(during.get("tributary_recording_written_bytes_total")).isGreaterThan(frameBytes * 0.5);
        assertThat(during.get("tributary_rtp_packets_lost_total{kind=\"video\"}")).isZero();
        assertThat(during.get("tributary_transport_errors_total{type=\"srtp\"}")).isZero();
        assertThat(catalog.get(recordingId).state()).isEqualTo(RecordingState.RECORDING);

        context.close();

        RecordingManifest manifest = catalog.get(recordingId);
        assertThat(manifest.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(manifest.durationMs()).isGreaterThan(2000);
        Path file = mediaFile(manifest);
        Map<String, String> probe = Probe.probe(file);
        assertThat(probe).containsEntry("streams.stream.0.codec_name", "vp8");
        assertThat(Long.parseLong(probe.get("streams.stream.0.nb_read_packets"))).isGreaterThan(video.size() * 3L / 4);
        assertThat(Probe.decodeErrors(file, 0)).isEmpty();

        assertThat(events(recordingId)).containsExactlyInAnyOrder("recording.started:recording",
                "recording.completed:complete");
        assertSignaturesValid();
    }

    @Test
    void aLongPublishBecomesSeveralRecordingsEachStartingAtAKeyframe() throws Exception {
        // a keyframe a second: with 1.5 s segments the second recording starts at the keyframe 2 s in
        // (fixtures are cached by codec and GOP: a folder of its own for another length)
        List<Frame> video = MediaFixtures.video(Codec.VP8, Files.createDirectories(fixtures.resolve("4s")), 4);
        context = startService("--tributary.sessions.segment-duration=1500ms");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        RecordingCatalog catalog = context.getBean(RecordingCatalog.class);

        publishVp8(port, video);
        context.close();

        List<RecordingManifest> recordings = catalog.list(new RecordingQuery("cam1", null, null, null), null, 10)
                .items().stream().sorted(java.util.Comparator.comparing(RecordingManifest::startedAt)).toList();
        assertThat(recordings).hasSize(2);
        assertThat(recordings).extracting(RecordingManifest::state).containsOnly(RecordingState.COMPLETE);
        assertThat(recordings.get(0).durationMs()).isBetween(1900L, 2000L);
        assertThat(recordings.get(1).durationMs()).isBetween(1900L, 2000L);
        int packets = 0;
        for (RecordingManifest recording : recordings) {
            Path file = mediaFile(recording);
            Map<String, String> probe = Probe.probe(file);
            assertThat(Probe.seconds(probe, "streams.stream.0.start_time")).isLessThan(0.001);
            assertThat(Probe.decodeErrors(file, 0)).as(recording.id()).isEmpty();
            packets += Integer.parseInt(probe.get("streams.stream.0.nb_read_packets"));
            assertThat(events(recording.id())).containsExactlyInAnyOrder("recording.started:recording",
                    "recording.completed:complete");
        }
        assertThat(packets).isGreaterThan(video.size() * 3 / 4);
        assertSignaturesValid();
    }

    /** Publishes {@code video} to stream cam1 in real time (with sender reports); returns the RTP packets sent. */
    private long publishVp8(int port, List<Frame> video) throws Exception {
        publisher = new RTCPeerConnection(RTCConfiguration.builder()
                .udp(new UdpSocketFactory(AddressFilter.of(InetAddress.getLoopbackAddress()))).build());
        RTCRtpSender sender = publisher.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY)
                .sender().orElseThrow();
        RTCSessionDescription offer = publisher.createOffer();
        publisher.setLocalDescription(offer);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whip/cam1"))
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer.sdp())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        publisher.setRemoteDescription(RTCSessionDescription.answer(answer.body()));
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connectionState() == RTCPeerConnectionState.CONNECTED);

        int payloadType = sender.codecs().stream().filter(c -> c.mimeType().equalsIgnoreCase("video/VP8"))
                .findFirst().orElseThrow().payloadType();
        Packetizer packetizer = new Vp8Packetizer(payloadType, sender.ssrc(), 1000, 1, Packetizer.DEFAULT_MAX_PACKET_SIZE);
        ReusableRtpPacket packet = new ReusableRtpPacket();
        long startNanos = System.nanoTime();
        Instant startWall = Instant.now();
        for (Frame frame : video) {
            long rtpTimestamp = frame.ptsMicros() * 90 / 1000;
            if (frame.ptsMicros() % 500_000 < MediaFixtures.FRAME_MICROS) {
                publisher.writeRtcp(List.of(new SenderReport(sender.ssrc(),
                        NtpTime.fromInstant(startWall.plusNanos(frame.ptsMicros() * 1000)), rtpTimestamp,
                        packetizer.packets(), 0, List.of(), RawBytes.EMPTY)));
            }
            packetizer.packetize(frame.data(), 0, frame.data().length, rtpTimestamp,
                    (buf, off, len) -> sender.sendRtp(packet.wrap(buf, off, len)));
            long due = startNanos + frame.ptsMicros() * 1000 + MediaFixtures.FRAME_MICROS * 1000;
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        }

        return packetizer.packets();
    }

    private ConfigurableApplicationContext startService(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                // command-line arguments: above the test configuration's own storage and port settings
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--tributary.storage.path=" + dir.resolve("recordings"),
                "--tributary.storage.spool-path=" + dir.resolve("spool"),
                "--tributary.webhooks.urls=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "--tributary.webhooks.secret=" + SECRET));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    private Path mediaFile(RecordingManifest manifest) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(manifest.mediaKey())).findFirst().orElseThrow();
        }
    }

    /** The webhook events received for {@code recordingId}, as type:state. */
    private List<String> events(String recordingId) {
        return hooks.stream().map(body -> JSON.readTree(body))
                .filter(event -> event.get("recording").get("id").asString().equals(recordingId))
                .map(event -> event.get("type").asString() + ":" + event.get("recording").get("state").asString())
                .toList();
    }

    private void assertSignaturesValid() {
        assertThat(hookSignatures).isNotEmpty();
        for (String pair : hookSignatures) {
            String[] both = pair.split(" ");
            assertThat(both[0]).isEqualTo(both[1]);
        }
    }

    private static double whipErrors(Map<String, Double> scraped, String status, String reason) {
        return scraped.entrySet().stream()
                .filter(e -> e.getKey().startsWith("tributary_whip_errors_total{")
                        && e.getKey().contains("status=\"" + status + "\"")
                        && e.getKey().contains("reason=\"" + reason + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static final Pattern SAMPLE = Pattern.compile("^(tributary_[a-z_]+(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

    /** The tributary meters of the Prometheus endpoint, by name with labels. */
    private Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher m = SAMPLE.matcher(response.body());
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }
}
