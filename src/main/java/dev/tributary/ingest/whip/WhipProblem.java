package dev.tributary.ingest.whip;

import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A WHIP request refused with an HTTP error: becomes an RFC 9457 problem detail with the status,
 * title and detail given here, and the extra response headers the status calls for
 * ({@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}, {@code Accept-Post}...).
 */
final class WhipProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final HttpHeaders headers = new HttpHeaders();

    WhipProblem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Adds a header to the error response. */
    WhipProblem header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    HttpHeaders headers() {
        return headers;
    }
}
