package dev.tributary.ingest.api;

import dev.tributary.ingest.recording.CatalogException;
import dev.tributary.ingest.session.SessionException;
import dev.tributary.ingest.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem detail ({@code application/problem+json}),
 * Spring MVC's own (bad parameter types, unsupported methods...) included.
 */
@RestControllerAdvice(assignableTypes = {RecordingsController.class, SessionsController.class})
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail recording(CatalogException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID_ID, INVALID_CURSOR -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND, MEDIA_MISSING -> HttpStatus.NOT_FOUND;
            case LIVE, ENDED -> HttpStatus.CONFLICT;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail session(SessionException e) {
        HttpStatus status = switch (e.reason()) {
            case MALFORMED_OFFER, MALFORMED_FRAGMENT -> HttpStatus.BAD_REQUEST;
            case UNACCEPTABLE_OFFER -> HttpStatus.UNPROCESSABLE_CONTENT;
            case STREAM_BUSY -> HttpStatus.CONFLICT;
            case CAPACITY -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNKNOWN_SESSION -> HttpStatus.NOT_FOUND;
        };
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rangeNotSatisfiable(RangeNotSatisfiableException e) {
        return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.size())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidRequestException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail noSessionLayer(SessionsController.SessionLayerUnavailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail storage(StorageException e) {
        log.error("Storage failed while serving the API", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the recording storage is unavailable; try again later");
    }
}
