package dev.tributary.ingest.whip;

import static dev.tributary.ingest.whip.WhipClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ingest.session.LiveSession;
import dev.tributary.ingest.session.SessionException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The WHIP endpoints over real HTTP, with tokens, ICE servers and a restricted origin configured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.publish.token=all-keys-token",
        "tributary.publish.tokens.cam2=cam2-token",
        "tributary.whip.ice-servers[0].urls[0]=stun:stun.example.net",
        "tributary.whip.ice-servers[1].urls[0]=turn:turn.example.net?transport=udp",
        "tributary.whip.ice-servers[1].urls[1]=turns:turn.example.net:5349",
        "tributary.whip.ice-servers[1].username=user",
        "tributary.whip.ice-servers[1].credential=pa\"ss",
        "tributary.whip.allowed-origins=https://studio.example.com",
        "tributary.whip.retry-after=7s"})
@Import(FakeSessionsConfiguration.class)
class WhipEndpointTest {

    private static final String TOKEN = "all-keys-token";
    private static final String ORIGIN = "https://studio.example.com";

    @LocalServerPort
    int port;

    @Autowired
    FakeIngestSessions sessions;

    private WhipClient whip;

    @BeforeEach
    void setUp() {
        sessions.reset();
        whip = new WhipClient(port);
    }

    @Test
    void publishAnswers201WithTheAnswerAndTheSessionHeaders() throws Exception {
        HttpResponse<String> response = whip.publish("cam1", TOKEN);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/sdp");
        assertThat(response.body()).isEqualTo(FakeIngestSessions.ANSWER + "a=stream:cam1\r\n");
        assertThat(sessions.offers()).containsExactly(WhipClient.OFFER);
        LiveSession session = sessions.list().getFirst();
        assertThat(response.headers().firstValue("Location")).hasValue("/whip/cam1/" + session.id());
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + session.etag() + "\"");
        assertThat(response.headers().firstValue("Accept-Patch")).hasValue("application/trickle-ice-sdpfrag");
    }

    @Test
    void publishAdvertisesTheConfiguredIceServersAsLinks() throws Exception {
        HttpResponse<String> response = whip.publish("cam1", TOKEN);

        assertThat(response.headers().allValues("Link")).containsExactly(
                "<stun:stun.example.net>; rel=\"ice-server\"",
                "<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"user\"; "
                        + "credential=\"pa\\\"ss\"; credential-type=\"password\"",
                "<turns:turn.example.net:5349>; rel=\"ice-server\"; username=\"user\"; "
                        + "credential=\"pa\\\"ss\"; credential-type=\"password\"");
    }

    @Test
    void theLocationTakesTrickleAndDelete() throws Exception {
        HttpResponse<String> created = whip.publish("cam1", TOKEN);
        String location = created.headers().firstValue("Location").orElseThrow();
        String etag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> trickled = whip.patch(location, TOKEN, etag, WhipClient.TRICKLE);
        assertThat(trickled.statusCode()).isEqualTo(204);
        assertThat(trickled.body()).isEmpty();
        assertThat(sessions.fragments()).containsExactly(WhipClient.TRICKLE);

        HttpResponse<String> deleted = whip.delete(location, TOKEN);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(sessions.list()).isEmpty();

        assertProblem(whip.delete(location, TOKEN), 404);
        assertProblem(whip.patch(location, TOKEN, etag, WhipClient.TRICKLE), 404);
    }

    @Test
    void iceRestartWithIfMatchStarAnswers200WithTheFragmentAndANewEtag() throws Exception {
        HttpResponse<String> created = whip.publish("cam1", TOKEN);
        String location = created.headers().firstValue("Location").orElseThrow();
        String firstEtag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> restarted = whip.patch(location, TOKEN, "*", WhipClient.RESTART);

        assertThat(restarted.statusCode()).isEqualTo(200);
        assertThat(restarted.headers().firstValue("Content-Type")).hasValue("application/trickle-ice-sdpfrag");
        assertThat(restarted.body()).startsWith("a=ice-ufrag:srv");
        String newEtag = restarted.headers().firstValue("ETag").orElseThrow();
        assertThat(newEtag).isNotEqualTo(firstEtag).isEqualTo("\"" + sessions.list().getFirst().etag() + "\"");

        // Candidates of the old ICE session are refused, those of the new one accepted.
        String trickle = WhipClient.TRICKLE.replace("cli1", "cli2").replace("clientpassword1", "clientpassword2");
        JsonNode stale = assertProblem(whip.patch(location, TOKEN, firstEtag, trickle), 412);
        assertThat(stale.get("detail").asString()).contains("ICE restart");
        assertThat(whip.patch(location, TOKEN, newEtag, trickle).statusCode()).isEqualTo(204);
        assertThat(whip.patch(location, TOKEN, "\"other\", " + newEtag, trickle).statusCode()).isEqualTo(204);
    }

    @Test
    void patchWithoutIfMatchIs428AndWithAWeakOrMalformedOneIsRefused() throws Exception {
        HttpResponse<String> created = whip.publish("cam1", TOKEN);
        String location = created.headers().firstValue("Location").orElseThrow();
        String etag = created.headers().firstValue("ETag").orElseThrow();

        JsonNode required = assertProblem(whip.patch(location, TOKEN, null, WhipClient.TRICKLE), 428);
        assertThat(required.get("detail").asString()).contains("If-Match");
        assertProblem(whip.patch(location, TOKEN, "W/" + etag, WhipClient.TRICKLE), 412);
        assertProblem(whip.patch(location, TOKEN, "ice-1", WhipClient.TRICKLE), 400);
        assertThat(sessions.fragments()).isEmpty();
    }

    @Test
    void patchWithAnotherContentTypeIs415() throws Exception {
        String location = whip.publish("cam1", TOKEN).headers().firstValue("Location").orElseThrow();

        HttpResponse<String> response = whip.send(whip.request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(WhipClient.TRICKLE))
                .header("Content-Type", "application/sdp")
                .header("If-Match", "*")
                .header("Authorization", "Bearer " + TOKEN));

        assertProblem(response, 415);
        assertThat(response.headers().firstValue("Accept-Patch")).hasValue("application/trickle-ice-sdpfrag");
    }

    @Test
    void aMalformedFragmentIs400() throws Exception {
        HttpResponse<String> created = whip.publish("cam1", TOKEN);
        String location = created.headers().firstValue("Location").orElseThrow();

        JsonNode problem = assertProblem(whip.patch(location, TOKEN, "*", "a=mid:0\r\n"), 400);
        assertThat(problem.get("detail").asString()).isEqualTo("no candidates and no ICE credentials");
    }

    @Test
    void aSessionIsNotFoundUnderAnotherStreamKey() throws Exception {
        LiveSession session = sessions.startLive("cam1");

        assertProblem(whip.delete("/whip/cam3/" + session.id(), TOKEN), 404);
        assertProblem(whip.patch("/whip/cam3/" + session.id(), TOKEN, "*", WhipClient.TRICKLE), 404);
        assertThat(sessions.find(session.id())).isPresent();
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        LiveSession session = sessions.startLive("cam1");

        HttpResponse<String> get = whip.send(whip.request("/whip/cam1").GET());
        assertProblem(get, 405);
        assertThat(get.headers().firstValue("Allow")).hasValue("OPTIONS, POST");

        HttpResponse<String> put = whip.send(whip.request("/whip/cam1/" + session.id())
                .PUT(HttpRequest.BodyPublishers.ofString(WhipClient.OFFER)).header("Content-Type", "application/sdp"));
        assertProblem(put, 405);
        assertThat(put.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS, PATCH");

        HttpResponse<String> deleteEndpoint = whip.delete("/whip/cam1", TOKEN);
        assertProblem(deleteEndpoint, 405);
        assertThat(deleteEndpoint.headers().firstValue("Allow")).hasValue("OPTIONS, POST");
    }

    @Test
    void postWithAnotherOrNoContentTypeIs415() throws Exception {
        HttpResponse<String> json = whip.post("/whip/cam1", TOKEN, "application/json", "{}");
        assertProblem(json, 415);
        assertThat(json.headers().firstValue("Accept-Post")).hasValue("application/sdp");

        assertProblem(whip.post("/whip/cam1", TOKEN, null, WhipClient.OFFER), 415);
        assertThat(whip.post("/whip/cam1", TOKEN, "application/sdp; charset=utf-8", WhipClient.OFFER).statusCode())
                .isEqualTo(201);
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        JsonNode problem = assertProblem(whip.post("/whip/cam1", TOKEN, "application/sdp", ""), 400);
        assertThat(problem.get("detail").asString()).contains("empty");
        assertProblem(whip.post("/whip/cam1", TOKEN, "application/sdp", "\r\n  "), 400);
        assertThat(sessions.offers()).isEmpty();
    }

    @Test
    void aTenMegabyteBodyIs413() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024];
        HttpResponse<String> response = whip.send(whip.request("/whip/cam1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .header("Content-Type", "application/sdp")
                .header("Authorization", "Bearer " + TOKEN));

        assertProblem(response, 413);
        assertThat(sessions.offers()).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /whip/cam1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sdp\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 10485760\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> response = whip.send(whip.request("/whip/cam1")
                // Of unknown length, so sent chunked: the limit is found while reading.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64 * 1024 + 1])))
                .header("Content-Type", "application/sdp")
                .header("Authorization", "Bearer " + TOKEN));

        assertProblem(response, 413);
    }

    @Test
    void badStreamKeysAre400() throws Exception {
        for (String key : List.of("a%20b", "x".repeat(129), "cam$1", "%2E%2E", "..%2F..%2Fetc", "cam%00")) {
            HttpResponse<String> response = whip.publish(key, TOKEN);
            assertThat(response.statusCode()).as("status for %s", key).isEqualTo(400);
        }
        assertThat(whip.publish("x".repeat(128), TOKEN).statusCode()).isEqualTo(201);
        assertThat(whip.publish("Cam_1.main~2-b", TOKEN).statusCode()).isEqualTo(201);
        assertThat(sessions.list()).extracting(LiveSession::streamKey)
                .containsExactlyInAnyOrder("x".repeat(128), "Cam_1.main~2-b");
    }

    @Test
    void badStreamKeysGetAProblemDetail() throws Exception {
        JsonNode problem = assertProblem(whip.publish("cam$1", TOKEN), 400);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid stream key");
        assertProblem(whip.publish("a%20b", TOKEN), 400);
        // An encoded slash reaches the application inside its segment: the key "../../etc".
        assertThat(assertProblem(whip.publish("..%2F..%2Fetc", TOKEN), 400).get("title").asString())
                .isEqualTo("Invalid stream key");
    }

    @Test
    void withoutOrWithAWrongTokenTheAnswerIs401AndTheSameForLiveAndIdleKeys() throws Exception {
        LiveSession session = sessions.startLive("live");

        for (String token : Stream.of(null, "wrong", "cam2-token").toList()) {
            HttpResponse<String> live = whip.publish("live", token);
            HttpResponse<String> idle = whip.publish("idle", token);
            assertProblem(live, 401);
            assertThat(live.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(idle.statusCode()).isEqualTo(401);
            assertThat(idle.headers().map()).containsEntry("WWW-Authenticate",
                    live.headers().allValues("WWW-Authenticate"));
            assertThat(idle.body().replace("/whip/idle", "/whip/KEY"))
                    .isEqualTo(live.body().replace("/whip/live", "/whip/KEY"));

            HttpResponse<String> existing = whip.delete("/whip/live/" + session.id(), token);
            HttpResponse<String> missing = whip.delete("/whip/live/no-such-session", token);
            assertProblem(existing, 401);
            assertThat(missing.body().replace("no-such-session", "ID"))
                    .isEqualTo(existing.body().replace(session.id(), "ID"));
            assertProblem(whip.patch("/whip/live/" + session.id(), token, "*", WhipClient.RESTART), 401);
        }
        assertThat(sessions.list()).containsExactly(session);
        assertThat(sessions.offers()).hasSize(1);
    }

    @Test
    void aPerStreamTokenPublishesToItsKeyOnly() throws Exception {
        assertThat(whip.publish("cam2", "cam2-token").statusCode()).isEqualTo(201);
        assertThat(whip.publish("cam2", TOKEN).statusCode()).isEqualTo(201);
        assertProblem(whip.publish("cam3", "cam2-token"), 401);
        assertThat(whip.publish("cam3", TOKEN).statusCode()).isEqualTo(201);
    }

    @Test
    void sessionRefusalsMapToTheirStatus() throws Exception {
        sessions.failNextPublish(new SessionException(SessionException.Reason.MALFORMED_OFFER, "line 3: no m= section"));
        assertThat(assertProblem(whip.publish("cam1", TOKEN), 400).get("detail").asString())
                .isEqualTo("line 3: no m= section");

        sessions.failNextPublish(new SessionException(SessionException.Reason.UNACCEPTABLE_OFFER,
                "no codec we can record: video offers only H265; audio offers only G722"));
        JsonNode unacceptable = assertProblem(whip.publish("cam1", TOKEN), 422);
        assertThat(unacceptable.get("detail").asString())
                .isEqualTo("no codec we can record: video offers only H265; audio offers only G722");

        sessions.failNextPublish(new SessionException(SessionException.Reason.STREAM_BUSY, "cam1 is live"));
        assertThat(assertProblem(whip.publish("cam1", TOKEN), 409).get("detail").asString()).isEqualTo("cam1 is live");

        sessions.failNextPublish(new SessionException(SessionException.Reason.CAPACITY, "64 sessions are live"));
        HttpResponse<String> full = whip.publish("cam1", TOKEN);
        assertProblem(full, 503);
        assertThat(full.headers().firstValue("Retry-After")).hasValue("7");

        assertThat(sessions.list()).isEmpty();
    }

    @Test
    void preflightAllowsTheWhipMethodsAndHeadersFromTheConfiguredOrigin() throws Exception {
        HttpResponse<String> preflight = whip.preflight("/whip/cam1", ORIGIN, "POST", "authorization, content-type");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("POST", "PATCH", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization", "content-type");

        HttpResponse<String> patchPreflight =
                whip.preflight("/whip/cam1/some-session", ORIGIN, "PATCH", "authorization, content-type, if-match");
        assertThat(patchPreflight.statusCode()).isEqualTo(200);
        assertThat(patchPreflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("if-match");

        HttpResponse<String> elsewhere = whip.preflight("/whip/cam1", "https://evil.example.org", "POST", null);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void crossOriginResponsesExposeTheWhipHeaders() throws Exception {
        HttpResponse<String> created = whip.send(whip.request("/whip/cam1")
                .POST(HttpRequest.BodyPublishers.ofString(WhipClient.OFFER))
                .header("Content-Type", "application/sdp")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", ORIGIN));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(created.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Location", "ETag", "Link", "Accept-Patch");

        HttpResponse<String> refused = whip.send(whip.request("/whip/cam1")
                .POST(HttpRequest.BodyPublishers.ofString(WhipClient.OFFER))
                .header("Content-Type", "application/sdp")
                .header("Origin", ORIGIN));
        assertProblem(refused, 401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    }

    @Test
    void plainOptionsNamesWhatEachResourceAccepts() throws Exception {
        HttpResponse<String> endpoint = whip.send(whip.request("/whip/cam1")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.headers().firstValue("Accept-Post")).hasValue("application/sdp");
        assertThat(endpoint.headers().firstValue("Allow")).hasValue("OPTIONS, POST");
        // ICE servers and their credentials go only to an authorised publisher, in the 201.
        assertThat(endpoint.headers().allValues("Link")).isEmpty();

        HttpResponse<String> session = whip.send(whip.request("/whip/cam1/any")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.headers().firstValue("Accept-Patch")).hasValue("application/trickle-ice-sdpfrag");
        assertThat(session.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS, PATCH");
    }

    @Test
    void pathsThatAreNoWhipResourceAre404Problems() throws Exception {
        assertProblem(whip.post("/whip/cam1/session/extra", TOKEN, "application/sdp", WhipClient.OFFER), 404);
        assertProblem(whip.post("/whip", TOKEN, "application/sdp", WhipClient.OFFER), 404);
    }
}
