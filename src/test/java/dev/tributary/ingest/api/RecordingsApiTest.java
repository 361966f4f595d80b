package dev.tributary.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.ingest.recording.RecordingCatalog;
import dev.tributary.ingest.recording.RecordingManifest;
import dev.tributary.ingest.recording.Track;
import dev.tributary.ingest.session.IngestSessions;
import dev.tributary.ingest.session.LiveSession;
import dev.tributary.ingest.session.SessionException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tributary.api.token=" + RecordingsApiTest.TOKEN)
class RecordingsApiTest {

    static final String TOKEN = "s3cr3t-token";

    /** The session layer as the API sees it, by hand. */
    static final class FakeSessions implements IngestSessions {
        final Map<String, LiveSession> live = new ConcurrentHashMap<>();

        @Override
        public Publish publish(String streamKey, String offerSdp) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> patch(String sessionId, String sdpFragment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void end(String sessionId) {
            if (live.remove(sessionId) == null) {
                throw new SessionException(SessionException.Reason.UNKNOWN_SESSION, "no session " + sessionId);
            }
        }

        @Override
        public Optional<LiveSession> find(String sessionId) {
            return Optional.ofNullable(live.get(sessionId));
        }

        @Override
        public List<LiveSession> list() {
            return live.values().stream().sorted((a, b) -> a.startedAt().compareTo(b.startedAt())).toList();
        }
    }

    @TestConfiguration
    static class Sessions {
        /** Replaces the real session layer, which the application also defines. */
        @Bean
        @Primary
        FakeSessions fakeSessions() {
            return new FakeSessions();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RecordingCatalog catalog;

    @Autowired
    FakeSessions sessions;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> authed(String method, String path, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + TOKEN;
        return send(method, path, all);
    }

    JsonNode body(HttpResponse<byte[]> response) {
        return json.readTree(response.body());
    }

    void assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString()).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(body(response).get("status").asInt()).isEqualTo(status);
    }

    RecordingManifest finishedRecording(String streamKey, ContainerFormat container, byte[] media) throws Exception {
        RecordingManifest r = catalog.create(streamKey, container,
                List.of(Track.video("VP8", 640, 480), Track.audio("opus", 48_000, 2)));
        Files.write(catalog.mediaFile(r.id()), media);
        return catalog.complete(r.id(), 1000);
    }

    @Test
    void withoutTheTokenEverythingUnderApiIs401() throws Exception {
        for (String path : List.of("/api/recordings", "/api/sessions", "/api/recordings/" + "0".repeat(26))) {
            HttpResponse<byte[]> none = send("GET", path);
            assertProblem(none, 401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"tributary\"");
            assertProblem(send("GET", path, "Authorization", "Bearer wrong"), 401);
            assertProblem(send("GET", path, "Authorization", "Bearer " + TOKEN + "x"), 401);
            assertProblem(send("GET", path, "Authorization", "Basic " + TOKEN), 401);
        }
        assertThat(authed("GET", "/api/recordings").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/recordings", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void getsAndFiltersAndPagesRecordings() throws Exception {
        String stream = "paging-" + new Random().nextInt(1_000_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, finishedRecording(stream, ContainerFormat.WEBM, new byte[] {1}).id());
            Thread.sleep(2);
        }
        RecordingManifest one = catalog.get(ids.get(0));
        JsonNode got = body(authed("GET", "/api/recordings/" + one.id()));
        assertThat(got.get("id").asString()).isEqualTo(one.id());
        assertThat(got.get("state").asString()).isEqualTo("complete");
        assertThat(got.get("container").asString()).isEqualTo("webm");
        assertThat(got.get("tracks").get(0).get("codec").asString()).isEqualTo("VP8");
        assertThat(got.get("tracks").get(1).has("width")).isFalse();

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/recordings?limit=2&streamKey=" + stream
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<byte[]> response = authed("GET", path);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode page = body(response);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(item -> listed.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(listed).isEqualTo(ids);

        String from = URLEncoder.encode(one.startedAt().toString(), StandardCharsets.UTF_8);
        JsonNode newest = body(authed("GET", "/api/recordings?state=complete&streamKey=" + stream + "&from=" + from));
        assertThat(newest.get("items").size()).isEqualTo(1);
        assertThat(newest.get("nextCursor").isNull()).isTrue();
        String to = URLEncoder.encode(Instant.parse("2000-01-01T00:00:00Z").toString(), StandardCharsets.UTF_8);
        assertThat(body(authed("GET", "/api/recordings?to=" + to)).get("items").size()).isZero();
    }

    @Test
    void badParametersAndIdsAre400Problems() throws Exception {
        for (String path : List.of("/api/recordings?limit=0", "/api/recordings?limit=201",
                "/api/recordings?limit=abc", "/api/recordings?state=done", "/api/recordings?from=yesterday",
                "/api/recordings?cursor=bm9wZQ",
                "/api/recordings/ABCDEFGHJKMNPQRSTVWXYZ0123", "/api/recordings/x.json",
                "/api/recordings/..%2e/media", "/api/recordings/%2e%2e")) {
            HttpResponse<byte[]> response = authed("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertProblem(response, 400);
        }
        // An encoded slash stays inside its segment: the id "../../etc/passwd", which is malformed.
        for (String path : List.of("/api/recordings/..%2F..%2Fetc%2Fpasswd", "/api/recordings/a%2F..%2F..%2Fx/media",
                "/api/recordings/%2e%2e%2F%2e%2e%2Fetc")) {
            assertProblem(authed("GET", path), 400);
        }
        assertProblem(authed("DELETE", "/api/recordings/not-an-id"), 400);
        assertProblem(authed("GET", "/api/recordings/" + "0".repeat(26)), 404);
        assertProblem(authed("GET", "/api/recordings/" + "0".repeat(26) + "/media"), 404);
    }

    @Test
    void servesMediaWholeAndByRanges() throws Exception {
        byte[] media = new byte[100_000];
        new Random(7).nextBytes(media);
        RecordingManifest r = finishedRecording("media", ContainerFormat.FRAGMENTED_MP4, media);
        String path = "/api/recordings/" + r.id() + "/media";

        HttpResponse<byte[]> whole = authed("GET", path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Length")).hasValue("100000");
        assertThat(whole.body()).isEqualTo(media);

        HttpResponse<byte[]> middle = authed("GET", path, "Range", "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(media, 1000, 2000));

        HttpResponse<byte[]> open = authed("GET", path, "Range", "bytes=99990-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(media, 99_990, 100_000));

        HttpResponse<byte[]> suffix = authed("GET", path, "Range", "bytes=-10");
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(media, 99_990, 100_000));

        HttpResponse<byte[]> clamped = authed("GET", path, "Range", "bytes=99999-200000");
        assertThat(clamped.statusCode()).isEqualTo(206);
        assertThat(clamped.body()).containsExactly(media[99_999]);

        HttpResponse<byte[]> past = authed("GET", path, "Range", "bytes=100000-");
        assertProblem(past, 416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */100000");
        assertProblem(authed("GET", path, "Range", "bytes=-0"), 416);

        HttpResponse<byte[]> several = authed("GET", path, "Range", "bytes=0-1,5-6");
        assertThat(several.statusCode()).as("several ranges: the whole file").isEqualTo(200);
        assertThat(several.body()).isEqualTo(media);
        assertThat(authed("GET", path, "Range", "items=0-1").statusCode()).isEqualTo(200);

        RecordingManifest webm = finishedRecording("media", ContainerFormat.WEBM, new byte[] {1, 2});
        assertThat(authed("GET", "/api/recordings/" + webm.id() + "/media").headers().firstValue("Content-Type"))
                .hasValue("video/webm");
        RecordingManifest mkv = finishedRecording("media", ContainerFormat.MATROSKA, new byte[] {1, 2});
        assertThat(authed("GET", "/api/recordings/" + mkv.id() + "/media").headers().firstValue("Content-Type"))
                .hasValue("video/x-matroska");
    }

    @Test
    void signedMediaLinksServeOneRecordingWithoutTheTokenUntilTheyExpire() throws Exception {
        byte[] media = new byte[5000];
        new Random(11).nextBytes(media);
        RecordingManifest r = finishedRecording("linked", ContainerFormat.WEBM, media);
        RecordingManifest other = finishedRecording("linked", ContainerFormat.WEBM, new byte[] {1, 2, 3});
        String linkPath = "/api/recordings/" + r.id() + "/media-link";

        assertProblem(send("POST", linkPath), 401);
        assertProblem(authed("POST", "/api/recordings/" + "0".repeat(26) + "/media-link"), 404);
        assertProblem(authed("POST", "/api/recordings/..%2e/media-link"), 400);

        Instant before = Instant.now();
        HttpResponse<byte[]> created = authed("POST", linkPath);
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode link = body(created);
        String url = link.get("url").asString();
        assertThat(url).matches("/api/recordings/" + r.id() + "/media\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}");
        long exp = Long.parseLong(url.replaceAll(".*exp=(\\d+).*", "$1"));
        assertThat(Instant.parse(link.get("expiresAt").asString())).isEqualTo(Instant.ofEpochSecond(exp))
                .isBetween(before.plus(Duration.ofHours(6)).minusSeconds(1), Instant.now().plus(Duration.ofHours(6)));
        String sig = url.replaceAll(".*sig=", "");
        assertThat(sig).isEqualTo(MediaLinksTest.reference(TOKEN, r.id(), exp));

        HttpResponse<byte[]> whole = send("GET", url);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(media);
        HttpResponse<byte[]> part = send("GET", url, "Range", "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(media, 10, 20));

        String otherMedia = "/api/recordings/" + other.id() + "/media";
        for (String bad : List.of(otherMedia + "?exp=" + exp + "&sig=" + sig,
                url.replace("exp=" + exp, "exp=" + (exp + 1)),
                url.replace("sig=" + sig, "sig=" + sig.substring(0, 42) + (sig.charAt(42) == 'A' ? 'B' : 'A')),
                url.replace("&sig=" + sig, ""),
                url.replace("exp=" + exp + "&", ""),
                "/api/recordings/" + r.id() + "/media?exp=" + (before.getEpochSecond() - 10) + "&sig="
                        + MediaLinksTest.reference(TOKEN, r.id(), before.getEpochSecond() - 10))) {
            HttpResponse<byte[]> refused = send("GET", bad);
            assertProblem(refused, 401);
            assertThat(body(refused).get("detail").asString()).as(bad).contains("media link");
        }
        // A link serves media only: not the manifest, not a delete.
        assertProblem(send("GET", "/api/recordings/" + r.id() + "?exp=" + exp + "&sig=" + sig), 401);
        assertProblem(send("DELETE", "/api/recordings/" + r.id() + "?exp=" + exp + "&sig=" + sig), 401);
        assertThat(catalog.find(r.id())).isPresent();
    }

    @Test
    void aLiveRecordingIsServedAsFarAsWrittenAndCannotBeDeleted() throws Exception {
        RecordingManifest live = catalog.create("live", ContainerFormat.WEBM, List.of());
        Files.write(catalog.mediaFile(live.id()), new byte[] {9, 8, 7});
        HttpResponse<byte[]> media = authed("GET", "/api/recordings/" + live.id() + "/media");
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).containsExactly(9, 8, 7);
        assertThat(media.headers().firstValue("Cache-Control")).hasValue("no-store");

        assertProblem(authed("DELETE", "/api/recordings/" + live.id()), 409);
        catalog.complete(live.id(), 10);
        assertThat(authed("DELETE", "/api/recordings/" + live.id()).statusCode()).isEqualTo(204);
        assertProblem(authed("GET", "/api/recordings/" + live.id()), 404);
        assertProblem(authed("DELETE", "/api/recordings/" + live.id()), 404);
    }

    @Test
    void listsAndEndsLiveSessions() throws Exception {
        sessions.live.put("s1", new LiveSession("s1", "cam", Instant.parse("2026-01-01T00:00:00Z"), "connected",
                "0".repeat(26), "\"e1\"", 2_500_000));
        JsonNode list = body(authed("GET", "/api/sessions"));
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo("s1");
        assertThat(list.get(0).get("bitrateBps").asLong()).isEqualTo(2_500_000);
        assertThat(list.get(0).get("startedAt").asString()).isEqualTo("2026-01-01T00:00:00Z");

        assertThat(authed("DELETE", "/api/sessions/s1").statusCode()).isEqualTo(204);
        assertThat(sessions.live).isEmpty();
        assertProblem(authed("DELETE", "/api/sessions/s1"), 404);
        assertProblem(authed("DELETE", "/api/sessions/a.b"), 400);
        assertProblem(authed("DELETE", "/api/sessions/..."), 400);
        assertProblem(authed("DELETE", "/api/sessions/..%2Fx"), 400);
    }

    @Test
    void servesTheOpenApiDocumentAndSwaggerUiWithoutToken() throws Exception {
        HttpResponse<byte[]> docs = send("GET", "/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openapi = body(docs);
        assertThat(openapi.get("openapi").asString()).startsWith("3.");
        assertThat(openapi.get("paths").has("/api/recordings")).isTrue();
        assertThat(openapi.get("paths").has("/api/recordings/{id}/media")).isTrue();
        assertThat(openapi.get("paths").has("/api/sessions/{id}")).isTrue();
        assertThat(openapi.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        HttpResponse<byte[]> ui = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/swagger-ui/index.html")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(new String(ui.body(), StandardCharsets.UTF_8)).contains("swagger-ui");
    }
}
