package dev.tributary.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The publish page in a real headless Chromium with fake devices: it loads without script
 * errors, lists the devices and codecs, and its self-driving mode gathers ICE, POSTs a sendonly
 * offer with the chosen codec only, and shows the endpoint's problem detail. The WHIP endpoint
 * here is a test double that refuses every offer, so the page is tested on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublishPageChromiumTest {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);

    private static DevTools browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = DevTools.chromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed");
        browser = new DevTools(chromium);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    private String state() throws Exception {
        return browser.evaluate("document.documentElement.dataset.state").asString();
    }

    private List<String> options(String selectId) throws Exception {
        JsonNode values = browser.evaluate(
                "[...document.getElementById('" + selectId + "').options].map(o => o.value + '=' + o.text)");
        List<String> out = new ArrayList<>();
        values.forEach(value -> out.add(value.asString()));
        return out;
    }

    @Test
    void loadsWithoutErrorsAndListsTheFakeDevicesAndCodecs() throws Exception {
        int exceptionsBefore = browser.exceptions().size();
        int errorsBefore = browser.consoleErrors().size();
        browser.navigate(url("/"));
        assertThat(state()).isEqualTo("idle");
        assertThat(options("codec")).contains("H264=H264", "VP8=VP8", "VP9=VP9");

        browser.evaluate("document.getElementById('devices').click()");
        await().atMost(PAGE_TIMEOUT).until(() -> !"devices".equals(state()));
        assertThat(state()).isEqualTo("ready");
        // Chromium's fake capture devices, listed by name once permission is granted.
        assertThat(options("camera")).anySatisfy(option -> assertThat(option).containsIgnoringCase("fake"));
        assertThat(options("microphone")).anySatisfy(option -> assertThat(option).containsIgnoringCase("fake"));
        assertThat(browser.evaluate("document.getElementById('preview').srcObject.getTracks().length").asInt())
                .isEqualTo(2);
        assertThat(browser.evaluate("document.title").asString()).isEqualTo("Tributary — ready");

        browser.navigate(url("/recordings"));
        await().atMost(PAGE_TIMEOUT).until(() -> !"loading".equals(state()));

        assertThat(browser.exceptions().subList(exceptionsBefore, browser.exceptions().size())).isEmpty();
        if (!"error".equals(state())) {
            assertThat(browser.consoleErrors().subList(errorsBefore, browser.consoleErrors().size())).isEmpty();
        }
    }

    @Test
    void selfDrivingModeOffersTheChosenCodecAndShowsTheProblemDetail() throws Exception {
        RefusingWhipEndpoint.lastOffer.set(null);
        int exceptionsBefore = browser.exceptions().size();
        browser.navigate(url("/?key=cam-1&token=s3cret&secs=2&video=vp8&autostart=1&endpoint=/test-whip/"));
        await().atMost(PAGE_TIMEOUT).until(() -> "error".equals(state()));

        assertThat(browser.evaluate("document.title").asString()).isEqualTo("Tributary — error");
        assertThat(browser.evaluate("document.getElementById('message').textContent").asString())
                .isEqualTo("422 Unprocessable Content: no codec this test endpoint records");

        Offer offer = RefusingWhipEndpoint.lastOffer.get();
        assertThat(offer).isNotNull();
        assertThat(offer.streamKey()).isEqualTo("cam-1");
        assertThat(offer.authorization()).isEqualTo("Bearer s3cret");
        assertThat(offer.contentType()).isEqualTo("application/sdp");
        String sdp = offer.sdp();
        assertThat(sdp).contains("m=audio ", "m=video ", "a=sendonly");
        assertThat(sdp).doesNotContain("a=sendrecv", "a=recvonly");
        // Posted after gathering: the offer carries its candidates.
        assertThat(sdp).contains("a=candidate:");
        assertThat(videoCodecs(sdp)).containsOnly("VP8", "rtx").contains("VP8");
        assertThat(browser.exceptions().subList(exceptionsBefore, browser.exceptions().size())).isEmpty();
    }

    /** The encoding names of the video section's payload types. */
    private static List<String> videoCodecs(String sdp) {
        String video = sdp.substring(sdp.indexOf("m=video "));
        int next = video.indexOf("\nm=", 1);
        if (next > 0) {
            video = video.substring(0, next);
        }
        String[] payloadTypes = video.lines().findFirst().orElseThrow().split(" ");
        List<String> names = new ArrayList<>();
        for (int i = 3; i < payloadTypes.length; i++) {
            Matcher rtpmap = Pattern.compile("a=rtpmap:" + payloadTypes[i] + " ([^/]+)/").matcher(video);
            names.add(rtpmap.find() ? rtpmap.group(1) : "?" + payloadTypes[i]);
        }
        return names;
    }

    record Offer(String streamKey, String authorization, String contentType, String sdp) {}

    @TestConfiguration
    static class TestEndpoints {
        @Bean
        RefusingWhipEndpoint refusingWhipEndpoint() {
            return new RefusingWhipEndpoint();
        }
    }

    /** A WHIP endpoint that keeps the offer and answers the way a real one refuses one. */
    @RestController
    static class RefusingWhipEndpoint {
        static final AtomicReference<Offer> lastOffer = new AtomicReference<>();

        @PostMapping("/test-whip/{streamKey}")
        ProblemDetail publish(@PathVariable String streamKey,
                @RequestHeader(name = "Authorization", required = false) String authorization,
                @RequestHeader("Content-Type") String contentType, @RequestBody String sdp) {
            lastOffer.set(new Offer(streamKey, authorization, contentType, sdp));
            return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    "no codec this test endpoint records");
        }
    }
}
