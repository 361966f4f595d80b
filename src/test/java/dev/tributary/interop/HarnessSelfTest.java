package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.interop.Browsers.Kind;
import dev.tributary.interop.SignalingServer.Offer;
import dev.tributary.webrtc.sdp.Candidate;
import dev.tributary.webrtc.sdp.Direction;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.Rtpmap;
import dev.tributary.webrtc.sdp.SessionDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Checks the interop harness itself against real peers, with an {@link OfferHandler} that records
 * the offer and refuses it: each peer must post a complete offer for the codecs asked for, with
 * candidates on 127.0.0.1, and must be told (and tell us) that it was refused. The offers are
 * written to {@code target/interop-offers/} as fixtures.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HarnessSelfTest {

    private static final String REFUSAL = "refused by the harness self-test";
    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(20);

    /** Records nothing itself (the server records offers) and refuses every offer. */
    private static final OfferHandler REFUSING = new OfferHandler() {
        @Override
        public String answer(String streamKey, String offerSdp) throws OfferRejectedException {
            throw new OfferRejectedException(REFUSAL);
        }

        @Override
        public void end(String streamKey) {
            throw new AssertionError("a refused offer has no resource to end: " + streamKey);
        }
    };

    @TempDir
    Path scratch;

    @Test
    void chromiumOffersH264AndOpusOnLoopbackAndReportsTheRefusal() throws Exception {
        SessionDescription offer = publishFromBrowser(Kind.CHROMIUM, "chromium-h264", "h264");
        assertVideoCodec(offer, "H264");
        assertOpus(offer);
    }

    @Test
    void chromiumOffersVp8AndOpus() throws Exception {
        SessionDescription offer = publishFromBrowser(Kind.CHROMIUM, "chromium-vp8", "vp8");
        assertVideoCodec(offer, "VP8");
        assertOpus(offer);
    }

    @Test
    void firefoxOffersVp8AndOpusOnLoopbackAndReportsTheRefusal() throws Exception {
        SessionDescription offer = publishFromBrowser(Kind.FIREFOX, "firefox-vp8", "vp8");
        assertVideoCodec(offer, "VP8");
        assertOpus(offer);
    }

    @Test
    void pionOffersH264AndOpusWithItsTokenAndReportsTheRefusal() throws Exception {
        try (SignalingServer server = new SignalingServer(REFUSING)) {
            PionPublisher.Run run = PionPublisher.publish(server.whipUri("pion-h264"), "secret-token",
                    PionPublisher.Video.H264, 2, 1);

            assertThat(run.exitCode()).as(run::toString).isEqualTo(1);
            assertThat(run.results()).singleElement().satisfies(result -> {
                assertThat(result.key()).isEqualTo("pion-h264");
                assertThat(result.ok()).isFalse();
                assertThat(result.postStatus()).isEqualTo(400);
                assertThat(result.error()).contains(REFUSAL);
            });
            Offer posted = assertThat(server.offers()).singleElement().actual();
            assertThat(posted.authorization()).isEqualTo("Bearer secret-token");
            SessionDescription offer = checkedOffer(posted, "pion-h264");
            // Pion offers every codec it registered, VP8 first, whatever its track's codec: an
            // answerer that takes the offerer's first codec leaves this H264 track unsendable.
            assertThat(video(offer).rtpMaps())
                    .anyMatch(map -> map.encodingName().equalsIgnoreCase("H264")
                            && video(offer).fmtp(map.payloadType()).orElseThrow().parameterText().contains("packetization-mode=1"));
            assertOpus(offer);
            assertThat(server.deleted()).isEmpty();
        }
    }

    @Test
    void closingABrowserStopsItsWholeProcessTreeAndDeletesItsProfile() throws Exception {
        try (SignalingServer server = new SignalingServer(REFUSING)) {
            Browsers.Running chromium = Browsers.launch(Kind.CHROMIUM,
                    server.publishPage("tree", 30, "vp8", true), scratch);
            List<ProcessHandle> tree;
            try {
                awaitOffer(server, "tree", chromium);
                tree = chromium.process().descendants().toList();
                assertThat(tree).as("Chromium's helper processes").isNotEmpty();
            } finally {
                chromium.close();
            }
            assertThat(chromium.process().isAlive()).isFalse();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(scratch.resolve("chromium-profile")).doesNotExist();
            assertThat(chromium.stderrFile()).exists();
        }
    }

    /**
     * Has {@code kind} publish audio and {@code video} to a refusing server and checks what every
     * browser offer must hold; returns the parsed offer for the codec checks.
     */
    private SessionDescription publishFromBrowser(Kind kind, String key, String video) throws Exception {
        kind.assumeInstalled();
        try (SignalingServer server = new SignalingServer(REFUSING);
                Browsers.Running browser = Browsers.launch(kind, server.publishPage(key, 2, video, true), scratch)) {
            Offer posted = awaitOffer(server, key, browser);
            System.out.printf("%s: browser start to offer POST %d ms (network %s)%n", key,
                    TimeUnit.NANOSECONDS.toMillis(posted.receivedAtNanos() - browser.launchedAtNanos()),
                    Browsers.networkIsolated() ? "isolated: loopback only" : "not isolated");
            SessionDescription offer = checkedOffer(posted, key);

            try {
                awaitReport(server, browser, key, "the page reporting the refusal", r ->
                    r.path("event").stringValue("").equals("error")
                            && r.path("stage").stringValue("").equals("post")
                            && r.path("status").asInt() == 400
                            && r.path("message").stringValue("").equals(REFUSAL));
            } finally {
                System.out.println(server.reportLog());
            }
            assertThat(server.deleted()).isEmpty();
            return offer;
        }
    }

    /** Checks what every WHIP offer must hold and keeps it under {@code target/interop-offers/}. */
    private static SessionDescription checkedOffer(Offer posted, String key) throws IOException {
        assertThat(posted.streamKey()).isEqualTo(key);
        Path fixtures = Files.createDirectories(Path.of(System.getProperty("basedir", ""), "target", "interop-offers"));
        Files.writeString(fixtures.resolve(key + ".sdp"), posted.sdp(), StandardCharsets.UTF_8);

        SessionDescription offer = SessionDescription.parse(posted.sdp());
        assertThat(offer.media()).extracting(MediaDescription::media).containsExactlyInAnyOrder("audio", "video");
        for (MediaDescription section : offer.media()) {
            assertThat(offer.effectiveDirection(section)).as(section.media()).isEqualTo(Direction.SENDONLY);
        }
        List<Candidate> candidates = offer.media().stream().flatMap(m -> m.candidates().stream()).toList();
        assertThat(candidates).as("a complete offer (no trickle) has candidates")
                .anyMatch(c -> c.isUdp() && c.type() == Candidate.Type.HOST && c.address().equals("127.0.0.1"));
        if (Browsers.networkIsolated()) {
            assertThat(candidates).as("in an isolated network namespace only loopback is offered")
                    .allMatch(c -> c.address().equals("127.0.0.1") || c.address().equals("::1"));
        }
        return offer;
    }

    /** Asserts that {@code encodingName} is the only video codec offered, besides its RTX. */
    private static void assertVideoCodec(SessionDescription offer, String encodingName) {
        assertThat(video(offer).rtpMaps()).extracting(Rtpmap::encodingName)
                .filteredOn(name -> !name.equalsIgnoreCase("rtx"))
                .isNotEmpty()
                .allMatch(name -> name.equalsIgnoreCase(encodingName));
    }

    private static void assertOpus(SessionDescription offer) {
        MediaDescription audio = offer.media().stream().filter(m -> m.media().equals("audio")).findFirst().orElseThrow();
        Rtpmap opus = firstCodec(audio);
        assertThat(opus.encodingName()).isEqualToIgnoringCase("opus");
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(opus.channels()).hasValue(2);
    }

    private static MediaDescription video(SessionDescription offer) {
        return offer.media().stream().filter(m -> m.media().equals("video")).findFirst().orElseThrow();
    }

    /** The offerer's preferred codec: the first payload type of the m= line. */
    private static Rtpmap firstCodec(MediaDescription section) {
        return section.rtpMap(section.payloadTypes().getFirst()).orElseThrow();
    }

    private static Offer awaitOffer(SignalingServer server, String key, Browsers.Running browser) {
        awaitStory(server, browser, "an offer for " + key, OFFER_TIMEOUT,
                () -> server.offers().stream().anyMatch(o -> o.streamKey().equals(key)));
        return server.offers().stream().filter(o -> o.streamKey().equals(key)).findFirst().orElseThrow();
    }

    private static void awaitReport(SignalingServer server, Browsers.Running browser, String key, String what,
            Predicate<JsonNode> report) {
        awaitStory(server, browser, what, REPORT_TIMEOUT, () -> server.reports(key).stream().anyMatch(report));
    }

    /** Waits for {@code condition}; on timeout or browser exit fails with the page's reports and stderr. */
    private static void awaitStory(SignalingServer server, Browsers.Running browser, String what, Duration timeout,
            Callable<Boolean> condition) {
        Supplier<String> story = () -> "page reports:\n" + server.reportLog()
                + "\n" + browser.kind() + " stderr (" + browser.stderrFile() + "):\n" + browser.stderrTail(40);
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .failFast(browser.kind() + " exited", () -> !browser.process().isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("no " + what + ": " + e.getMessage() + "\n" + story.get(), e);
        }
    }
}
