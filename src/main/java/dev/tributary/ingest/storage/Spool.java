package dev.tributary.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local directory recordings are written to before they go to {@link Storage}: a muxer needs a
 * seekable local file, and an object store only takes finished objects.
 *
 * <p>A file stays in the spool until its upload has succeeded, and only then is deleted, so a
 * process that dies at any point loses nothing: {@link #recover()} at the next start uploads every
 * file still there (finished ones whose upload was cut off, and those a crash interrupted while
 * they were written, which are readable up to their last complete cluster or fragment). An upload
 * that fails is retried with exponential backoff until it succeeds or the spool is closed. Uploads
 * run one at a time on one thread of the spool's own. A spool directory belongs to one process.
 */
public final class Spool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final Storage storage;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService uploader;

    /**
     * A spool in {@code dir} (created if missing) uploading to {@code storage}.
     *
     * @param firstRetry the delay before the first retry of a failed upload; it doubles with each
     *     failure up to {@code maxRetry}
     */
    public Spool(Path dir, Storage storage, Duration firstRetry, Duration maxRetry) {
        this.dir = dir.toAbsolutePath().normalize();
        this.storage = Objects.requireNonNull(storage, "storage");
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retry delays must be positive, the first not above the largest");
        }
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new StorageException("cannot create spool directory " + this.dir, e);
        }
        this.uploader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spool-upload").daemon()
                .factory());
    }

    /** The spool directory. */
    public Path directory() {
        return dir;
    }

    /** The local file for {@code key}, to be written by its producer; its directory exists. */
    public Path file(String key) {
        Path path = dir.resolve(StorageKeys.require(key)).normalize();
        if (!path.startsWith(dir) || path.equals(dir)) {
            throw new IllegalArgumentException("key escapes the spool: " + key);
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StorageException("cannot create spool directory for " + key, e);
        }
        return path;
    }

    /** The local file of {@code key} while it is in the spool (written or waiting for its upload). */
    public Optional<Path> local(String key) {
        Path path = file(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * Opens {@code length} bytes from {@code offset} of the local file of {@code key}, streamed;
     * the caller closes the stream.
     *
     * @throws NoSuchKeyException if the file is not (or no longer) in the spool
     */
    public InputStream open(String key, long offset, long length) {
        FileSystemStorage.checkRange(offset, length);
        Path path = file(key);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(offset);
            return new LimitedInputStream(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(key);
        } catch (IOException e) {
            throw new StorageException("cannot read spooled " + key, e);
        }
    }

    /**
     * Uploads the finished file of {@code key} in the background and then deletes it from the
     * spool. Returns at once.
     */
    public void upload(String key) {
        StorageKeys.require(key);
        if (pending.add(key)) {
            schedule(key, 0, Duration.ZERO);
        }
    }

    /** Whether the upload of {@code key} is queued, running or waiting for a retry. */
    public boolean isUploading(String key) {
        return pending.contains(key);
    }

    /**
     * Queues for upload every file left in the spool by an earlier process. Call once at start,
     * before producers write new files.
     *
     * @return the keys queued
     */
    public List<String> recover() {
        List<String> keys;
        try (Stream<Path> files = Files.walk(dir)) {
            keys = files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(StorageKeys::isValid)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list spool directory " + dir, e);
        }
        if (!keys.isEmpty()) {
            log.info("Uploading {} file(s) left in the spool {} by an earlier run", keys.size(), dir);
        }
        keys.forEach(this::upload);
        return keys;
    }

    /**
     * Deletes the local file of {@code key} and cancels its upload; if the upload is already under
     * way, the uploaded object is deleted from storage once it completes. The caller deletes what
     * may already be in storage.
     */
    public void discard(String key) {
        pending.remove(key);
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new StorageException("cannot delete spooled " + key, e);
        }
    }

    private void schedule(String key, int failures, Duration delay) {
        try {
            uploader.schedule(() -> attempt(key, failures), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            log.info("Spool closed: {} stays in {} for the next start", key, dir);
        }
    }

    private void attempt(String key, int failures) {
        if (!pending.contains(key)) {
            return;
        }
        Path path = file(key);
        if (!Files.isRegularFile(path)) {
            log.warn("Spooled file for {} disappeared before its upload", key);
            pending.remove(key);
            return;
        }
        try {
            storage.put(key, path);
        } catch (RuntimeException e) {
            Duration delay = backoff(failures);
            log.warn("Upload of {} failed (attempt {}), retrying in {} ms: {}", key, failures + 1, delay.toMillis(),
                    e.toString());
            schedule(key, failures + 1, delay);
            return;
        }
        if (pending.remove(key)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Uploaded {} but cannot delete its spooled file; it will be uploaded again at next start",
                        key, e);
            }
        } else {
            // Discarded while the upload ran: the object must not outlive the discard.
            try {
                storage.delete(key);
            } catch (RuntimeException e) {
                log.warn("Cannot delete {} uploaded after it was discarded", key, e);
            }
        }
    }

    private Duration backoff(int failures) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(failures, 20));
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    /**
     * Stops uploading, waiting a few seconds for a running upload. Files not yet uploaded stay in
     * the spool for {@link #recover()}.
     */
    @Override
    public void close() {
        uploader.shutdownNow();
        try {
            if (!uploader.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("An upload was still running when the spool closed; it resumes at next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
