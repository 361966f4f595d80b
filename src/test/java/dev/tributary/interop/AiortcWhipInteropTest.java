package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * aiortc (Python, with aioice for ICE) publishes to the running service over WHIP
 * ({@link AiortcPublisher}): every candidate in the offer, a synthetic video and an Opus tone for
 * a few seconds, then a DELETE. H264 + Opus goes straight to the service; VP8 + Opus goes through
 * a coturn relay with the relayed candidate as the publisher's only one, so every packet the
 * service sees, connectivity checks included, comes from the relay's address. Either way the
 * recordings API then lists the recording complete in the container the service picks for the
 * codecs, with both streams, the length of what was published and no decode error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + AiortcWhipInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + AiortcWhipInteropTest.API_TOKEN})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AiortcWhipInteropTest {

    static final String PUBLISH_TOKEN = "aiortc-publish-token";
    static final String API_TOKEN = "aiortc-api-token";
    private static final double SECONDS = 6;
    /** The service's ICE is on 127.0.0.1 (test configuration), so the publisher's is too. */
    private static final String ICE_ADDRESS = "127.0.0.1";
    /** Fewer packets than {@link #SECONDS} of 30 fps video and 50 packets/s of Opus make, by far. */
    private static final long MEDIA_PACKETS = (long) (SECONDS * (30 + 50) / 2);

    @LocalServerPort
    int port;

    @Test
    void h264AndOpusWithHostCandidates() throws Exception {
        Published published = publish("aiortc-h264", AiortcPublisher.Codec.H264, null);

        assertThat(candidateTypes(published.offer())).containsOnly("host");
        assertThat(published.ice().path("nominated").findValuesAsString("local"))
                .singleElement().asString().startsWith("host " + ICE_ADDRESS + ":");

        checkRecording("aiortc-h264", published.seconds(), "mp4", "h264", "mov,mp4");
    }

    @Test
    void vp8AndOpusRelayedThroughCoturn() throws Exception {
        Coturn.assumeInstalled();
        Published published;
        try (Coturn turn = Coturn.start("aiortc", "relay-secret")) {
            published = publish("aiortc-vp8-relayed", AiortcPublisher.Codec.VP8, turn);

            assertThat(candidateTypes(published.offer())).as("relay only").containsOnly("relay");
            assertThat(published.ice().path("nominated").findValuesAsString("local"))
                    .singleElement().asString().startsWith("relay " + ICE_ADDRESS + ":");
            String service = published.ice().path("nominated").get(0).path("remote").stringValue("");
            assertThat(turn.log()).as("coturn's log").contains("peer " + service + " lifetime updated");
            // The publisher released its allocations as it closed; coturn logs their traffic as it deletes them.
            List<Coturn.PeerUsage> usage = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(turn::peerUsage, u -> u.stream().anyMatch(a -> a.toPeers() > 0));
            System.out.printf("aiortc relayed through coturn: %s%n", usage);
            assertThat(usage).as("relayed to the service").anySatisfy(a -> {
                assertThat(a.toPeers()).isGreaterThan(MEDIA_PACKETS);
                assertThat(a.fromPeers()).isPositive();
            });
        }

        checkRecording("aiortc-vp8-relayed", published.seconds(), "webm", "vp8", "matroska,webm");
    }

    /** What one publish said: its offer, its ICE and DTLS report, and how long it published. */
    private record Published(String offer, JsonNode ice, double seconds) {}

    /** Publishes for {@link #SECONDS}; checks the POST, the DELETE and a clean exit. */
    private Published publish(String key, AiortcPublisher.Codec codec, Coturn turn) throws Exception {
        AiortcPublisher.assumeAvailable();
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/" + key);
        try (PublisherProcess publisher = AiortcPublisher.start(whip, PUBLISH_TOKEN, codec, SECONDS, ICE_ADDRESS,
                turn)) {
            int exit = publisher.waitFor(Duration.ofSeconds(90));
            assertThat(exit).as("exit code; %s", publisher).isZero();
            JsonNode posted = publisher.first("posted");
            JsonNode ice = publisher.first("ice");
            JsonNode deleted = publisher.first("deleted");
            assertThat(posted.path("status").asInt()).isEqualTo(201);
            assertThat(posted.path("contentType").stringValue("")).isEqualTo("application/sdp");
            assertThat(ice.path("remoteIsLite").asBoolean()).as("the answer says ice-lite").isTrue();
            assertThat(deleted.path("status").asInt()).isEqualTo(200);
            double seconds = deleted.path("published").asDouble();
            System.out.printf("aiortc %s: POST to connected in %.0f ms, %s, published %.3f s%n", key,
                    (publisher.events("connection").stream()
                            .filter(e -> e.path("state").stringValue("").equals("connected"))
                            .findFirst().orElseThrow().path("t").asDouble() - posted.path("t").asDouble()) * 1000,
                    ice, seconds);
            return new Published(posted.path("offer").stringValue(""), ice, seconds);
        }
    }

    /** The {@code typ} of every candidate line of an SDP. */
    private static List<String> candidateTypes(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=candidate:")).map(l -> {
            List<String> fields = Arrays.asList(l.split(" "));
            return fields.get(fields.indexOf("typ") + 1);
        }).toList();
    }

    /** Waits for the recording to be complete, then checks it and its media. */
    private void checkRecording(String key, double publishedSeconds, String container, String videoCodec,
            String formatName) throws Exception {
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        JsonNode recording = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.recordingIn(key, "complete"), r -> r != null);
        RecordingChecks.assertPlayable(api, recording, "aiortc " + key, container, formatName, videoCodec,
                publishedSeconds);
    }
}
