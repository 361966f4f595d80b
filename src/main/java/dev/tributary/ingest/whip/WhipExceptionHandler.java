package dev.tributary.ingest.whip;

import dev.tributary.ingest.session.SessionException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure of a WHIP request into an RFC 9457 problem detail, and counts it in
 * {@value #ERRORS} by {@code status} and {@code reason} (the problem's title in snake case, one of
 * a fixed set) [{@code tributary_whip_errors_total}].
 */
@RestControllerAdvice(assignableTypes = WhipController.class)
class WhipExceptionHandler {

    static final String ERRORS = "tributary.whip.errors";

    private static final Logger log = LoggerFactory.getLogger(WhipExceptionHandler.class);

    private final WhipProperties properties;
    private final MeterRegistry registry;

    WhipExceptionHandler(WhipProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    @ExceptionHandler(WhipProblem.class)
    ResponseEntity<ProblemDetail> whipProblem(WhipProblem e, HttpServletRequest request) {
        return problem(e.status(), e.title(), e.getMessage(), e.headers(), request);
    }

    @ExceptionHandler(SessionException.class)
    ResponseEntity<ProblemDetail> sessionException(SessionException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        return switch (e.reason()) {
            case MALFORMED_OFFER -> problem(HttpStatus.BAD_REQUEST, "Malformed offer", e.getMessage(), headers, request);
            case MALFORMED_FRAGMENT ->
                    problem(HttpStatus.BAD_REQUEST, "Malformed SDP fragment", e.getMessage(), headers, request);
            case UNACCEPTABLE_OFFER ->
                    problem(HttpStatus.UNPROCESSABLE_CONTENT, "Offer not acceptable", e.getMessage(), headers, request);
            case STREAM_BUSY -> problem(HttpStatus.CONFLICT, "Stream busy", e.getMessage(), headers, request);
            case CAPACITY -> {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()));
                yield problem(HttpStatus.SERVICE_UNAVAILABLE, "At capacity", e.getMessage(), headers, request);
            }
            case UNKNOWN_SESSION -> {
                WhipProblem unknown = WhipController.unknownSession();
                yield problem(unknown.status(), unknown.title(), unknown.getMessage(), headers, request);
            }
        };
    }

    @ExceptionHandler(PublishAuthorizer.UnavailableException.class)
    ResponseEntity<ProblemDetail> authorizerUnavailable(PublishAuthorizer.UnavailableException e,
            HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()));
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Authorisation unavailable",
                "The request could not be authorised now: " + e.getMessage() + ".", headers, request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request failed inside the server; the error is logged.", new HttpHeaders(), request);
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
            HttpHeaders headers, HttpServletRequest request) {
        registry.counter(ERRORS, "status", Integer.toString(status.value()),
                "reason", title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")).increment();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
