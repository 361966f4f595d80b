package dev.tributary.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path tmp;

    /** A storage whose first {@code failures} uploads fail, as if the process died during them. */
    static class FailingStorage implements Storage {
        final FileSystemStorage delegate;
        final AtomicInteger failuresLeft;
        final AtomicInteger attempts = new AtomicInteger();

        FailingStorage(FileSystemStorage delegate, int failures) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void put(String key, Path file) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StorageException("connection reset during upload of " + key);
            }
            delegate.put(key, file);
        }

        @Override
        public void put(String key, byte[] content) {
            delegate.put(key, content);
        }

        @Override
        public java.io.InputStream open(String key, long offset, long length) {
            return delegate.open(key, offset, length);
        }

        @Override
        public long size(String key) {
            return delegate.size(key);
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public java.util.List<String> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public boolean delete(String key) {
            return delegate.delete(key);
        }
    }

    @Test
    void uploadsAFinishedFileAndRemovesItFromTheSpool() throws IOException {
        FileSystemStorage storage = new FileSystemStorage(tmp.resolve("store"));
        try (Spool spool = new Spool(tmp.resolve("spool"), storage, Duration.ofMillis(10), Duration.ofMillis(50))) {
            Path file = spool.file("rec.webm");
            Files.writeString(file, "media bytes");
            assertThat(spool.local("rec.webm")).contains(file);
            spool.upload("rec.webm");
            await().atMost(Duration.ofSeconds(10)).until(() -> !spool.isUploading("rec.webm"));
            assertThat(storage.open("rec.webm")).hasContent("media bytes");
            assertThat(file).doesNotExist();
            assertThat(spool.local("rec.webm")).isEmpty();
        }
    }

    @Test
    void retriesAFailedUploadUntilItSucceeds() throws IOException {
        FailingStorage storage = new FailingStorage(new FileSystemStorage(tmp.resolve("store")), 2);
        try (Spool spool = new Spool(tmp.resolve("spool"), storage, Duration.ofMillis(10), Duration.ofMillis(50))) {
            Files.writeString(spool.file("rec.webm"), "x".repeat(1000));
            spool.upload("rec.webm");
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.delegate.exists("rec.webm"));
            await().atMost(Duration.ofSeconds(10)).until(() -> spool.local("rec.webm").isEmpty());
            assertThat(storage.attempts).hasValue(3);
            assertThat(storage.delegate.size("rec.webm")).isEqualTo(1000);
        }
    }

    @Test
    void aRestartUploadsWhatAnInterruptedUploadLeft() throws IOException {
        Path spoolDir = tmp.resolve("spool");
        FileSystemStorage store = new FileSystemStorage(tmp.resolve("store"));
        // First process: the upload fails (the process "dies" with the connection) and the spool
        // is closed before any retry.
        FailingStorage failing = new FailingStorage(store, Integer.MAX_VALUE);
        try (Spool first = new Spool(spoolDir, failing, Duration.ofHours(1), Duration.ofHours(1))) {
            Files.writeString(first.file("done.webm"), "finished recording");
            Files.writeString(first.file("sub/cut.mp4"), "recording cut by the crash");
            first.upload("done.webm");
            await().atMost(Duration.ofSeconds(10)).until(() -> failing.attempts.get() == 1);
        }
        assertThat(store.exists("done.webm")).isFalse();
        assertThat(spoolDir.resolve("done.webm")).exists();

        // Second process on the same spool directory.
        try (Spool second = new Spool(spoolDir, store, Duration.ofMillis(10), Duration.ofMillis(50))) {
            assertThat(second.recover()).containsExactly("done.webm", "sub/cut.mp4");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !second.isUploading("done.webm") && !second.isUploading("sub/cut.mp4"));
        }
        assertThat(store.open("done.webm")).hasContent("finished recording");
        assertThat(store.open("sub/cut.mp4")).hasContent("recording cut by the crash");
        assertThat(spoolDir.resolve("done.webm")).doesNotExist();
        assertThat(spoolDir.resolve("sub/cut.mp4")).doesNotExist();
    }

    @Test
    void aFileDiscardedDuringItsUploadDoesNotStayInStorage() throws Exception {
        FileSystemStorage store = new FileSystemStorage(tmp.resolve("store"));
        CountDownLatch uploading = new CountDownLatch(1);
        CountDownLatch discarded = new CountDownLatch(1);
        Storage slow = new FailingStorage(store, 0) {
            @Override
            public void put(String key, Path file) {
                super.put(key, file);
                uploading.countDown();
                try {
                    discarded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (Spool spool = new Spool(tmp.resolve("spool"), slow, Duration.ofMillis(10), Duration.ofMillis(50))) {
            Files.writeString(spool.file("gone.webm"), "bytes");
            spool.upload("gone.webm");
            uploading.await();
            assertThat(store.exists("gone.webm")).isTrue();
            spool.discard("gone.webm");
            discarded.countDown();
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(50))
                    .until(() -> !store.exists("gone.webm"));
        }
        assertThat(store.exists("gone.webm")).isFalse();
        assertThat(tmp.resolve("spool/gone.webm")).doesNotExist();
    }
}
