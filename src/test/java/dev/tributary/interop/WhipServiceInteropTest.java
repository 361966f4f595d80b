package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service with a real publisher: Pion's WHIP client publishes H264 + Opus for a few
 * seconds to the running application, then DELETEs; the recordings API lists the recording as
 * complete, and its media has both streams, the right duration and decodes without an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=interop-token", "tributary.api.token=api-token"})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WhipServiceInteropTest {

    private static final int SECONDS = 8;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pionPublishesH264AndOpusAndTheRecordingIsCompleteAndPlayable() throws Exception {
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/pion-e2e");
        PionPublisher.Run run = PionPublisher.publish(whip, "interop-token", PionPublisher.Video.H264, SECONDS, 1);
        assertThat(run.exitCode()).as(run::toString).isZero();
        PionPublisher.Result result = run.results().getFirst();
        assertThat(result.ok()).isTrue();
        assertThat(result.postStatus()).isEqualTo(201);
        System.out.printf("Pion: POST to connected %.1f ms, %d video frames, %d audio packets, %d NACKs, %d PLIs%n",
                result.connectedMs(), result.videoFrames(), result.audioPackets(), result.nacksReceived(),
                result.plisReceived());

        // Pion has DELETEd its session: the recording must be finalised within 2 s of that
        long deletedAt = System.nanoTime();
        JsonNode recording = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> onlyRecording("pion-e2e"), r -> r != null && r.path("state").stringValue("").equals("complete"));
        System.out.printf("recording complete %.0f ms after the DELETE%n", (System.nanoTime() - deletedAt) / 1e6);
        assertThat(recording.path("container").stringValue("")).isEqualTo("mp4");
        assertThat(recording.path("tracks").findValuesAsString("codec")).containsExactlyInAnyOrder("h264", "opus");

        Path media = Files.createTempFile("pion-e2e", ".mp4");
        try {
            HttpResponse<Path> download = http.send(api("/api/recordings/" + recording.path("id").stringValue("")
                    + "/media"), HttpResponse.BodyHandlers.ofFile(media));
            assertThat(download.statusCode()).isEqualTo(200);
            JsonNode probe = Ffprobe.probe(media);
            assertThat(probe.path("streams").findValuesAsString("codec_name")).containsExactlyInAnyOrder("h264", "opus");
            double duration = probe.path("format").path("duration").asDouble();
            System.out.printf("recording: %.3f s for %d s of media sent%n", duration, SECONDS);
            // Pion sends SECONDS of media once connected; its own "seconds" also counts connecting
            assertThat(duration).isCloseTo(SECONDS, Offset.offset(0.5));
            assertThat(Ffprobe.decodeErrors(media)).isEmpty();
        } finally {
            Files.deleteIfExists(media);
        }
    }

    private JsonNode onlyRecording(String streamKey) throws Exception {
        HttpResponse<String> list = http.send(api("/api/recordings?streamKey=" + streamKey),
                HttpResponse.BodyHandlers.ofString());
        JsonNode items = json.readTree(list.body()).path("items");
        return items.size() == 1 ? items.get(0) : null;
    }

    private HttpRequest api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer api-token").build();
    }
}
