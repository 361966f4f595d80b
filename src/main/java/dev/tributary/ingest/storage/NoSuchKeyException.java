package dev.tributary.ingest.storage;

/** The key names no stored object. */
public class NoSuchKeyException extends StorageException {

    public NoSuchKeyException(String key) {
        super("no object under key " + key);
    }
}
