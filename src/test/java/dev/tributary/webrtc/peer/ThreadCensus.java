package dev.tributary.webrtc.peer;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts the process's live threads, virtual ones included, and its open file descriptors. */
final class ThreadCensus {

    /** A thread object of the dump: its id, time, virtual flag (virtual threads only) and name. */
    private static final Pattern THREAD = Pattern.compile(
            "\"tid\"\\s*:\\s*\"\\d+\",\\s*\"time\"\\s*:\\s*\"[^\"]*\",\\s*(\"virtual\"\\s*:\\s*true,\\s*)?"
            + "\"name\"\\s*:\\s*\"([^\"]*)\"");

    private ThreadCensus() {}

    /**
     * The names of the live threads, virtual ones included (from a JDK thread dump), except the
     * JDK's own pools, whose size follows the load (virtual-thread carriers, the common pool), and
     * Awaitility's poller, which exists while a test waits.
     */
    static List<String> liveThreads() {
        try {
            Path dir = Files.createTempDirectory("threads");
            Path file = dir.resolve("dump.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
                Matcher matcher = THREAD.matcher(Files.readString(file));
                List<String> names = new ArrayList<>();
                while (matcher.find()) {
                    String name = matcher.group(2);
                    if (!name.startsWith("ForkJoinPool") && !name.startsWith("awaitility")) {
                        names.add(name);
                    }
                }
                return names;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open file descriptors of this process. */
    static int openFileDescriptors() {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
