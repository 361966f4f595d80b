package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tributary.ingest.recording.Probe;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * FFmpeg 8's WHIP muxer publishes to the running service over real HTTP and UDP on 127.0.0.1:
 * H264 (libopenh264) and Opus from a synthetic source with lip-sync marks, in real time, until
 * it ends by itself. FFmpeg offers {@code a=setup:passive} without candidates and without
 * trickle, sends STUN checks to the first host candidate of the answer (the service is ICE-lite
 * and sends none), sends a sender report just before each stream's first packet and then every
 * five seconds, and DELETEs its session resource when it finishes. The recording must then be
 * listed complete, with both tracks, as fragmented MP4, of the sent duration, decode without an
 * error, and keep lip sync.
 *
 * <h2>How lip sync is measured</h2>
 * The source ({@link FfmpegWhip.SyncMarks}) flashes white and beeps at exactly the same instant
 * every second. In a file, a flash's onset is the presentation time of the first frame whose mean
 * luma is high, a beep's the start of the first 1 ms of decoded audio that is loud ({@link
 * Probe#brightFrameOnsets}, {@link Probe#loudAudioOnsets}); their offset is beep minus flash.
 *
 * <p>The encoder's delay must not be mistaken for an error, nor hide one: libopus looks 312
 * samples (6.5 ms) ahead, so its decoded output lags its input by that much, and FFmpeg stamps
 * each packet 312 samples early to compensate, in its MP4 files and in its RTP timestamps alike.
 * Whether the beep lands where the source put it then depends on how a file carries that delay
 * (its Opus pre-skip, its timestamps). So the recording is compared with a reference, not with
 * zero: the same source through the same encoders into a local MP4 by the same ffmpeg, measured
 * the same way. Codec delay and detector bias are in both and cancel; what remains is what WHIP,
 * the network path and our recorder did to A/V sync. The project's target is 10 ms. A recorder
 * that placed the tracks by arrival instead of by FFmpeg's sender reports would measure about
 * +6.5 ms here (FFmpeg sends both first packets at once, and arrival ignores the 312 samples).
 *
 * <p>This class uses the service's production default, one UDP port for every session, on a free
 * port of its own (the test configuration otherwise has a socket per session).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tributary.publish.token=" + FfmpegWhipInteropTest.PUBLISH_TOKEN,
                "tributary.api.token=" + FfmpegWhipInteropTest.API_TOKEN})
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FfmpegWhipInteropTest {

    static final String PUBLISH_TOKEN = "ffmpeg-publish-token";
    static final String API_TOKEN = "ffmpeg-api-token";
    private static final double LIP_SYNC_TARGET_SECONDS = 0.010;
    private static final double MIN_LUMA = 200;
    private static final double MIN_DB = -30;

    @LocalServerPort
    int port;

    @TempDir
    Path scratch;

    @DynamicPropertySource
    static void singleUdpPort(DynamicPropertyRegistry registry) {
        registry.add("tributary.webrtc.udp-port", FfmpegWhipInteropTest::freeUdpPort);
    }

    /** FFmpeg in its default role: the offer says {@code a=setup:passive}, we are the DTLS client. */
    @Test
    void ffmpegPublishesH264AndOpusAndTheRecordingIsCompletePlayableAndInLipSync() throws Exception {
        publishAndCheck("ffmpeg-whip", 10, List.of());
    }

    /**
     * With {@code -whip_flags dtls_active} the offer says {@code a=setup:active}: FFmpeg is the
     * DTLS client and we the server.
     */
    @Test
    void ffmpegAsTheDtlsClientPublishesToo() throws Exception {
        publishAndCheck("ffmpeg-whip-active", 4, List.of("-whip_flags", "dtls_active"));
    }

    private void publishAndCheck(String key, int seconds, List<String> muxerOptions) throws Exception {
        FfmpegWhip ffmpeg = FfmpegWhip.bundled();
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        FfmpegWhip.SyncMarks marks = new FfmpegWhip.SyncMarks(seconds);
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);

        Path reference = scratch.resolve("reference.mp4");
        ffmpeg.encode(marks, reference);
        Sync referenceSync = lipSync(reference, marks);
        System.out.printf("%s reference (same encode, local MP4): %s%n", key, referenceSync);

        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/" + key);
        FfmpegWhip.Run run = ffmpeg.publish(whip, PUBLISH_TOKEN, marks, muxerOptions, scratch.resolve(key + ".log"));
        long exitedAt = System.nanoTime();
        assertThat(run.exitCode()).as("ffmpeg's exit code; its log ends:\n%s", run.tail(60)).isZero();
        run.handshake().ifPresentOrElse(h -> System.out.printf(
                "%s: POST to connected %.1f ms (answer %.1f, ICE %.1f, DTLS %.1f ms), as FFmpeg logged it; ffmpeg ran %.1f s%n",
                key, h.postToConnectedMs(), h.answerMs(), h.iceMs(), h.dtlsMs(), run.elapsed().toMillis() / 1e3),
                () -> System.out.printf("%s: FFmpeg logged no handshake timing%n", key));
        // FFmpeg ends its session itself: a DELETE of the Location we gave it, answered 2xx.
        assertThat(run.deletedResource()).as("FFmpeg's DELETE; its log ends:\n%s", run.tail(60))
                .hasValueSatisfying(url -> assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/whip/" + key
                        + "/[A-Za-z0-9_-]+"));

        JsonNode recording = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.recordingIn(key, "complete"), r -> r != null);
        System.out.printf("%s: recording complete %.0f ms after ffmpeg exited%n", key,
                (System.nanoTime() - exitedAt) / 1e6);
        assertThat(recording.path("container").stringValue("")).isEqualTo("mp4");
        assertThat(recording.path("tracks").findValuesAsString("codec")).map(String::toLowerCase)
                .containsExactlyInAnyOrder("h264", "opus");

        Path media = api.download(recording.path("id").stringValue(""), ".mp4");
        try {
            JsonNode probe = Ffprobe.probe(media);
            assertThat(probe.path("format").path("format_name").stringValue("")).startsWith("mov,mp4");
            assertThat(probe.path("streams").findValuesAsString("codec_name")).containsExactlyInAnyOrder("h264", "opus");
            double duration = probe.path("format").path("duration").asDouble();
            System.out.printf("%s: recording of %.3f s for %d s sent%n", key, duration, seconds);
            assertThat(duration).isCloseTo(seconds, within(0.5));
            assertThat(Ffprobe.decodeErrors(media)).isEmpty();

            Sync recorded = lipSync(media, marks);
            System.out.printf("%s recording: %s; minus the reference: mean %+.2f ms%n", key, recorded,
                    (recorded.stats.getAverage() - referenceSync.stats.getAverage()) * 1e3);
            assertThat(recorded.stats.getAverage())
                    .isCloseTo(referenceSync.stats.getAverage(), within(LIP_SYNC_TARGET_SECONDS));
            assertThat(recorded.offsets).allSatisfy(offset ->
                    assertThat(offset).isCloseTo(referenceSync.stats.getAverage(), within(LIP_SYNC_TARGET_SECONDS)));
        } finally {
            Files.deleteIfExists(media);
        }
    }

    /**
     * The beep-minus-flash offsets of a file, one per mark, in seconds.
     *
     * @param offsets in the order of the marks
     * @param stats their mean, minimum, maximum and count
     */
    private record Sync(List<Double> offsets, DoubleSummaryStatistics stats) {
        @Override
        public String toString() {
            return String.format("A/V offset (beep - flash) mean %+.2f ms, min %+.2f, max %+.2f over %d marks",
                    stats.getAverage() * 1e3, stats.getMin() * 1e3, stats.getMax() * 1e3, stats.getCount());
        }
    }

    private static Sync lipSync(Path file, FfmpegWhip.SyncMarks marks) throws IOException, InterruptedException {
        List<Double> flashes = Probe.brightFrameOnsets(file, MIN_LUMA);
        List<Double> beeps = Probe.loudAudioOnsets(file, MIN_DB);
        int count = marks.events().size();
        assertThat(flashes).as("flashes in %s", file).hasSize(count);
        assertThat(beeps).as("beeps in %s", file).hasSize(count);
        List<Double> offsets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Marks are a second apart: a pair further apart than half of that is not one mark.
            assertThat(beeps.get(i)).as("beep %d against flash %d", i, i).isCloseTo(flashes.get(i), within(0.5));
            offsets.add(beeps.get(i) - flashes.get(i));
        }
        return new Sync(List.copyOf(offsets), offsets.stream().mapToDouble(Double::doubleValue).summaryStatistics());
    }

    /** A UDP port free on 127.0.0.1 now, for the service's single media port. */
    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (SocketException e) {
            throw new IllegalStateException("no free UDP port on 127.0.0.1", e);
        }
    }
}
