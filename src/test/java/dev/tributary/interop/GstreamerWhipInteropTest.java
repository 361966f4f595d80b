package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * the length of what was published and no decode error.
 *
 * <p>The pipelines hold their encoded media in a valve until the connection is up: otherwise
 * webrtcbin sends what they made while connecting in one burst once DTLS is up, and GStreamer
 * 1.22's sender reports, whose RTP timestamps run at twice the wall clock, then misplace the
 * tracks against each other. What was published is the pipeline's running time from the valves'
 * opening to the DELETE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + GstreamerWhipInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + GstreamerWhipInteropTest.API_TOKEN})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GstreamerWhipInteropTest {

    static final String PUBLISH_TOKEN = "gstreamer-publish-token";
    static final String API_TOKEN = "gstreamer-api-token";
    private static final int SECONDS = 8;
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
        Published published = publish("gst-h264", OPUS, H264, true, "INT",
                "x264enc", "rtph264pay", "opusenc", "rtpopuspay", "valve");

        List<JsonNode> patches = published.patches();
        assertThat(patches).as("trickled candidates").isNotEmpty();
        assertThat(patches).allSatisfy(patch -> assertThat(patch.path("status").asInt())
                .as("PATCH with If-Match: %s", patch.path("body").stringValue("")).isEqualTo(204));
        assertThat(patches).extracting(p -> p.path("fragment").stringValue(""))
                .anySatisfy(f -> assertThat(f).contains("a=candidate:"))
                .last().satisfies(f -> assertThat(f).contains("a=end-of-candidates"));
        assertThat(published.posted().path("offer").stringValue("")).doesNotContain("a=candidate:");

        checkRecording("gst-h264", published.seconds(), "mp4", "h264", "mov,mp4");
    }

    @Test
    void vp8AndOpusWithCandidatesInTheOfferStoppedBySigterm() throws Exception {
        Published published = publish("gst-vp8", OPUS, VP8, false, "TERM",
                "vp8enc", "rtpvp8pay", "opusenc", "rtpopuspay", "valve");

        assertThat(published.patches()).as("no trickling").isEmpty();
        assertThat(published.posted().path("offer").stringValue("")).contains("a=candidate:");

        checkRecording("gst-vp8", published.seconds(), "webm", "vp8", "matroska,webm");
    }

    /** What one publish said: its events, and how long it published. */
    private record Published(JsonNode posted, List<JsonNode> patches, double seconds) {}

    /**
     * Publishes to {@code key} for {@link #SECONDS} from the connection, then stops the publisher
     * with {@code signal}; checks the POST, the DELETE and a clean exit.
     */
    private Published publish(String key, String audio, String video, boolean trickle, String signal,
            String... elements) throws Exception {
        GstreamerPublisher.assumeAvailable(elements);
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/" + key);
        JsonNode posted;
        JsonNode opened;
        JsonNode deleted;
        List<JsonNode> patches;
        try (GstreamerPublisher.Running publisher = GstreamerPublisher.start(whip, PUBLISH_TOKEN, audio, video,
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
            Thread.sleep(Duration.ofSeconds(SECONDS));
            publisher.signal(signal);
            int exit = publisher.waitFor(Duration.ofSeconds(30));
            assertThat(exit).as("exit code; %s", publisher).isZero();
            deleted = publisher.first("deleted");
            patches = publisher.events("patched");
        }
        assertThat(posted.path("status").asInt()).isEqualTo(201);
        assertThat(posted.path("contentType").stringValue("")).isEqualTo("application/sdp");
        assertThat(opened.path("valves").asInt()).as("valves opened").isEqualTo(2);
        assertThat(deleted).as("the signal made the publisher DELETE").isNotNull();
        assertThat(deleted.path("status").asInt()).isEqualTo(200);
        double seconds = deleted.path("runningTime").asDouble() - opened.path("runningTime").asDouble();
        System.out.printf("GStreamer %s: published %.3f s, %d PATCH(es)%n", key, seconds, patches.size());
        return new Published(posted, patches, seconds);
    }

    private void checkRecording(String key, double publishedSeconds, String container, String videoCodec,
            String formatName) throws Exception {
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        JsonNode recording = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.recordingIn(key, "complete"), r -> r != null);
        RecordingChecks.assertPlayable(api, recording, "GStreamer " + key, container, formatName, videoCodec,
                publishedSeconds);
    }
}
