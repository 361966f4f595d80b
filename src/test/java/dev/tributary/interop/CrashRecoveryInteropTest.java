package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A recording survives the process dying: the service runs in a child JVM, Pion publishes H264 +
 * Opus to it, and after eight seconds the child is killed with SIGKILL (no shutdown hook, no
 * finalisation). Restarted on the same storage and spool, the service lists the recording as
 * {@code interrupted}, and its media, served by the API, has both streams, plays up to at least
 * two seconds before the kill, and decodes without an error.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CrashRecoveryInteropTest {

    private static final String PUBLISH_TOKEN = "crash-publish-token";
    private static final String API_TOKEN = "crash-api-token";
    private static final String KEY = "crash-recovery";
    private static final Duration RUN_BEFORE_KILL = Duration.ofSeconds(8);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRecordingCutBySigkillIsInterruptedAndPlayableAfterRestart() throws Exception {
        Assumptions.assumeTrue(Ffprobe.installed(), "ffprobe is not installed");
        PionPublisher.binary();
        PionPublisher.media();

        int port = freePort();
        Process first = startService(port, "first");
        RecordingsClient api = new RecordingsClient(port, API_TOKEN);
        URI whip = URI.create("http://127.0.0.1:" + port + "/whip/" + KEY);
        CompletableFuture<PionPublisher.Run> publish = CompletableFuture.supplyAsync(() -> {
            try {
                return PionPublisher.publish(whip, PUBLISH_TOKEN, PionPublisher.Video.H264, 20, 1);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Elapsed media time is counted from when the recording is first listed, which is no later
        // than its first frame: the assertion below is on the safe side of it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast("the publisher ended", (Callable<Boolean>) publish::isDone)
                .until(() -> api.recordingIn(KEY, "recording"), r -> r != null);
        long recordingSince = System.nanoTime();
        Thread.sleep(RUN_BEFORE_KILL.toMillis());
        JsonNode beforeKill = api.onlyRecording(KEY);
        first.destroyForcibly();
        double elapsed = (System.nanoTime() - recordingSince) / 1e9;
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        System.out.printf("killed %.2f s after the recording was listed; its manifest then said %d ms, %d bytes%n",
                elapsed, beforeKill.path("durationMs").asLong(), beforeKill.path("sizeBytes").asLong());
        assertThat(beforeKill.path("state").stringValue("")).isEqualTo("recording");
        assertThat(spooledFiles()).as("the media waits in the spool while it is written").isNotEmpty();

        int secondPort = freePort();
        startService(secondPort, "second");
        RecordingsClient restarted = new RecordingsClient(secondPort, API_TOKEN);
        JsonNode recording = restarted.recordingIn(KEY, "interrupted");
        assertThat(recording).as("listed as interrupted after the restart: %s", restarted.onlyRecording(KEY))
                .isNotNull();
        assertThat(recording.path("id").stringValue("")).isEqualTo(beforeKill.path("id").stringValue(""));
        assertThat(recording.path("endedAt").isNull()).isFalse();

        Path media = restarted.download(recording.path("id").stringValue(""), ".mp4");
        try {
            JsonNode probe = Ffprobe.probe(media);
            assertThat(probe.path("streams").findValuesAsString("codec_name")).containsExactlyInAnyOrder("h264", "opus");
            double duration = probe.path("format").path("duration").asDouble();
            System.out.printf("after the restart: %.3f s of media (manifest %d ms, %d bytes; file %d bytes) "
                    + "for %.2f s recorded before the kill%n", duration, recording.path("durationMs").asLong(),
                    recording.path("sizeBytes").asLong(), Files.size(media), elapsed);
            assertThat(duration).isGreaterThanOrEqualTo(elapsed - 2).isLessThanOrEqualTo(elapsed + 0.5);
            assertThat(Files.size(media)).isEqualTo(recording.path("sizeBytes").asLong());
            // the manifest's duration is read from the file at recovery, not the last progress figure
            assertThat(recording.path("durationMs").asLong() / 1000.0).isCloseTo(duration, within(0.1));
            assertThat(Ffprobe.decodeErrors(media)).isEmpty();
        } finally {
            Files.deleteIfExists(media);
        }
        // The restart uploads what the crash left in the spool; the API serves it from storage.
        await().atMost(Duration.ofSeconds(20)).until(() -> spooledFiles().isEmpty());
        Path again = restarted.download(recording.path("id").stringValue(""), ".mp4");
        try {
            assertThat(Files.size(again)).isEqualTo(recording.path("sizeBytes").asLong());
        } finally {
            Files.deleteIfExists(again);
        }
        PionPublisher.Run run = publish.get(60, TimeUnit.SECONDS);
        System.out.println("Pion after losing its server: exit " + run.exitCode() + ", " + run.results());
    }

    private List<Path> spooledFiles() throws IOException {
        Path spool = dir.resolve("spool");
        if (!Files.exists(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Starts the service in a child JVM on {@code port} with this test's storage; waits until it is up. */
    private Process startService(int port, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve(name + ".log");
        Path argfile = dir.resolve(name + ".args");
        // An argument file: the test classpath is longer than some systems allow on a command line.
        Files.writeString(argfile, "-cp \"" + classpath.replace("\\", "\\\\") + "\"", StandardCharsets.UTF_8);
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "@" + argfile,
                "dev.tributary.Application",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--tributary.storage.path=" + dir.resolve("recordings"),
                "--tributary.storage.spool-path=" + dir.resolve("spool"),
                "--tributary.webrtc.udp-port=0",
                "--tributary.webrtc.interface-addresses=127.0.0.1",
                "--tributary.publish.token=" + PUBLISH_TOKEN,
                "--tributary.api.token=" + API_TOKEN);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        long started = System.nanoTime();
        long deadline = started + STARTUP.toNanos();
        while (!up(port)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + process.exitValue() + "):\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not start within " + STARTUP + ":\n" + tail(log));
            }
            Thread.sleep(200);
        }
        System.out.printf("service %s up on port %d in %.1f s%n", name, port, (System.nanoTime() - started) / 1e9);
        return process;
    }

    private boolean up(int port) throws InterruptedException {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
