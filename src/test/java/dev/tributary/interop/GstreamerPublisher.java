package dev.tributary.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GStreamer's webrtcbin as a WHIP publisher: {@code gst_whip_publish.py} beside this class's
 * resources, run with Debian's {@code /usr/bin/python3} and PyGObject. It speaks WHIP as
 * Meetecho's {@code simple-whip-client} does (trickled candidates in PATCHes with If-Match, or
 * candidates in the offer; DELETE on SIGINT or SIGTERM); that client itself aborts on Debian 12
 * before it sends anything (see the script). The script prints one JSON event a line; {@link
 * Running} collects them as they come.
 */
final class GstreamerPublisher {

    /** Debian's interpreter: PyGObject is a Debian package, not in whatever python3 is first on PATH. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The Debian packages the script needs, for the message of a skipped test. */
    static final String PACKAGES = "python3-gi gir1.2-gst-plugins-bad-1.0 gstreamer1.0-plugins-base "
            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-nice";

    private GstreamerPublisher() {}

    /**
     * Skips the calling test unless the script can make pipelines with these GStreamer elements
     * (webrtcbin, libnice and DTLS-SRTP are always checked).
     */
    static void assumeAvailable(String... elements) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), "--check"));
        command.addAll(List.of(elements));
        Process check = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly().waitFor();
            throw new IOException("the GStreamer check did not finish within 60 s");
        }
        assumeTrue(check.exitValue() == 0, "GStreamer's webrtcbin is not usable from Python (" + output
                + "); Debian packages: " + PACKAGES);
    }

    /**
     * Starts publishing.
     *
     * @param whip the WHIP endpoint
     * @param token the bearer token
     * @param audio the audio pipeline, ending in an RTP payloader and its caps
     * @param video the video pipeline, likewise
     * @param trickle whether candidates are trickled in PATCHes (else they go in the offer)
     * @param iceAddress the only local address to gather candidates on
     * @return the running publisher; close it
     */
    static Running start(URI whip, String token, String audio, String video, boolean trickle, String iceAddress)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString(),
                "-u", whip.toString(), "-t", token, "-A", audio, "-V", video, "--ice-address", iceAddress,
                "--open-valves"));
        if (!trickle) {
            command.add("-n");
        }
        Path stderr = Files.createTempFile("gst-whip-publish", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Running(process, stderr);
    }

    private static Path script() {
        URL resource = GstreamerPublisher.class.getResource("gst_whip_publish.py");
        if (resource == null) {
            throw new IllegalStateException("gst_whip_publish.py is not on the test class path");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A publisher process and the events it printed so far. Each event also has {@value #READ_AT}:
     * the {@link System#nanoTime()} at which it was read.
     */
    static final class Running implements AutoCloseable {

        static final String READ_AT = "readAt";

        private final Process process;
        private final Path stderr;
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Running(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.reader = Thread.ofVirtual().name("gst-whip-publish-stdout").start(this::read);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        ObjectNode event = (ObjectNode) JSON.readTree(line);
                        event.put(READ_AT, System.nanoTime());
                        events.add(event);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The events named {@code name}, in the order they came. */
        List<JsonNode> events(String name) {
            return events.stream().filter(e -> e.path("event").stringValue("").equals(name)).toList();
        }

        /** The first event named {@code name}, or null. */
        JsonNode first(String name) {
            List<JsonNode> named = events(name);
            return named.isEmpty() ? null : named.getFirst();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** Sends a signal ({@code INT}, {@code TERM}, {@code KILL}) to the publisher. */
        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -s " + name + " " + process.pid() + " failed");
            }
        }

        /** Waits for the publisher to exit and for its last events to be read; returns its exit code. */
        int waitFor(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the publisher did not exit within " + timeout + "\n" + this);
            }
            reader.join(Duration.ofSeconds(10));
            return process.exitValue();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
            reader.join(Duration.ofSeconds(10));
            Files.deleteIfExists(stderr);
        }

        /** Its events and the end of what it wrote to stderr, for failure messages. */
        @Override
        public String toString() {
            String err;
            try {
                List<String> lines = Files.readAllLines(stderr);
                err = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                err = "(stderr unreadable: " + e + ")";
            }
            return "events:\n" + String.join("\n", events.stream().map(JsonNode::toString).toList())
                    + "\nstderr:\n" + err;
        }
    }
}
