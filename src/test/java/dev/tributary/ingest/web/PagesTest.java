package dev.tributary.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The publish and recordings pages and everything they load, over real HTTP from the running app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagesTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"#:]+\\.(?:js|css))\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publishPageIsTheRoot() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("id=\"camera\"", "id=\"codec\"", "src=\"whip.js\"");
    }

    @Test
    void recordingsPageIsServedWithoutTheExtension() throws Exception {
        HttpResponse<String> shortPath = get("/recordings");
        assertThat(shortPath.statusCode()).isEqualTo(200);
        assertThat(shortPath.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(shortPath.body()).contains("id=\"recordings\"", "src=\"recordings.js\"");
        assertThat(shortPath.body()).isEqualTo(get("/recordings.html").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/recordings"})
    void everyScriptAndStyleSheetAPageLoadsIsServed(String page) throws Exception {
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(get(page).body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).contains("tributary.js", "tributary.css");
        for (String asset : assets) {
            HttpResponse<String> response = get("/" + asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            String expectedType = asset.endsWith(".js") ? "text/javascript" : "text/css";
            assertThat(response.headers().firstValue("Content-Type")).as(asset).hasValueSatisfying(
                    type -> assertThat(type).startsWith(expectedType));
            assertThat(response.body()).as(asset).isNotBlank();
        }
    }
}
