package dev.tributary.interop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A publisher script run as a process that prints one JSON event a line on stdout (each with
 * {@code "event"}), collected as they come; its stderr goes to a temporary file, whose end is
 * shown in failure messages. Each event also has {@value #READ_AT}: the {@link System#nanoTime()}
 * at which it was read.
 */
final class PublisherProcess implements AutoCloseable {

    static final String READ_AT = "readAt";

    /** Debian's interpreter: the publishers' Python modules are Debian packages. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path stderr;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private PublisherProcess(Process process, Path stderr, String name) {
        this.process = process;
        this.stderr = stderr;
        this.reader = Thread.ofVirtual().name(name + "-stdout").start(this::read);
    }

    /** Starts {@code command} with no input; {@code name} names its temporary file and reader thread. */
    static PublisherProcess start(List<String> command, String name) throws IOException {
        Path stderr = Files.createTempFile(name, ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new PublisherProcess(process, stderr, name);
    }

    /** What a short check command printed (stdout and stderr) and its exit code. */
    record Check(int exitCode, String output) {}

    /** Runs a check command to its end (at most 60 s). */
    static Check check(List<String> command) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly().waitFor();
            throw new IOException(command + " did not finish within 60 s");
        }
        return new Check(check.exitValue(), output);
    }

    /** A script among this package's test resources, as a file. */
    static Path script(String name) {
        URL resource = PublisherProcess.class.getResource(name);
        if (resource == null) {
            throw new IllegalStateException(name + " is not on the test class path");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
