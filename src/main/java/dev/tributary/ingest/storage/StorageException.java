package dev.tributary.ingest.storage;

/** A storage operation that failed: the backend could not be reached, refused, or an I/O error. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
