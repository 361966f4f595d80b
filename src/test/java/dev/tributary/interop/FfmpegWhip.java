package dev.tributary.interop;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;

/**
 * FFmpeg 8's WHIP muxer as a publisher: the {@code ffmpeg} executable of the
 * {@code org.bytedeco:ffmpeg} platform artifact the recorder already depends on (FFmpeg 8.1 with
 * the WHIP muxer, libopenh264 and libopus), which JavaCPP extracts into its cache beside the
 * libraries it needs. Debian's {@code ffmpeg} (5.1) has no WHIP muxer.
 *
 * <p>It publishes {@link SyncMarks}, a synthetic source whose picture and sound carry marks at
 * the same instants, in real time ({@code -re}) for a given number of seconds, then ends by itself.
 */
final class FfmpegWhip {

    /** How the muxer reports its handshake once it is ready to send media (an INFO line). */
    private static final Pattern READY = Pattern.compile("Muxer state=\\d+.*elapsed=[0-9.]+ms\\(init:([0-9.]+),"
            + "offer:([0-9.]+),answer:([0-9.]+),udp:([0-9.]+),ice:([0-9.]+),dtls:([0-9.]+),srtp:([0-9.]+)\\)");
    /** What the muxer logs once its DELETE of the session resource got a 2xx answer. */
    private static final Pattern DISPOSED = Pattern.compile("Dispose resource (\\S+) ok");

    private final Path executable;

    private FfmpegWhip(Path executable) {
        this.executable = executable;
    }

    /**
     * The bundled {@code ffmpeg}, extracted on first use; skips the calling test, saying why, when
     * it cannot run here or lacks the WHIP muxer or the encoders.
     */
    static FfmpegWhip bundled() throws IOException, InterruptedException {
        String path;
        try {
            path = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            Assumptions.abort("the bundled ffmpeg cannot be extracted for " + Loader.getPlatform() + ": " + e);
            throw e;
        }
        Assumptions.assumeTrue(path != null && Files.isExecutable(Path.of(path)),
                "org.bytedeco:ffmpeg has no ffmpeg executable for " + Loader.getPlatform() + " (" + path + ")");
        FfmpegWhip ffmpeg = new FfmpegWhip(Path.of(path));
        String muxers = ffmpeg.capabilities("-muxers");
        String encoders = ffmpeg.capabilities("-encoders");
        Assumptions.assumeTrue(muxers.lines().anyMatch(l -> l.matches("\\s*E\\s+whip\\s.*")),
                "the bundled ffmpeg has no WHIP muxer:\n" + muxers);
        Assumptions.assumeTrue(encoders.contains(" libopenh264 ") && encoders.contains(" libopus "),
                "the bundled ffmpeg lacks libopenh264 or libopus:\n" + encoders);
        return ffmpeg;
    }

    /** What {@code ffmpeg -hide_banner <option>} prints; skips the test if it does not run. */
    private String capabilities(String option) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ffmpeg", ".txt");
        try {
            int exit;
            try {
                exit = run(List.of("-hide_banner", option), out, Duration.ofSeconds(30));
            } catch (IOException e) {
                Assumptions.abort("the bundled ffmpeg does not run: " + e.getMessage());
                throw e;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Assumptions.assumeTrue(exit == 0, "the bundled ffmpeg does not run (exit " + exit + "):\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * A synthetic source of {@code seconds} with lip-sync marks: black 320×240 video at 30 frames/s
     * that turns white at 0.5 s into every second for 90 ms (three frames), and silent stereo
     * audio with a 1 kHz tone over exactly the same 90 ms. lavfi computes both from the sample's
     * exact time ({@code t} = frame number / 30, sample number / 48000), and 0.5 s lies on a frame
     * boundary, so in the source every beep starts exactly with its flash.
     *
     * <p>Encoded as WHIP wants it: H264 by libopenh264 (constrained baseline, so no B-frames; a
     * keyframe every second) and Opus by libopus at 20 ms a packet.
     *
     * @param seconds how long to send; a mark falls in every second
     */
    record SyncMarks(int seconds) {

        /** Where the marks are, in seconds of source time. */
        List<Double> events() {
            return IntStream.range(0, seconds).mapToObj(s -> s + 0.5).toList();
        }

        /** The inputs and encoders; the output's options and target are the caller's. */
        List<String> arguments() {
            // The filtergraph escapes the commas of the expressions; the quotes keep them whole.
            String during = "between(mod(t\\,1)\\,0.5\\,0.59)";
            return List.of(
                    "-f", "lavfi", "-i", "color=c=black:size=320x240:rate=30,"
                            + "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='" + during + "'",
                    "-f", "lavfi", "-i", "aevalsrc='if(" + during + "\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:c=stereo",
                    "-t", Integer.toString(seconds),
                    "-c:v", "libopenh264", "-profile:v", "constrained_baseline", "-g", "30", "-b:v", "500k",
                    "-c:a", "libopus", "-b:a", "64k");
        }
    }

    /**
     * What FFmpeg said of its handshake, in milliseconds: each step from the end of the previous.
     *
     * @param answerMs from sending the offer (the POST) to having the answer
     * @param udpMs opening its UDP socket to the answer's first host candidate
     * @param iceMs from its first STUN binding request to the first response
     * @param dtlsMs the DTLS handshake
     * @param srtpMs deriving the SRTP keys
     */
    record Handshake(double answerMs, double udpMs, double iceMs, double dtlsMs, double srtpMs) {
        /** From the POST to keys for SRTP: when media can flow. */
        double postToConnectedMs() {
            return answerMs + udpMs + iceMs + dtlsMs + srtpMs;
        }
    }

    /**
     * A finished publish.
     *
     * @param exitCode ffmpeg's exit code
     * @param log what it wrote to stderr
     * @param elapsed from start to exit
     */
    record Run(int exitCode, String log, Duration elapsed) {

        /** The handshake timing the muxer logged once it was ready, if it got that far. */
        Optional<Handshake> handshake() {
            Matcher m = READY.matcher(log);
            if (!m.find()) {
                return Optional.empty();
            }
            double[] ms = IntStream.rangeClosed(3, 7).mapToDouble(i -> Double.parseDouble(m.group(i))).toArray();
            return Optional.of(new Handshake(ms[0], ms[1], ms[2], ms[3], ms[4]));
        }

        /** The resource URL the muxer DELETEd successfully when it finished, if it did. */
        Optional<String> deletedResource() {
            Matcher m = DISPOSED.matcher(log);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** The last lines of the log, for failure messages. */
        String tail(int lines) {
            List<String> all = log.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    /**
     * Publishes the marks to a WHIP endpoint in real time and waits for ffmpeg to end by itself,
     * which it does after the source's seconds, DELETEing its session resource on the way out.
     *
     * @param whip the endpoint, {@code http://127.0.0.1:PORT/whip/KEY}
     * @param token the bearer token
     * @param marks the source
     * @param muxerOptions further options of the WHIP muxer (e.g. {@code -whip_flags dtls_active})
     * @param log where ffmpeg's verbose log goes (it has the offer and the answer)
     */
    Run publish(URI whip, String token, SyncMarks marks, List<String> muxerOptions, Path log)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostats", "-loglevel", "verbose", "-re"));
        args.addAll(marks.arguments());
        args.addAll(muxerOptions);
        args.addAll(List.of("-f", "whip", "-authorization", token, whip.toString()));
        long started = System.nanoTime();
        // Connecting may take the muxer's 5 s handshake timeout; the rest is real time.
        int exit = run(args, log, Duration.ofSeconds(marks.seconds() + 30L));
        return new Run(exit, Files.readString(log, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Encodes the marks with the same encoders into a local MP4 file, as fast as it goes: the
     * reference the recording's lip sync is measured against.
     */
    void encode(SyncMarks marks, Path file) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostats", "-loglevel", "error", "-y"));
        args.addAll(marks.arguments());
        args.add(file.toString());
        Path log = Files.createTempFile("ffmpeg-encode", ".log");
        try {
            int exit = run(args, log, Duration.ofSeconds(60));
            if (exit != 0) {
                throw new IOException("ffmpeg could not encode the reference (exit " + exit + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs ffmpeg with {@code args}, stdout and stderr to {@code output}; its exit code. */
    private int run(List<String> args, Path output, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-nostdin"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Its libraries sit beside it in JavaCPP's cache.
        Map<String, String> env = builder.environment();
        String libraries = executable.getParent().toString();
        String inherited = env.get("LD_LIBRARY_PATH");
        env.put("LD_LIBRARY_PATH", inherited == null || inherited.isEmpty() ? libraries
                : libraries + File.pathSeparator + inherited);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("ffmpeg did not finish within " + timeout + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }
}
