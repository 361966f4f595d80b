package dev.tributary.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link Storage} in a directory of the local file system: the object under key {@code a/b.webm}
 * is the file {@code <root>/a/b.webm}. Writes go to a hidden temporary file in the target's
 * directory, are forced to disk and then renamed over the target, so a crash leaves the old object
 * or the new one. Keys are validated ({@link StorageKeys}) and every resolved path is checked to
 * stay under the root. The root's contents are trusted: symbolic links placed there by an
 * administrator are followed.
 */
public final class FileSystemStorage implements Storage {

    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    /** Storage under {@code root}, created if missing. */
    public FileSystemStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageException("cannot create storage directory " + this.root, e);
        }
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path file) {
        writeAtomically(key, temp -> Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void put(String key, byte[] content) {
        writeAtomically(key, temp -> Files.write(temp, content));
    }

    private interface Writer {
        void write(Path temp) throws IOException;
    }

    private void writeAtomically(String key, Writer writer) {
        Path target = resolve(key);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            writer.write(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("cannot write " + key + ": a directory of that name is in the way", e);
        } catch (IOException e) {
            throw new StorageException("cannot write " + key, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The temporary name is hidden from list(); a leftover wastes space, nothing else.
            }
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        checkRange(offset, length);
        Path path = resolve(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(key);
        } catch (IOException e) {
            throw new StorageException("cannot open " + key, e);
        }
        try {
            if (!Files.isRegularFile(path)) {
                throw new NoSuchKeyException(key);
            }
            channel.position(offset);
            return new LimitedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("cannot read " + key, e);
        }
    }

    static void checkRange(long offset, long length) {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("invalid range: offset " + offset + ", length " + length);
        }
    }

    @Override
    public long size(String key) {
        Path path = resolve(key);
        try {
            if (!Files.isRegularFile(path)) {
                throw new NoSuchKeyException(key);
            }
            return Files.size(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchKeyException(key);
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) {
        StorageKeys.requirePrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(k -> k.startsWith(prefix) && StorageKeys.isValid(k))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list " + prefix, e);
        }
    }

    @Override
    public boolean delete(String key) {
        Path path = resolve(key);
        try {
            if (Files.isDirectory(path)) {
                return false;
            }
            boolean deleted = Files.deleteIfExists(path);
            removeEmptyParents(path.getParent());
            return deleted;
        } catch (IOException e) {
            throw new StorageException("cannot delete " + key, e);
        }
    }

    private void removeEmptyParents(Path dir) {
        for (Path d = dir; d != null && !d.equals(root) && d.startsWith(root); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(StorageKeys.require(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key escapes the storage root: " + key);
        }
        return path;
    }
}
