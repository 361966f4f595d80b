package dev.tributary.ingest.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running service, the way a WHIP client talks to it. */
final class WhipClient {

    static final String OFFER = "v=0\r\no=- 42 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=ice-ufrag:cli1\r\na=ice-pwd:clientpassword1\r\n"
            + "a=rtpmap:96 VP8/90000\r\n";
    static final String TRICKLE = "a=ice-ufrag:cli1\r\na=ice-pwd:clientpassword1\r\nm=video 9 UDP/TLS/RTP/SAVPF 0\r\n"
            + "a=mid:0\r\na=candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host\r\n";
    static final String RESTART = "a=ice-ufrag:cli2\r\na=ice-pwd:clientpassword2\r\nm=video 9 UDP/TLS/RTP/SAVPF 0\r\n"
            + "a=mid:0\r\na=candidate:1 1 udp 2130706431 192.0.2.7 50002 typ host\r\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    WhipClient(int port) {
        this.port = port;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> publish(String streamKey, String token) throws Exception {
        return post("/whip/" + streamKey, token, "application/sdp", OFFER);
    }

    HttpResponse<String> patch(String location, String token, String ifMatch, String fragment) throws Exception {
        HttpRequest.Builder request = request(location)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment))
                .header("Content-Type", "application/trickle-ice-sdpfrag");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> delete(String location, String token) throws Exception {
        HttpRequest.Builder request = request(location).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A CORS preflight, as a browser sends it before a cross-origin request. */
    HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = request(path)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return send(request);
    }

    /** Asserts an RFC 9457 problem response and returns its JSON body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }
}
