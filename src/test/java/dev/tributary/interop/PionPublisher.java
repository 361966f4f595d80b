package dev.tributary.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pion's {@code whip-publish} (Go) as a publisher: an independent WebRTC implementation that sends
 * an H264 (Annex B) or VP8 (IVF) file and an Ogg Opus file, looped in real time, over WHIP.
 *
 * <p>The tool's sources live beside the project in {@code ../shared/peers/pion} (override with
 * {@code -Dinterop.peers=DIR}, the folder holding {@code pion/}); they are built once per JVM into
 * {@code target/pion-bin} with Debian's Go packages, and the media is made once per JVM into
 * {@code target/pion-media} with the {@code ffmpeg} CLI: three seconds, which the tool loops.
 */
public final class PionPublisher {

    /** The video file the publisher sends. */
    public enum Video {
        /** H264 constrained baseline, no B-frames, SPS/PPS before every keyframe, Annex B. */
        H264("media.h264"),
        /** VP8 in IVF. */
        VP8("media.ivf");

        private final String fileName;

        Video(String fileName) {
            this.fileName = fileName;
        }
    }

    /** One JSON line of {@code whip-publish}: the outcome of one publisher. */
    public record Result(String key, boolean ok, String error, int postStatus, int deleteStatus,
            double connectedMs, long videoFrames, long audioPackets, long nacksReceived,
            long plisReceived, double seconds) {}

    /**
     * A finished run.
     *
     * @param exitCode 0 when every publisher succeeded, 1 when one failed, 2 for bad usage
     * @param results one per publisher
     * @param stderr what the tool wrote to stderr
     */
    public record Run(int exitCode, List<Result> results, String stderr) {}

    private static final int MEDIA_SECONDS = 3;
    private static final int FPS = 30;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration MEDIA_TIMEOUT = Duration.ofMinutes(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path binary;
    private static Path media;

    private PionPublisher() {}

    /**
     * Publishes once.
     *
     * @param whip the WHIP endpoint (loopback only; the tool refuses any other host)
     * @param token the bearer token, or null
     * @param video which video file to send
     * @param seconds how long to publish after connecting
     * @param publishers how many concurrent publishers; with more than one, the keys get {@code -1..-n}
     * @return the tool's outcome
     * @throws IOException if the tool cannot be built or run, or prints something that is not JSON
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static Run publish(URI whip, String token, Video video, int seconds, int publishers)
            throws IOException, InterruptedException {
        Path tool = binary();
        Path mediaDir = media();
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-url", whip.toString(),
                "-video", mediaDir.resolve(video.fileName).toString(),
                "-audio", mediaDir.resolve("media.ogg").toString(),
                "-fps", Integer.toString(FPS), "-secs", Integer.toString(seconds),
                "-n", Integer.toString(publishers)));
        if (token != null) {
            command.addAll(List.of("-token", token));
        }
        Path stdout = Files.createTempFile("whip-publish", ".out");
        Path stderr = Files.createTempFile("whip-publish", ".err");
        try {
            // Each publisher may spend 10 s on the POST and 10 s on connecting before its seconds.
            int exit = run(new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()),
                    Duration.ofSeconds(seconds + 30L + publishers / 10));
            List<Result> results = new ArrayList<>();
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    results.add(JSON.readValue(line, Result.class));
                }
            }
            return new Run(exit, results, Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * Builds {@code whip-publish} on first use, or skips the calling test when its sources or Go are
     * missing.
     *
     * @return the executable
     * @throws IOException if the build fails
     * @throws InterruptedException if interrupted while building
     */
    public static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path sources = peersDirectory().resolve("pion");
        Path build = sources.resolve("build.sh");
        assumeTrue(Files.isExecutable(build), "no Pion tools at " + sources);
        assumeTrue(onPath("go"), "go is not installed");
        Path out = Files.createDirectories(targetDirectory().resolve("pion-bin"));
        Path log = out.resolve("build.log");
        int exit = run(new ProcessBuilder(build.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()), BUILD_TIMEOUT);
        Path tool = out.resolve("whip-publish");
        if (exit != 0 || !Files.isExecutable(tool)) {
            throw new IOException("building whip-publish failed (exit " + exit + "):\n" + Files.readString(log));
        }
        binary = tool;
        return tool;
    }

    /**
     * Makes the media into {@code target/pion-media} on first use (about a second of encoding), or
     * skips the calling test when {@code ffmpeg} is missing.
     *
     * @return the directory holding {@code media.h264}, {@code media.ivf} and {@code media.ogg}
     * @throws IOException if ffmpeg fails
     * @throws InterruptedException if interrupted while encoding
     */
    public static synchronized Path media() throws IOException, InterruptedException {
        if (media != null) {
            return media;
        }
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        Path dir = Files.createDirectories(targetDirectory().resolve("pion-media"));
        String video = "testsrc2=size=640x360:rate=" + FPS + ":duration=" + MEDIA_SECONDS;
        String audio = "sine=frequency=440:sample_rate=48000:duration=" + MEDIA_SECONDS;
        // The tool splits access units at SPS, AUD or a first slice, and paces them at -fps: one
        // keyframe a second, each after its own SPS/PPS so that a receiver can start at any loop.
        encode(dir, "media.h264", "-f", "lavfi", "-i", video, "-c:v", "libx264", "-profile:v", "baseline",
                "-bf", "0", "-g", Integer.toString(FPS), "-preset", "veryfast", "-pix_fmt", "yuv420p", "-b:v", "800k",
                "-x264-params", "repeat-headers=1", "-f", "h264");
        encode(dir, "media.ivf", "-f", "lavfi", "-i", video, "-c:v", "libvpx", "-b:v", "800k",
                "-g", Integer.toString(FPS), "-deadline", "realtime", "-f", "ivf");
        // 20 ms packets, the tool reads each Ogg packet's duration from its TOC byte.
        encode(dir, "media.ogg", "-f", "lavfi", "-i", audio, "-c:a", "libopus", "-ac", "2", "-b:a", "64k",
                "-frame_duration", "20", "-f", "ogg");
        media = dir;
        return dir;
    }

    private static void encode(Path dir, String name, String... args) throws IOException, InterruptedException {
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(partial.toString());
        Path log = dir.resolve(name + ".log");
        int exit = run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()), MEDIA_TIMEOUT);
        if (exit != 0) {
            throw new IOException("ffmpeg failed making " + name + ":\n" + Files.readString(log));
        }
        Files.delete(log);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new IOException(builder.command().getFirst() + " did not finish within " + timeout);
        }
        return process.exitValue();
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** The project directory: surefire sets {@code basedir}; elsewhere the working directory. */
    private static Path projectDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    private static Path targetDirectory() {
        return projectDirectory().resolve("target");
    }

    /** {@code -Dinterop.peers}, else {@code ../shared/peers} beside the project. */
    static Path peersDirectory() {
        String configured = System.getProperty("interop.peers");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return projectDirectory().resolve("../shared/peers").normalize();
    }
}
