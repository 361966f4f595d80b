package dev.tributary.ingest.api;

import dev.tributary.ingest.recording.MediaContent;
import dev.tributary.ingest.recording.RecordingCatalog;
import dev.tributary.ingest.recording.RecordingManifest;
import dev.tributary.ingest.recording.RecordingPage;
import dev.tributary.ingest.recording.RecordingQuery;
import dev.tributary.ingest.recording.RecordingState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The recordings: list, look up, play (with byte ranges) and delete. */
@RestController
@RequestMapping(path = "/api/recordings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "recordings")
@SecurityRequirement(name = ApiConfiguration.SECURITY_SCHEME)
public class RecordingsController {

    /** The page size when none is asked for. */
    static final int DEFAULT_LIMIT = 50;
    /** The largest page size a client may ask for. */
    static final int MAX_LIMIT = 200;

    private final RecordingCatalog catalog;
    private final MediaLinks mediaLinks;

    RecordingsController(RecordingCatalog catalog, MediaLinks mediaLinks) {
        this.catalog = catalog;
        this.mediaLinks = mediaLinks;
    }

    @GetMapping
    @Operation(summary = "List recordings, newest first",
            description = "Filters combine; pages follow nextCursor. A cursor is valid with the filters that made it "
                    + "and until the service restarts.")
    @ApiResponse(responseCode = "200", description = "a page")
    @ApiResponse(responseCode = "400", description = "a malformed parameter or cursor",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public RecordingList list(
            @Parameter(description = "only this stream key") @RequestParam(required = false) String streamKey,
            @Parameter(description = "only this state", schema = @Schema(allowableValues = {"recording", "complete",
                    "interrupted", "failed"})) @RequestParam(required = false) String state,
            @Parameter(description = "only those started at or after (ISO-8601 instant)")
                    @RequestParam(required = false) String from,
            @Parameter(description = "only those started before (ISO-8601 instant)")
                    @RequestParam(required = false) String to,
            @Parameter(description = "page size, 1 to " + MAX_LIMIT)
                    @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        RecordingState wanted;
        try {
            wanted = state == null ? null : RecordingState.of(state);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state must be one of recording, complete, interrupted, failed");
        }
        RecordingQuery query = new RecordingQuery(streamKey, wanted, instant("from", from), instant("to", to));
        RecordingPage page = catalog.list(query, cursor == null || cursor.isEmpty() ? null : cursor, limit);
        return new RecordingList(page.items(), page.nextCursor());
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "One recording's manifest")
    @ApiResponse(responseCode = "200", description = "the manifest")
    @ApiResponse(responseCode = "400", description = "a malformed id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "no such recording",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public RecordingManifest get(@PathVariable String id) {
        return catalog.get(id);
    }

    @GetMapping(path = "/{id}/media", produces = MediaType.ALL_VALUE)
    @Operation(summary = "A recording's media file, with byte ranges",
            description = "Content-Type video/webm, video/mp4 or video/x-matroska. Supports one byte range per "
                    + "request (206, or 416 if unsatisfiable); a request for several ranges gets the whole file. "
                    + "A recording still being written is served as far as it has been written at the time of "
                    + "the request (its Content-Length is that size, never cached); fragmented MP4 and WebM "
                    + "play up to that point. Without a token through a signed link (POST media-link).")
    @ApiResponse(responseCode = "200", description = "the whole file")
    @ApiResponse(responseCode = "206", description = "the range asked for")
    @ApiResponse(responseCode = "401", description = "no token, and no valid unexpired signed link",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "no such recording, or its file is gone",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "416", description = "the range starts past the end",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public ResponseEntity<StreamingResponseBody> media(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
        RecordingManifest manifest = catalog.get(id);
        MediaContent media = catalog.media(id);
        long size = media.size();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(media.container().mediaType()));
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        headers.setContentDisposition(ContentDisposition.inline().filename(manifest.mediaKey()).build());
        headers.setCacheControl(manifest.state() == RecordingState.RECORDING ? CacheControl.noStore()
                : CacheControl.noCache());
        return switch (ByteRange.parse(range, size)) {
            case ByteRange.Whole whole -> {
                headers.setContentLength(size);
                yield new ResponseEntity<>(body(media, 0, size), headers, HttpStatus.OK);
            }
            case ByteRange.Part(ByteRange part) -> {
                headers.setContentLength(part.length());
                headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + size);
                yield new ResponseEntity<>(body(media, part.first(), part.length()), headers,
                        HttpStatus.PARTIAL_CONTENT);
            }
            case ByteRange.Unsatisfiable unsatisfiable -> throw new RangeNotSatisfiableException(range, size);
        };
    }

    private static StreamingResponseBody body(MediaContent media, long offset, long length) {
        if (length == 0) {
            return out -> {};
        }
        return out -> {
            try (InputStream in = media.open(offset, length)) {
                in.transferTo(out);
            }
        };
    }

    /**
     * A signed link to a recording's media.
     *
     * @param url the media URL, absolute path with the query that authorises it
     * @param expiresAt when the link stops working; null for a plain URL (the API is open)
     */
    public record MediaLink(String url, Instant expiresAt) {}

    @PostMapping("/{id}/media-link")
    @Operation(summary = "A short-lived link that serves the recording's media without a token",
            description = "For players and download links, which cannot send an Authorization header: GET on url "
                    + "serves this recording's media (with byte ranges) until expiresAt "
                    + "(tributary.api.media-link-ttl after the request, 6 hours by default). Changing the API "
                    + "token revokes every link. When the API has no token, url is the plain media URL and "
                    + "expiresAt is null.")
    @ApiResponse(responseCode = "200", description = "the link")
    @ApiResponse(responseCode = "400", description = "a malformed id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "no such recording",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public MediaLink mediaLink(@PathVariable String id, HttpServletRequest request) {
        String known = catalog.get(id).id();
        String url = request.getContextPath() + "/api/recordings/" + known + "/media";
        if (!mediaLinks.signing()) {
            return new MediaLink(url, null);
        }
        MediaLinks.Signed signed = mediaLinks.sign(known);
        return new MediaLink(url + "?exp=" + signed.exp() + "&sig=" + signed.sig(), signed.expiresAt());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a recording: its media file and manifest")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such recording",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "the recording is live: end its session first",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    public ResponseEntity<Void> delete(@PathVariable String id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}
