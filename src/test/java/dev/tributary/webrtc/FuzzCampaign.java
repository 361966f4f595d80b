package dev.tributary.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes every parser: runs each {@code *FuzzTest} class in Jazzer's fuzzing mode for
 * {@link FuzzBudget#MAX_DURATION}, each in a JVM of its own because Jazzer fuzzes only one test per
 * process. The child JVM is this JVM's own Java (the JDK 25 the build selected) with the same
 * class path. Surefire runs this class in the integration-test phase of {@code mvn verify} (see
 * {@code pom.xml}); the unit-test phase runs the same fuzz tests over their stored inputs only.
 *
 * <p>A finding fails the dynamic test of that parser with the end of the fuzzer's log; Jazzer
 * leaves the input as {@code crash-*} in the project folder, to be kept as a regression input.
 */
class FuzzCampaign {

    /** Fuzzing time plus JVM and Jazzer start-up on a loaded two-core machine. */
    private static final long CHILD_TIMEOUT_SECONDS = 300;

    private final Path testClasses = Path.of(System.getProperty("fuzz.testClasses", "target/test-classes"));
    private final Path reports = Path.of(System.getProperty("fuzz.reports", "target/fuzz-reports"));

    @TestFactory
    Stream<DynamicTest> fuzzEveryParser() throws IOException {
        List<String> fuzzTests = findFuzzTests();
        assertThat(fuzzTests).as("fuzz test classes under %s", testClasses).isNotEmpty();
        return fuzzTests.stream().map(name -> DynamicTest.dynamicTest(simpleName(name), () -> fuzz(name)));
    }

    private List<String> findFuzzTests() throws IOException {
        try (Stream<Path> files = Files.walk(testClasses)) {
            return files.map(testClasses::relativize)
                    .map(Path::toString)
                    .filter(path -> path.endsWith("FuzzTest.class") && !path.contains("$"))
                    .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }

    private void fuzz(String className) throws IOException, InterruptedException {
        Files.createDirectories(reports);
        Path log = reports.resolve(className + ".log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        FuzzTestMain.class.getName(), className)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAZZER_FUZZ", "1");
        Process child = builder.start();
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("%s did not finish fuzzing within %d s; log: %s", className, CHILD_TIMEOUT_SECONDS, log);
        }
        assertThat(child.exitValue()).as("%s fuzzing; log %s ends with:%n%s", className, log, tail(log)).isZero();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
