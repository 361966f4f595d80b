package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {

    @TempDir
    Path dir;

    @Test
    void readsTheDurationOfACompleteAndOfACutFile() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "ffmpeg is not installed");
        Path file = dir.resolve("three-seconds.webm");
        MediaFixtures.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=30", "-t", "3", "-c:v", "libvpx", "-b:v", "200k", file.toString()));
        OptionalLong whole = MediaProbe.durationMicros(file);
        assertThat(whole).isPresent();
        assertThat(whole.getAsLong() / 1e6).isCloseTo(3.0, within(0.05));

        // a file cut short, as a crash leaves it: no index, a partial last cluster
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.webm");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        OptionalLong partial = MediaProbe.durationMicros(cut);
        assertThat(partial).isPresent();
        assertThat(partial.getAsLong()).isBetween(500_000L, whole.getAsLong() - 300_000L);
    }

    @Test
    void aFileThatIsNoMediaHasNoDuration() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.webm"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(MediaProbe.durationMicros(garbage)).isEmpty();
        assertThat(MediaProbe.durationMicros(dir.resolve("missing.mp4"))).isEmpty();
    }
}
