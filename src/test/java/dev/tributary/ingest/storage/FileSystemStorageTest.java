package dev.tributary.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemStorageTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void putsFilesAndBytesAndReadsThemBack() throws IOException {
        FileSystemStorage storage = new FileSystemStorage(dir.resolve("root"));
        Path file = Files.write(dir.resolve("local.webm"), bytes(10_000));
        storage.put("a/b/c.webm", file);
        storage.put("m.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.exists(file)).as("the local file is left in place").isTrue();
        assertThat(read(storage.open("a/b/c.webm"))).isEqualTo(bytes(10_000));
        assertThat(storage.size("a/b/c.webm")).isEqualTo(10_000);
        assertThat(storage.exists("m.json")).isTrue();
        assertThat(storage.exists("a/b")).as("a directory is no object").isFalse();
        assertThat(storage.list("")).containsExactly("a/b/c.webm", "m.json");
        assertThat(storage.list("a/")).containsExactly("a/b/c.webm");
        assertThat(storage.list("a/b/c")).containsExactly("a/b/c.webm");
        assertThat(storage.list("m")).containsExactly("m.json");
        assertThat(storage.list("x/")).isEmpty();
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        FileSystemStorage storage = new FileSystemStorage(dir);
        storage.put("k.json", "old".getBytes(StandardCharsets.UTF_8));
        storage.put("k.json", "new".getBytes(StandardCharsets.UTF_8));
        assertThat(read(storage.open("k.json"))).asString().isEqualTo("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("k.json");
        }
    }

    @Test
    void readsRanges() throws IOException {
        FileSystemStorage storage = new FileSystemStorage(dir);
        storage.put("r.bin", bytes(1000));
        byte[] all = bytes(1000);
        assertThat(read(storage.open("r.bin", 0, 1))).containsExactly(all[0]);
        assertThat(read(storage.open("r.bin", 100, 200))).isEqualTo(java.util.Arrays.copyOfRange(all, 100, 300));
        assertThat(read(storage.open("r.bin", 900, 500))).as("cut at the end")
                .isEqualTo(java.util.Arrays.copyOfRange(all, 900, 1000));
        assertThat(read(storage.open("r.bin", 1000, 10))).isEmpty();
        assertThat(read(storage.open("r.bin", 5000, 10))).isEmpty();
        assertThatThrownBy(() -> storage.open("r.bin", -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.open("r.bin", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingKeysAreNoSuchKey() {
        FileSystemStorage storage = new FileSystemStorage(dir);
        assertThatThrownBy(() -> storage.open("nope.webm")).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> storage.size("nope.webm")).isInstanceOf(NoSuchKeyException.class);
        assertThat(storage.exists("nope.webm")).isFalse();
        assertThat(storage.delete("nope.webm")).isFalse();
    }

    @Test
    void deletesAndRemovesEmptyDirectories() {
        FileSystemStorage storage = new FileSystemStorage(dir);
        storage.put("a/b/c.json", new byte[] {1});
        assertThat(storage.delete("a/b/c.json")).isTrue();
        assertThat(storage.exists("a/b/c.json")).isFalse();
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "a/../../x", "..", ".", "./a", "/etc/passwd", "a//b", "a/", ".hidden",
            "a/.b", "a\\b", "..\\x", "a b", "a/./b", "%2e%2e/x", "\u0000", "é"})
    void rejectsKeysThatAreNotPlainRelativePaths(String key) throws IOException {
        Path root = dir.resolve("root");
        FileSystemStorage storage = new FileSystemStorage(root);
        Files.writeString(dir.resolve("x"), "outside");
        assertThatThrownBy(() -> storage.put(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.size(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.exists(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("x")).hasContent("outside");
    }

    @Test
    void rejectsPrefixesThatClimbOut() {
        FileSystemStorage storage = new FileSystemStorage(dir);
        assertThatThrownBy(() -> storage.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.list("/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listSkipsTemporaryAndForeignFiles() throws IOException {
        FileSystemStorage storage = new FileSystemStorage(dir);
        storage.put("a.json", new byte[] {1});
        Files.writeString(dir.resolve(".a.json.123.tmp"), "partial");
        Files.writeString(dir.resolve("has space"), "x");
        assertThat(storage.list("")).containsExactly("a.json");
    }
}
