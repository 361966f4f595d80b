package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad requests get a clear error and lose nothing: while Pion publishes to the running service,
 * malformed and hostile WHIP and API requests each get their 4xx status with an RFC 9457 problem
 * detail, none of them creates a recording, and the live session beside them records its full
 * duration and decodes cleanly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + BadInputInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + BadInputInteropTest.API_TOKEN})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BadInputInteropTest {

    static final String PUBLISH_TOKEN = "bad-input-publish-token";
    static final String API_TOKEN = "bad-input-api-token";
    private static final String LIVE_KEY = "bad-input-live";
    private static final int SECONDS = 12;

    /** A well-formed offer whose only codec is G.722 audio, which the service does not record. */
    private static final String G722_ONLY = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=fingerprint:sha-256 46:41:F0:99:12:09:D3:E9:DC:0C:E1:7E:2F:CC:70:0B:39:47:CF:1E:29:86:62:FE:55:08:"
                    + "D0:A4:55:48:33:1A",
            "m=audio 9 UDP/TLS/RTP/SAVPF 9",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:e53ab337",
            "a=ice-pwd:7c62715cb774eaf5b7ebf212d2d07b14",
            "a=setup:actpass",
            "a=mid:0",
            "a=sendonly",
            "a=rtcp-mux",
            "a=rtpmap:9 G722/8000",
            "");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** One bad request and what it must get. */
    private record Case(String what, HttpRequest request, int status) {}

    @Test
    void badRequestsGetProblemsAndTheLiveSessionBesideThemKeepsRecording() throws Exception {
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        PionPublisher.binary();
        PionPublisher.media();
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        URI whip = uri("/whip/" + LIVE_KEY);
        CompletableFuture<PionPublisher.Run> publish = CompletableFuture.supplyAsync(() -> {
            try {
                return PionPublisher.publish(whip, PUBLISH_TOKEN, PionPublisher.Video.H264, SECONDS, 1);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode live = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast("the publisher ended", (Callable<Boolean>) publish::isDone)
                .until(() -> api.recordingIn(LIVE_KEY, "recording"), r -> r != null);
        String liveId = live.path("id").stringValue("");

        long started = System.nanoTime();
        List<Case> cases = cases(liveId);
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            HttpResponse<String> response = http.send(c.request(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String label = c.what() + ": " + c.request().method() + " " + c.request().uri().getRawPath()
                    + " -> " + response.statusCode() + " " + body.substring(0, Math.min(body.length(), 300));
            softly.assertThat(response.statusCode()).as(label).isEqualTo(c.status());
            String type = response.headers().firstValue("Content-Type").orElse("");
            softly.assertThat(type).as(label).startsWith("application/problem+json");
            if (type.startsWith("application/problem+json")) {
                JsonNode problem = json.readTree(body);
                softly.assertThat(problem.path("status").asInt()).as(label).isEqualTo(c.status());
                softly.assertThat(problem.path("title").stringValue("")).as(label).isNotBlank();
            }
        }
        // A path that climbs above the root once decoded is refused by Tomcat before the application
        // sees it, with an HTML page: not a problem detail, but nothing is served.
        for (String path : List.of("/%2e%2e/application.yaml", "/whip/%2e%2e/%2e%2e/application.yaml")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            softly.assertThat(response.statusCode()).as(path).isEqualTo(400);
            softly.assertThat(response.body()).as(path).doesNotContain("tributary:");
        }
        softly.assertAll();
        System.out.printf("%d bad requests answered in %.0f ms while the session was live%n", cases.size(),
                (System.nanoTime() - started) / 1e6);
        assertThat(publish).as("the live session outlasted the bad requests").isNotDone();

        PionPublisher.Run run = publish.get(SECONDS + 60L, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run::toString).isZero();
        assertThat(run.results().getFirst().deleteStatus()).isEqualTo(200);
        JsonNode recording = await().atMost(Duration.ofSeconds(20))
                .until(() -> api.recordingIn(LIVE_KEY, "complete"), r -> r != null);
        assertThat(recording.path("id").stringValue("")).isEqualTo(liveId);
        HttpResponse<String> all = http.send(api.request("/api/recordings").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(all.body()).path("items").findValuesAsString("streamKey"))
                .as("no bad request made a recording").containsExactly(LIVE_KEY);

        Path media = api.download(liveId, ".mp4");
        try {
            JsonNode probe = Ffprobe.probe(media);
            assertThat(probe.path("streams").findValuesAsString("codec_name")).containsExactlyInAnyOrder("h264", "opus");
            double duration = probe.path("format").path("duration").asDouble();
            System.out.printf("the live session beside them: %.3f s recorded for %d s published%n", duration, SECONDS);
            assertThat(duration).isCloseTo(SECONDS, Offset.offset(0.5));
            assertThat(Ffprobe.decodeErrors(media)).isEmpty();
        } finally {
            Files.deleteIfExists(media);
        }
    }

    private List<Case> cases(String liveId) {
        List<Case> cases = new ArrayList<>();
        String endpoint = "/whip/other-key";
        cases.add(new Case("malformed SDP", offer(endpoint, "v=0\r\nthis is not SDP\r\n"), 400));
        cases.add(new Case("well-formed SDP without media", offer(endpoint,
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"), 422));
        cases.add(new Case("no usable codec (G.722 only)", offer(endpoint, G722_ONLY), 422));
        cases.add(new Case("a 10 MB body", HttpRequest.newBuilder(uri(endpoint))
                .header("Authorization", "Bearer " + PUBLISH_TOKEN).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024])).build(), 413));
        cases.add(new Case("wrong content type", HttpRequest.newBuilder(uri(endpoint))
                .header("Authorization", "Bearer " + PUBLISH_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(G722_ONLY)).build(), 415));
        cases.add(new Case("no content type", HttpRequest.newBuilder(uri(endpoint))
                .header("Authorization", "Bearer " + PUBLISH_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(G722_ONLY)).build(), 415));
        cases.add(new Case("no token", HttpRequest.newBuilder(uri(endpoint)).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(G722_ONLY)).build(), 401));
        cases.add(new Case("wrong token", HttpRequest.newBuilder(uri(endpoint))
                .header("Authorization", "Bearer " + PUBLISH_TOKEN + "x").header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(G722_ONLY)).build(), 401));
        cases.add(new Case("wrong token for the live stream's session", whip("DELETE", "/whip/" + LIVE_KEY + "/x",
                "Bearer nope"), 401));
        cases.add(new Case("unknown session (DELETE)", whip("DELETE", "/whip/" + LIVE_KEY + "/no-such-session",
                "Bearer " + PUBLISH_TOKEN), 404));
        cases.add(new Case("unknown session (PATCH)", HttpRequest.newBuilder(uri("/whip/" + LIVE_KEY + "/no-such-session"))
                .header("Authorization", "Bearer " + PUBLISH_TOKEN)
                .header("Content-Type", "application/trickle-ice-sdpfrag").header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=ice-ufrag:abcd\r\na=ice-pwd:"
                        + "0123456789abcdef0123456789\r\n")).build(), 404));
        // Path traversal in stream keys: the decoded key is "..", or holds a slash.
        cases.add(new Case("%2e%2e as stream key", offer("/whip/%2e%2e", G722_ONLY), 400));
        cases.add(new Case("%2e%2e as stream key of a session", whip("DELETE", "/whip/%2e%2e/x",
                "Bearer " + PUBLISH_TOKEN), 400));
        cases.add(new Case("..%2f in a stream key", offer("/whip/..%2f..%2fetc", G722_ONLY), 400));
        cases.add(new Case("../ before a stream key: not a WHIP resource", offer("/whip/../whip/%2e%2e", G722_ONLY),
                404));
        // Path traversal in recording ids.
        String id = "/api/recordings/";
        cases.add(new Case("%2e%2e as recording id", api("GET", id + "%2e%2e"), 400));
        cases.add(new Case("..%2e as recording id", api("GET", id + "..%2e"), 400));
        cases.add(new Case("%2e%2e as recording id of media", api("GET", id + "%2e%2e/media"), 400));
        cases.add(new Case("%2e%2e as recording id of a delete", api("DELETE", id + "%2e%2e"), 400));
        cases.add(new Case("../ in a recording id: not an API resource", api("GET", id + "../recordings/%2e%2e"), 404));
        cases.add(new Case("a method the API does not take", api("PUT", id + "%2e%2e"), 405));
        cases.add(new Case("..%2f in a recording id", api("GET", id + "..%2f..%2fetc%2fpasswd"), 400));
        cases.add(new Case("..%2f in a recording id of media", api("GET", id + "a%2f..%2f..%2fx/media"), 400));
        cases.add(new Case("unknown recording", api("GET", id + "0".repeat(26)), 404));
        // Traversal towards the application's own files through the static pages.
        for (String path : List.of("/..%2fapplication.yaml", "/%2e%2e%2fapplication.yaml",
                "/static%2f..%2fapplication.yaml", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/config%2fapplication.yaml")) {
            cases.add(new Case("traversal from the pages", HttpRequest.newBuilder(uri(path)).build(), 404));
        }
        cases.add(new Case("the live recording cannot be deleted", api("DELETE", id + liveId), 409));
        cases.add(new Case("the API without its token", HttpRequest.newBuilder(uri(id + liveId)).build(), 401));
        return cases;
    }

    private HttpRequest offer(String path, String sdp) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + PUBLISH_TOKEN)
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(sdp, StandardCharsets.UTF_8)).build();
    }

    private HttpRequest whip(String method, String path, String authorization) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private HttpRequest api(String method, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + API_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private URI uri(String rawPath) {
        return URI.create("http://127.0.0.1:" + port + rawPath);
    }
}
