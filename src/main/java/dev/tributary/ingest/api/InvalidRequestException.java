package dev.tributary.ingest.api;

/** A request parameter that is malformed or out of range (HTTP 400). */
class InvalidRequestException extends RuntimeException {

    InvalidRequestException(String message) {
        super(message);
    }
}
