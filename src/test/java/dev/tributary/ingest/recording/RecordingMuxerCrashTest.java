package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording survives its process being killed: child JVMs record in real time (WebM, fragmented
 * MP4 and Matroska at once, to bound the test's time), are killed with SIGKILL after about five
 * seconds, and each file decodes cleanly up to at most two seconds before the kill.
 */
class RecordingMuxerCrashTest {

    private static final int FIXTURE_SECONDS = 9;
    private static final long RECORD_MILLIS = 5_000;
    private static final double MAX_LOSS_SECONDS = 2.0;
    /** One keyframe only, as WebRTC senders do without loss: clusters must be cut by time. */
    private static final int GOP = FIXTURE_SECONDS * MediaFixtures.FPS;

    @TempDir
    Path fixtures;

    @TempDir
    Path out;

    private record Recorder(ContainerFormat container, Codec codec, Path file, Process process) {
    }

    @Test
    void filesAreReadableAfterSigkill() throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        try {
            for (Codec codec : List.of(Codec.VP8, Codec.H264, Codec.AV1)) {
                // Encode in this JVM so the children's time goes to recording, not to encoders.
                MediaFixtures.video(codec, fixtures, FIXTURE_SECONDS, GOP);
            }
            MediaFixtures.opus(fixtures, FIXTURE_SECONDS);
            recorders.add(start(ContainerFormat.WEBM, Codec.VP8));
            recorders.add(start(ContainerFormat.FRAGMENTED_MP4, Codec.H264));
            recorders.add(start(ContainerFormat.MATROSKA, Codec.AV1));
            long[] started = new long[recorders.size()];
            for (int i = 0; i < recorders.size(); i++) {
                BufferedReader stdout = new BufferedReader(new InputStreamReader(
                        recorders.get(i).process().getInputStream(), StandardCharsets.UTF_8));
                assertThat(stdout.readLine()).isEqualTo("recording");
                started[i] = System.nanoTime();
            }
            Thread.sleep(RECORD_MILLIS);
            double[] elapsed = new double[recorders.size()];
            for (int i = 0; i < recorders.size(); i++) {
                Process process = recorders.get(i).process();
                assertThat(process.isAlive()).as("recorder still running when killed").isTrue();
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no trailer
                elapsed[i] = (System.nanoTime() - started[i]) / 1e9;
            }
            for (int i = 0; i < recorders.size(); i++) {
                Recorder r = recorders.get(i);
                assertThat(r.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(r.process().exitValue()).isEqualTo(137);
                assertReadable(r, elapsed[i]);
            }
        } finally {
            recorders.forEach(r -> r.process().destroyForcibly());
        }
    }

    private Recorder start(ContainerFormat container, Codec codec) throws IOException {
        Path file = out.resolve("killed-" + codec + container.extension());
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashRecorder.class.getName(),
                file.toString(), container.name(), codec.name(), fixtures.toString(),
                Integer.toString(FIXTURE_SECONDS), Integer.toString(GOP))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new Recorder(container, codec, file, process);
    }

    private static void assertReadable(Recorder r, double elapsed) throws IOException, InterruptedException {
        Map<String, String> p = Probe.probe(r.file());
        assertThat(p).as(r.toString())
                .containsEntry("streams.stream.0.codec_name", r.codec().name().toLowerCase())
                .containsEntry("streams.stream.1.codec_name", "opus");
        double kept = Math.min(Probe.lastPacketTime(p, 0), Probe.lastPacketTime(p, 1));
        assertThat(kept).as("%s: media time kept after %.2f s of recording", r, elapsed)
                .isGreaterThanOrEqualTo(elapsed - MAX_LOSS_SECONDS);
        assertThat(Probe.decodeErrors(r.file(), elapsed - MAX_LOSS_SECONDS)).as(r.toString()).isEmpty();
    }
}
