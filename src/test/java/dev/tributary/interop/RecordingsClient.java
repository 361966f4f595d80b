package dev.tributary.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The recordings API of a running service, as the interop tests use it. */
final class RecordingsClient {

    private final String base;
    private final String apiToken;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param port the service's HTTP port on 127.0.0.1
     * @param apiToken the API token
     */
    RecordingsClient(int port, String apiToken) {
        this.base = "http://127.0.0.1:" + port;
        this.apiToken = apiToken;
    }

    /** The only recording of {@code streamKey}, or null while there is none (or more than one). */
    JsonNode onlyRecording(String streamKey) throws IOException, InterruptedException {
        HttpResponse<String> list = http.send(request("/api/recordings?streamKey=" + streamKey).build(),
                HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new IOException("GET /api/recordings: " + list.statusCode() + " " + list.body());
        }
        JsonNode items = json.readTree(list.body()).path("items");
        return items.size() == 1 ? items.get(0) : null;
    }

    /** The only recording of {@code streamKey} once it is in {@code state}, else null. */
    JsonNode recordingIn(String streamKey, String state) throws IOException, InterruptedException {
        JsonNode recording = onlyRecording(streamKey);
        return recording != null && recording.path("state").stringValue("").equals(state) ? recording : null;
    }

    /** Downloads recording {@code id}'s media into a temporary file that the caller deletes. */
    Path download(String id, String suffix) throws IOException, InterruptedException {
        Path media = Files.createTempFile("recording-" + id, suffix);
        HttpResponse<Path> response = http.send(request("/api/recordings/" + id + "/media").build(),
                HttpResponse.BodyHandlers.ofFile(media));
        if (response.statusCode() != 200) {
            String body = Files.readString(media);
            Files.delete(media);
            throw new IOException("GET media of " + id + ": " + response.statusCode() + " " + body);
        }
        return media;
    }

    /** A request to {@code path} on the service with the API token. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiToken);
    }
}
