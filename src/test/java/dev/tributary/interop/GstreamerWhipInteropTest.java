package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GStreamer's webrtcbin publishes to the running service over WHIP, as Meetecho's
 * simple-whip-client drives it ({@link GstreamerPublisher}): H264 + Opus with trickled candidates
 * (PATCH with If-Match), stopped with SIGINT; VP8 + Opus with the candidates in the offer, stopped
 * with SIGTERM. Each signal makes the publisher DELETE its session; the recordings API then lists
 * the recording complete in the container the service picks for the codecs, with both streams,
 * the length of what was published and no decode error. A publisher killed with SIGKILL sends no
 * DELETE: the service ends its session once it has been silent for the consent timeout, and the
 * recording is complete all the same.
 *
 * <p>The pipelines hold their encoded media in a valve until the connection is up: otherwise
 * webrtcbin sends what they made while connecting in one burst once DTLS is up, and GStreamer
 * 1.22's sender reports, whose RTP timestamps run at twice the wall clock, then misplace the
 * tracks against each other. What was published is the pipeline's running time from the valves'
 * opening to the DELETE, or the time from the publisher's report of the opening to SIGKILL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + GstreamerWhipInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + GstreamerWhipInteropTest.API_TOKEN,
                "tributary.webrtc.consent-timeout=" + GstreamerWhipInteropTest.CONSENT_SECONDS + "s"})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GstreamerWhipInteropTest {

    static final String PUBLISH_TOKEN = "gstreamer-publish-token";
    static final String API_TOKEN = "gstreamer-api-token";
    private static final int SECONDS = 8;
    /** Short, so that a killed publisher's session ends soon; a live one sends media far more often. */
    static final int CONSENT_SECONDS = 5;
    /** The service's ICE is on 127.0.0.1 (test configuration), so the publisher's is too. */
    private static final String ICE_ADDRESS = "127.0.0.1";
    private static final String HOLD = "valve drop=true drop-mode=forward-sticky-events";

    private static final String OPUS = "audiotestsrc is-live=true wave=red-noise ! audioconvert ! audioresample"
            + " ! queue ! opusenc ! " + HOLD + " ! rtpopuspay pt=100 ssrc=1 ! queue"
            + " ! application/x-rtp,media=audio,encoding-name=OPUS,payload=100";
    private static final String VIDEO_SOURCE = "videotestsrc is-live=true pattern=ball"
            + " ! video/x-raw,width=640,height=360,framerate=30/1 ! videoconvert ! queue";
    /** No B-frames, constrained baseline: what WebRTC's H264 profiles allow. */
    private static final String H264 = VIDEO_SOURCE
            + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 bframes=0"
            + " ! video/x-h264,profile=constrained-baseline ! " + HOLD
            + " ! rtph264pay config-interval=-1 pt=96 ssrc=2 ! queue"
            + " ! application/x-rtp,media=video,encoding-name=H264,payload=96";
    private static final String VP8 = VIDEO_SOURCE + " ! vp8enc deadline=1 keyframe-max-dist=30 ! " + HOLD
            + " ! rtpvp8pay pt=96 ssrc=2 ! queue ! application/x-rtp,media=video,encoding-name=VP8,payload=96";

    @LocalServerPort
    int port;

    @Test
    void h264AndOpusWithTrickledCandidatesStoppedBySigint() throws Exception {
        Published published = publish("gst-h264", H264, true, "INT", SECONDS, "x264enc", "rtph264pay");

        List<JsonNode> patches = published.patches();
        assertThat(patches).as("trickled candidates").isNotEmpty();
        assertThat(patches).allSatisfy(patch -> assertThat(patch.path("status").asInt())
                .as("PATCH with If-Match: %s", patch.path("body").stringValue("")).isEqualTo(204));
        assertThat(patches).extracting(p -> p.path("fragment").stringValue(""))
                .anySatisfy(f -> assertThat(f).contains("a=candidate:"))
                .last().satisfies(f -> assertThat(f).contains("a=end-of-candidates"));
        assertThat(published.posted().path("offer").stringValue("")).doesNotContain("a=candidate:");

        checkRecording("gst-h264", published.seconds(), "mp4", "h264", "mov,mp4", Duration.ofSeconds(15));
    }

    @Test
    void vp8AndOpusWithCandidatesInTheOfferStoppedBySigterm() throws Exception {
        Published published = publish("gst-vp8", VP8, false, "TERM", SECONDS, "vp8enc", "rtpvp8pay");

        assertThat(published.patches()).as("no trickling").isEmpty();
        assertThat(published.posted().path("offer").stringValue("")).contains("a=candidate:");

        checkRecording("gst-vp8", published.seconds(), "webm", "vp8", "matroska,webm", Duration.ofSeconds(15));
    }

    /** A publisher killed outright sends no DELETE: its silence ends the session after the consent timeout. */
    @Test
    void aKilledPublisherIsEndedByItsSilence() throws Exception {
        Published published = publish("gst-killed", H264, true, "KILL", 5, "x264enc", "rtph264pay");

        checkRecording("gst-killed", published.seconds(), "mp4", "h264", "mov,mp4",
                Duration.ofSeconds(CONSENT_SECONDS + 20));
    }

    /** What one publish said: its events, and how long it published. */
    private record Published(JsonNode posted, List<JsonNode> patches, double seconds) {}

    /**
     * Publishes Opus and {@code video} to {@code key} for {@code seconds} from the connection, then
     * stops the publisher with {@code signal}; checks the POST, and for INT and TERM the DELETE
     * and a clean exit.
     */
    private Published publish(String key, String video, boolean trickle, String signal, int seconds,
            String... elements) throws Exception {
        GstreamerPublisher.assumeAvailable(Stream.concat(Stream.of("opusenc", "rtpopuspay", "valve"),
                Stream.of(elements)).toArray(String[]::new));
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/" + key);
        boolean killed = signal.equals("KILL");
        JsonNode posted;
        JsonNode opened;
        JsonNode deleted;
        List<JsonNode> patches;
        long stoppedAt;
        try (PublisherProcess publisher = GstreamerPublisher.start(whip, PUBLISH_TOKEN, OPUS, video,
                trickle, ICE_ADDRESS)) {
            opened = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (publisher.first("error") != null || !publisher.alive()) {
                    fail("the publisher failed:\n" + publisher);
                }
                return publisher.first("opened");
            }, event -> event != null);
            posted = publisher.first("posted");
            System.out.printf("GStreamer %s: POST to connected in %.0f ms%n", key,
                    (opened.path("t").asDouble() - posted.path("t").asDouble()) * 1000);
            Thread.sleep(Duration.ofSeconds(seconds));
            stoppedAt = System.nanoTime();
            publisher.signal(signal);
            int exit = publisher.waitFor(Duration.ofSeconds(30));
            assertThat(exit).as("exit code; %s", publisher).isEqualTo(killed ? 128 + 9 : 0);
            deleted = publisher.first("deleted");
            patches = publisher.events("patched");
        }
        assertThat(posted.path("status").asInt()).isEqualTo(201);
        assertThat(posted.path("contentType").stringValue("")).isEqualTo("application/sdp");
        assertThat(opened.path("valves").asInt()).as("valves opened").isEqualTo(2);
        double published;
        if (killed) {
            assertThat(deleted).isNull();
            published = (stoppedAt - opened.path(PublisherProcess.READ_AT).asLong()) / 1e9;
        } else {
            assertThat(deleted).as("the signal made the publisher DELETE").isNotNull();
            assertThat(deleted.path("status").asInt()).isEqualTo(200);
            published = deleted.path("runningTime").asDouble() - opened.path("runningTime").asDouble();
        }
        System.out.printf("GStreamer %s: published %.3f s, %d PATCH(es)%n", key, published, patches.size());
        return new Published(posted, patches, published);
    }

    /** Waits up to {@code within} for the recording to be complete, then checks it and its media. */
    private void checkRecording(String key, double publishedSeconds, String container, String videoCodec,
            String formatName, Duration within) throws Exception {
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        long since = System.nanoTime();
        JsonNode recording = await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> api.recordingIn(key, "complete"), r -> r != null);
        System.out.printf("GStreamer %s: recording complete %.1f s after the publisher exited%n", key,
                (System.nanoTime() - since) / 1e9);
        RecordingChecks.assertPlayable(api, recording, "GStreamer " + key, container, formatName, videoCodec,
                publishedSeconds);
    }
}
