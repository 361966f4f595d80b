package dev.tributary.interop;

import dev.tributary.ingest.recording.Probe;
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
     * What a full decode prints as errors, with the file's own timestamps kept through to the
     * null output ({@link dev.tributary.ingest.recording.Probe#decodeErrors}); empty when clean.
     * With the CLI's defaults, a browser's jittery frame times (Chromium under load sends about
     * 20 fps, frames 46–54 ms apart) are rounded to the guessed frame rate and two frames in one
     * tick make the CLI's own muxer print "non monotonically increasing dts" although every frame
     * decodes.
     */
    static String decodeErrors(Path file) throws IOException, InterruptedException {
        return Probe.decodeErrors(file, 0);
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
