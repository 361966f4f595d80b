package dev.tributary.ingest.whip;

import dev.tributary.ingest.session.IngestSessions;
import dev.tributary.ingest.session.LiveSession;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The WHIP endpoint and WHIP session resources (RFC 9725).
 *
 * <ul>
 *   <li>{@code POST /whip/{streamKey}} with an {@code application/sdp} offer starts a session:
 *       201 with the answer, {@code Location: /whip/{streamKey}/{sessionId}}, {@code ETag},
 *       {@code Accept-Patch} and the configured ICE servers as {@code Link} headers.
 *   <li>{@code PATCH /whip/{streamKey}/{sessionId}} with {@code application/trickle-ice-sdpfrag}:
 *       trickled candidates (204) or an ICE restart (200 with the answer fragment and a new ETag).
 *       {@code If-Match} is required (428 without it): the current ETag, or {@code *} for a restart
 *       (412 if it names another one).
 *   <li>{@code DELETE /whip/{streamKey}/{sessionId}} ends the session (200).
 *   <li>{@code OPTIONS} on either answers 200 with {@code Allow} and {@code Accept-Post} or
 *       {@code Accept-Patch}; CORS preflights are answered by the CORS configuration.
 * </ul>
 *
 * <p>The session resource sits under its stream key so that PATCH and DELETE are authorised for
 * the same key, with the same token, as the POST that created it; a session id under another key
 * is not found. Every request is checked in the same order: stream-key syntax (400), authorisation
 * (401, before anything depends on whether the stream or session exists), then the resource.
 */
@RestController
@RequestMapping("/whip")
class WhipController {

    static final MediaType SDP = new MediaType("application", "sdp");
    static final MediaType SDP_FRAGMENT = new MediaType("application", "trickle-ice-sdpfrag");

    /** The field that names the media types a resource accepts in a POST (W3C LDP §7.1). */
    static final String ACCEPT_POST = "Accept-Post";

    private static final Pattern STREAM_KEY = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final String ENDPOINT_METHODS = "OPTIONS, POST";
    private static final String SESSION_METHODS = "DELETE, OPTIONS, PATCH";

    private final ObjectProvider<IngestSessions> sessions;
    private final PublishAuthorizer authorizer;
    private final WhipProperties properties;
    private final List<String> iceServerLinks;

    WhipController(ObjectProvider<IngestSessions> sessions, PublishAuthorizer authorizer, WhipProperties properties) {
        this.sessions = sessions;
        this.authorizer = authorizer;
        this.properties = properties;
        this.iceServerLinks = IceServerLinks.of(properties.iceServers());
    }

    @PostMapping("/{streamKey}")
    ResponseEntity<byte[]> publish(@PathVariable String streamKey, HttpServletRequest request) {
        requireStreamKey(streamKey);
        authorize(streamKey, request);
        requireContentType(request, SDP, ACCEPT_POST);
        String offer = readBody(request);
        IngestSessions.Publish published = sessions().publish(streamKey, offer);
        LiveSession session = published.session();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(SDP);
        headers.set(HttpHeaders.LOCATION, request.getContextPath() + "/whip/"
                + UriUtils.encodePathSegment(streamKey, StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(session.id(), StandardCharsets.UTF_8));
        headers.setETag(EntityTags.strong(session.etag()));
        headers.set(HttpHeaders.ACCEPT_PATCH, SDP_FRAGMENT.toString());
        iceServerLinks.forEach(link -> headers.add(HttpHeaders.LINK, link));
        return new ResponseEntity<>(published.answerSdp().getBytes(StandardCharsets.UTF_8), headers, HttpStatus.CREATED);
    }

    @RequestMapping(path = "/{streamKey}", method = RequestMethod.OPTIONS)
    ResponseEntity<Void> endpointOptions(@PathVariable String streamKey) {
        requireStreamKey(streamKey);
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, ENDPOINT_METHODS)
                .header(ACCEPT_POST, SDP.toString())
                .build();
    }

    @RequestMapping("/{streamKey}")
    void endpointOtherMethod(@PathVariable String streamKey, HttpServletRequest request) {
        throw methodNotAllowed(request, ENDPOINT_METHODS);
    }

    @PatchMapping("/{streamKey}/{sessionId}")
    ResponseEntity<byte[]> patch(@PathVariable String streamKey, @PathVariable String sessionId,
            HttpServletRequest request) {
        requireStreamKey(streamKey);
        authorize(streamKey, request);
        LiveSession session = findSession(streamKey, sessionId);
        requireContentType(request, SDP_FRAGMENT, HttpHeaders.ACCEPT_PATCH);
        String current = EntityTags.strong(session.etag());
        EntityTags.Precondition precondition;
        try {
            precondition = EntityTags.ifMatch(Collections.list(request.getHeaders(HttpHeaders.IF_MATCH)), current);
        } catch (IllegalArgumentException e) {
            throw new WhipProblem(HttpStatus.BAD_REQUEST, "Malformed If-Match", e.getMessage());
        }
        switch (precondition) {
            case ABSENT -> throw new WhipProblem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
                    "A PATCH must carry If-Match: the session's current ETag for trickled candidates, "
                            + "or \"*\" for an ICE restart (RFC 9725 §4.3.1).");
            case FAILS -> throw new WhipProblem(HttpStatus.PRECONDITION_FAILED, "ICE session has changed",
                    "If-Match does not name the session's current ETag: the ICE session it refers to "
                            + "was replaced by an ICE restart.");
            case ANY, MATCHES -> { }
        }
        String fragment = readBody(request);
        Optional<String> restartAnswer = sessions().patch(session.id(), fragment);
        if (restartAnswer.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        LiveSession restarted = sessions().find(session.id())
                .orElseThrow(() -> unknownSession());
        return ResponseEntity.ok()
                .contentType(SDP_FRAGMENT)
                .eTag(EntityTags.strong(restarted.etag()))
                .body(restartAnswer.get().getBytes(StandardCharsets.UTF_8));
    }

    @DeleteMapping("/{streamKey}/{sessionId}")
    ResponseEntity<Void> delete(@PathVariable String streamKey, @PathVariable String sessionId,
            HttpServletRequest request) {
        requireStreamKey(streamKey);
        authorize(streamKey, request);
        LiveSession session = findSession(streamKey, sessionId);
        sessions().end(session.id());
        return ResponseEntity.ok().build();
    }

    @RequestMapping(path = "/{streamKey}/{sessionId}", method = RequestMethod.OPTIONS)
    ResponseEntity<Void> sessionOptions(@PathVariable String streamKey, @PathVariable String sessionId) {
        requireStreamKey(streamKey);
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, SESSION_METHODS)
                .header(HttpHeaders.ACCEPT_PATCH, SDP_FRAGMENT.toString())
                .build();
    }

    @RequestMapping("/{streamKey}/{sessionId}")
    void sessionOtherMethod(@PathVariable String streamKey, @PathVariable String sessionId,
            HttpServletRequest request) {
        throw methodNotAllowed(request, SESSION_METHODS);
    }

    @RequestMapping({"", "/", "/**"})
    void nothingHere() {
        throw new WhipProblem(HttpStatus.NOT_FOUND, "No such WHIP resource",
                "WHIP endpoints are /whip/{streamKey}; sessions are at the Location their POST returned.");
    }

    private IngestSessions sessions() {
        IngestSessions available = sessions.getIfAvailable();
        if (available == null) {
            throw new WhipProblem(HttpStatus.SERVICE_UNAVAILABLE, "Ingest not available",
                    "This instance runs no ingest session layer.");
        }
        return available;
    }

    private static void requireStreamKey(String streamKey) {
        if (!STREAM_KEY.matcher(streamKey).matches() || streamKey.equals(".") || streamKey.equals("..")) {
            throw new WhipProblem(HttpStatus.BAD_REQUEST, "Invalid stream key",
                    "A stream key is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-', "
                            + "and not '.' or '..'.");
        }
    }

    private void authorize(String streamKey, HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = bearerToken(authorization);
        if (!authorizer.mayPublish(streamKey, token)) {
            // One response for every refusal, whatever the state of the stream or session.
            throw token == null
                    ? new WhipProblem(HttpStatus.UNAUTHORIZED, "Authentication required",
                            "This stream key requires Authorization: Bearer <token>.")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"whip\"")
                    : new WhipProblem(HttpStatus.UNAUTHORIZED, "Invalid token",
                            "The bearer token does not allow publishing to this stream key.")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"whip\", error=\"invalid_token\"");
        }
    }

    /** The token of an {@code Authorization: Bearer} field (RFC 6750 §2.1), or null. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")
                || value.charAt(6) != ' ') {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private LiveSession findSession(String streamKey, String sessionId) {
        return sessions().find(sessionId)
                .filter(session -> session.streamKey().equals(streamKey))
                .orElseThrow(WhipController::unknownSession);
    }

    static WhipProblem unknownSession() {
        return new WhipProblem(HttpStatus.NOT_FOUND, "No such session",
                "There is no live session at this URL; it may have ended.");
    }

    private static void requireContentType(HttpServletRequest request, MediaType required, String acceptHeader) {
        String contentType = request.getContentType();
        MediaType given = null;
        if (contentType != null) {
            try {
                given = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                given = null;
            }
        }
        if (given == null || !given.equalsTypeAndSubtype(required)) {
            throw new WhipProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "The body must be " + required + ", not " + (contentType == null ? "absent" : contentType) + ".")
                    .header(acceptHeader, required.toString());
        }
    }

    /**
     * Reads the body up to the configured limit: a declared length over it is refused before a
     * byte is read, and a chunked body is read no further than one byte past it.
     */
    private String readBody(HttpServletRequest request) {
        long max = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) max + 1);
        } catch (IOException e) {
            throw new WhipProblem(HttpStatus.BAD_REQUEST, "Unreadable body", "The request body could not be read.");
        }
        if (body.length > max) {
            throw tooLarge(max);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new WhipProblem(HttpStatus.BAD_REQUEST, "Empty body", "The request body is empty.");
        }
        return text;
    }

    private static WhipProblem tooLarge(long max) {
        return new WhipProblem(HttpStatus.CONTENT_TOO_LARGE, "Body too large",
                "The request body exceeds the limit of " + max + " bytes.");
    }

    private static WhipProblem methodNotAllowed(HttpServletRequest request, String allow) {
        return new WhipProblem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                request.getMethod() + " is not supported here; allowed: " + allow + ".")
                .header(HttpHeaders.ALLOW, allow);
    }
}
