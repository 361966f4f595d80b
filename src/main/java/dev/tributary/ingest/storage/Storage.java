package dev.tributary.ingest.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where recordings and their manifests are kept: a flat namespace of immutable objects under keys
 * (see {@link StorageKeys}). Writes replace an object whole and are atomic: a reader sees the old
 * object or the new one, never a part. Implementations are thread-safe.
 *
 * <p>Every method throws {@link IllegalArgumentException} for an invalid key, {@link
 * NoSuchKeyException} where it reads an object that does not exist, and {@link StorageException}
 * when the backend fails.
 */
public interface Storage {

    /** Stores the finished local file {@code file} under {@code key}; the file is left in place. */
    void put(String key, Path file);

    /** Stores {@code content} under {@code key}. */
    void put(String key, byte[] content);

    /** Opens the whole object for reading; the caller closes the stream. */
    default InputStream open(String key) {
        return open(key, 0, Long.MAX_VALUE);
    }

    /**
     * Opens {@code length} bytes of the object from byte {@code offset} for reading (fewer if the
     * object ends first); the caller closes the stream. The bytes are streamed, not loaded.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code length} is not
     *     positive
     */
    InputStream open(String key, long offset, long length);

    /** The object's size in bytes. */
    long size(String key);

    /** Whether an object exists under {@code key}. */
    boolean exists(String key);

    /** The keys starting with {@code prefix} ({@code ""} for all), in lexicographic order. */
    List<String> list(String prefix);

    /** Deletes the object; returns whether there was one. */
    boolean delete(String key);
}
