package dev.tributary.ingest.api;

import dev.tributary.ingest.session.IngestSessions;
import dev.tributary.ingest.session.LiveSession;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The live ingest sessions: list them, end one. */
@RestController
@RequestMapping(path = "/api/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "sessions")
@SecurityRequirement(name = ApiConfiguration.SECURITY_SCHEME)
public class SessionsController {

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ObjectProvider<IngestSessions> sessions;

    public SessionsController(ObjectProvider<IngestSessions> sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    @Operation(summary = "The live sessions, oldest first")
    public List<LiveSession> list() {
        return sessions().list();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "End a live session; its recording is finalised")
    @ApiResponse(responseCode = "204", description = "ended")
    @ApiResponse(responseCode = "400", description = "a malformed id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "no such live session",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public ResponseEntity<Void> end(@PathVariable String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new InvalidRequestException("malformed session id");
        }
        sessions().end(id);
        return ResponseEntity.noContent().build();
    }

    private IngestSessions sessions() {
        IngestSessions available = sessions.getIfAvailable();
        if (available == null) {
            throw new SessionLayerUnavailableException();
        }
        return available;
    }

    /** The application runs without a session layer (HTTP 503). */
    static final class SessionLayerUnavailableException extends RuntimeException {
        SessionLayerUnavailableException() {
            super("live ingest sessions are not available in this process");
        }
    }
}
