package dev.tributary.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.ingest.recording.RecordingIds;
import dev.tributary.ingest.recording.RecordingManifest;
import dev.tributary.ingest.recording.RecordingState;
import dev.tributary.ingest.recording.Track;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookSenderTest {

    private static final String SECRET = "hook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ID = RecordingIds.generate(Instant.parse("2026-01-02T03:04:05Z"));
    private static final RecordingManifest MANIFEST = new RecordingManifest(ID, "cam1", RecordingState.COMPLETE,
            Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:05:05Z"), 60_000,
            ContainerFormat.WEBM, 1234, List.of(Track.video("vp8", 320, 240), Track.audio("opus", 48_000, 2)), null,
            ID + ".webm");

    /** One request as a receiver saw it. */
    record Received(String event, String delivery, String timestamp, String signature, byte[] body) {}

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    /** A receiver on 127.0.0.1 answering with {@code statuses} in turn, then 204. */
    private URI receiver(List<Received> received, int... statuses) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst(WebhookSender.EVENT_HEADER), h.getFirst(WebhookSender.DELIVERY_HEADER),
                    h.getFirst(WebhookSender.TIMESTAMP_HEADER), h.getFirst(WebhookSender.SIGNATURE_HEADER), body));
            int call = calls.getAndIncrement();
            exchange.sendResponseHeaders(call < statuses.length ? statuses[call] : 204, -1);
            exchange.close();
        });
        server.start();
        toClose.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookSender sender(List<URI> urls, int maxAttempts, Duration timeout) {
        WebhookSender sender = new WebhookSender(new WebhookProperties(urls, SECRET, maxAttempts,
                Duration.ofMillis(50), Duration.ofSeconds(1), timeout));
        toClose.add(sender);
        return sender;
    }

    /** What a receiver does: recompute the HMAC over timestamp "." body and compare in constant time. */
    private static boolean validSignature(Received r) {
        byte[] expected = ("sha256=" + WebhookSender.sign(SECRET, r.timestamp(), r.body()))
                .getBytes(StandardCharsets.US_ASCII);
        return r.signature() != null
                && MessageDigest.isEqual(expected, r.signature().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void eachEventArrivesSignedWithTheManifest() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        WebhookSender sender = sender(List.of(receiver(received)), 3, Duration.ofSeconds(5));

        long before = Instant.now().getEpochSecond();
        sender.started(MANIFEST);
        sender.completed(MANIFEST);
        sender.failed(MANIFEST);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).extracting(Received::event).containsExactlyInAnyOrder(
                "recording.started", "recording.completed", "recording.failed");
        for (Received r : received) {
            assertThat(validSignature(r)).as("signature of %s", r.event()).isTrue();
            assertThat(Long.parseLong(r.timestamp())).isBetween(before, Instant.now().getEpochSecond());
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("type").asString()).isEqualTo(r.event());
            assertThat(body.get("id").asString()).isEqualTo(r.delivery());
            assertThat(Instant.parse(body.get("time").asString()).getEpochSecond()).isGreaterThanOrEqualTo(before);
            JsonNode recording = body.get("recording");
            assertThat(recording.get("id").asString()).isEqualTo(ID);
            assertThat(recording.get("streamKey").asString()).isEqualTo("cam1");
            assertThat(recording.get("sizeBytes").asLong()).isEqualTo(1234);
            assertThat(recording.get("tracks")).hasSize(2);
        }
        assertThat(received).extracting(Received::delivery).doesNotHaveDuplicates();
    }

    @Test
    void aTamperedBodyOrTimestampDoesNotVerify() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        WebhookSender sender = sender(List.of(receiver(received)), 1, Duration.ofSeconds(5));

        sender.completed(MANIFEST);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        Received r = received.getFirst();
        assertThat(validSignature(r)).isTrue();
        byte[] tampered = r.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(validSignature(new Received(r.event(), r.delivery(), r.timestamp(), r.signature(), tampered)))
                .isFalse();
        String later = Long.toString(Long.parseLong(r.timestamp()) + 600);
        assertThat(validSignature(new Received(r.event(), r.delivery(), later, r.signature(), r.body()))).isFalse();
    }

    @Test
    void aReceiverFailingTwiceGetsTheEventOnTheThirdAttempt() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        WebhookSender sender = sender(List.of(receiver(received, 500, 503)), 5, Duration.ofSeconds(5));

        sender.completed(MANIFEST);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        Thread.sleep(300); // three backoffs' worth: no fourth attempt comes
        assertThat(received).hasSize(3);
        assertThat(received).extracting(Received::delivery).containsOnly(received.getFirst().delivery());
        assertThat(received).allMatch(WebhookSenderTest::validSignature);
    }

    @Test
    void attemptsAreBoundedAndAClientErrorIsNotRetried() throws Exception {
        List<Received> alwaysFailing = new CopyOnWriteArrayList<>();
        List<Received> refusing = new CopyOnWriteArrayList<>();
        WebhookSender sender = sender(List.of(receiver(alwaysFailing, 500, 500, 500, 500, 500, 500),
                receiver(refusing, 400)), 4, Duration.ofSeconds(5));

        sender.failed(MANIFEST);

        await().atMost(Duration.ofSeconds(5)).until(() -> alwaysFailing.size() == 4);
        Thread.sleep(1000); // longer than the next backoff would be
        assertThat(alwaysFailing).hasSize(4);
        assertThat(refusing).hasSize(1);
    }

    @Test
    void aDeadReceiverHoldsUpNothing() throws Exception {
        // accepts connections and never answers
        ServerSocket dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(dead.accept());
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        toClose.add(() -> {
            dead.close();
            acceptor.join();
            for (Socket s : accepted) {
                s.close();
            }
        });
        List<Received> alive = new CopyOnWriteArrayList<>();
        WebhookSender sender = sender(List.of(URI.create("http://127.0.0.1:" + dead.getLocalPort() + "/hook"),
                receiver(alive)), 3, Duration.ofSeconds(3));

        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            sender.completed(MANIFEST);
        }
        long sendMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(sendMillis).as("20 sends returned in %d ms", sendMillis).isLessThan(500);
        await().atMost(Duration.ofSeconds(2)).until(() -> alive.size() == 20);
        assertThat(accepted).isNotEmpty();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        WebhookSender sender = new WebhookSender(new WebhookProperties(List.of(), null, 10, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(5)));
        toClose.add(sender);

        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(sender::backoff)).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }
}
