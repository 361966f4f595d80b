package dev.tributary.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the {@code ffprobe} and {@code ffmpeg} command-line tools say about a recording. */
final class Ffprobe {

    private Ffprobe() {}

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/ffprobe")) && Files.isExecutable(Path.of("/usr/bin/ffmpeg"));
    }

    /** {@code ffprobe -show_format -show_streams} as JSON. */
    static JsonNode probe(Path file) throws IOException, InterruptedException {
        String json = run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString()));
        return JsonMapper.builder().build().readTree(json);
    }

    /**
     * What a full decode prints as errors ({@code ffmpeg -v error -i FILE -vsync vfr -f null -});
     * empty when clean.
     *
     * <p>{@code -vsync vfr}: a browser's capture intervals vary under load (Chromium here sends
     * about 20 fps with frames 46–54 ms apart), and the null muxer's default, passthrough,
     * rounds each frame's time to the guessed frame rate ({@code r_frame_rate}, 20/1); two frames
     * in one tick then make the CLI's own muxer print "non monotonically increasing dts" although
     * every frame decodes. VFR output drops the tick collision silently; decoding errors are
     * still printed.
     */
    static String decodeErrors(Path file) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-vsync", "vfr", "-f", "null",
                "-")).strip();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
