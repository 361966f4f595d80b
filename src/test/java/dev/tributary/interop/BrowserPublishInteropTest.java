package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.tributary.interop.Browsers.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Browsers publish through the service's own publish page and play the result on its recordings
 * page: headless Chromium (H264) and Firefox ESR (VP8) open {@code /?key=..&autostart=1}, publish
 * their fake camera and microphone for ten seconds and stop; the API lists a complete recording
 * whose media has both streams, the right duration and decodes cleanly. Chromium then plays the
 * H264 recording on {@code /recordings?play=ID}, through a signed media link since the API wants a
 * token, and its player's position advances.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + BrowserPublishInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + BrowserPublishInteropTest.API_TOKEN})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrowserPublishInteropTest {

    static final String PUBLISH_TOKEN = "browser-publish-token";
    static final String API_TOKEN = "browser-api-token";
    private static final int SECONDS = 10;
    private static final Pattern PLAYING = Pattern.compile("Tributary — playing (\\d+\\.\\d)");

    @LocalServerPort
    int port;

    @TempDir
    Path scratch;

    @Test
    void chromiumPublishesH264ToMp4AndPlaysItBack() throws Exception {
        String id = publishAndCheck(Kind.CHROMIUM, "h264", "browser-h264", "mp4", "h264", "mov,mp4");
        playInChromium(id);
    }

    @Test
    void firefoxPublishesVp8ToWebm() throws Exception {
        publishAndCheck(Kind.FIREFOX, "vp8", "browser-vp8", "webm", "vp8", "matroska,webm");
    }

    /** Publishes through the page, checks the recording and its media; returns the recording's id. */
    private String publishAndCheck(Kind kind, String video, String key, String container, String videoCodec,
            String formatName) throws Exception {
        kind.assumeInstalled();
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        URI page = URI.create("http://127.0.0.1:" + port + "/?key=" + key + "&token=" + PUBLISH_TOKEN + "&secs="
                + SECONDS + "&video=" + video + "&autostart=1");
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        JsonNode recording;
        long started = System.nanoTime();
        try (Browsers.Running browser = Browsers.launch(kind, page, scratch,
                kind == Kind.CHROMIUM ? List.of("--remote-debugging-port=0") : List.of())) {
            // The page stops by itself after SECONDS; its DELETE completes the recording.
            recording = await().atMost(Duration.ofSeconds(SECONDS + 50)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (kind == Kind.CHROMIUM && browser.pageTitles().contains("Tributary — error")) {
                            fail("the publish page failed; browser said:\n" + browser.stderrTail(40));
                        }
                        if (!browser.process().isAlive()) {
                            fail(kind + " exited early:\n" + browser.stderrTail(40));
                        }
                        return api.recordingIn(key, "complete");
                    }, r -> r != null);
            if (kind == Kind.CHROMIUM) {
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.pageTitles().contains("Tributary — done"));
            }
        }
        System.out.printf("%s: page opened to recording complete in %.1f s%n", kind,
                (System.nanoTime() - started) / 1e9);
        RecordingChecks.assertPlayable(api, recording, kind + " " + videoCodec, container, formatName, videoCodec,
                SECONDS);
        return recording.path("id").stringValue("");
    }

    private void playInChromium(String id) throws Exception {
        URI page = URI.create("http://127.0.0.1:" + port + "/recordings?play=" + id + "&token=" + API_TOKEN);
        try (Browsers.Running browser = Browsers.launch(Kind.CHROMIUM, page, scratch.resolve("player"),
                List.of("--remote-debugging-port=0"))) {
            double first = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> position(browser), p -> p > 0);
            long firstAt = System.nanoTime();
            double later = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> position(browser), p -> p >= first + 3);
            double wall = (System.nanoTime() - firstAt) / 1e9;
            System.out.printf("Chromium played the recording from %.1f s to %.1f s in %.1f s%n", first, later, wall);
            // Playback runs at about real time: not a jump to the end, not stuck.
            assertThat(later - first).isLessThanOrEqualTo(wall + 1);
        }
    }

    /** The player's position from the recordings page's title; -1 before it plays. */
    private static double position(Browsers.Running browser) throws Exception {
        List<String> titles = browser.pageTitles();
        if (titles.contains("Tributary — error")) {
            fail("the recordings page failed; browser said:\n" + browser.stderrTail(40));
        }
        for (String title : titles) {
            Matcher m = PLAYING.matcher(title);
            if (m.matches()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return -1;
    }
}
