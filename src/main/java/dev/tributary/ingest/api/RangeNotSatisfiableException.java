package dev.tributary.ingest.api;

/** A {@code Range} no byte of the file satisfies (HTTP 416, with {@code Content-Range: bytes *}/size). */
class RangeNotSatisfiableException extends RuntimeException {

    private final long size;

    RangeNotSatisfiableException(String range, long size) {
        super("the range " + range + " lies outside the " + size + " bytes of the file");
        this.size = size;
    }

    long size() {
        return size;
    }
}
