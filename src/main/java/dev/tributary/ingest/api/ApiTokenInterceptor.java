package dev.tributary.ingest.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request through only if it carries the API token as a bearer token, or if it fetches a
 * recording's media through a valid signed link ({@link MediaLinks}); else answers 401 with a
 * problem detail and a {@code WWW-Authenticate} challenge. Tokens are compared in constant time
 * (over their SHA-256 digests, so not even the length leaks).
 */
final class ApiTokenInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";
    private static final Pattern MEDIA = Pattern.compile("/api/recordings/([^/]+)/media");

    private final byte[] expectedDigest;
    private final MediaLinks mediaLinks;

    ApiTokenInterceptor(String token, MediaLinks mediaLinks) {
        this.expectedDigest = sha256(token);
        this.mediaLinks = mediaLinks;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String detail;
        Matcher media = MEDIA.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        boolean link = authorization == null && media.matches() && "GET".equals(request.getMethod())
                && (request.getParameter("sig") != null || request.getParameter("exp") != null);
        if (link) {
            if (mediaLinks.verify(media.group(1), request.getParameter("exp"), request.getParameter("sig"))) {
                return true;
            }
            detail = "the media link is not valid or has expired: ask for a new one";
        } else if (authorization == null) {
            detail = "this API requires a bearer token (Authorization: Bearer <token>)";
        } else if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(BEARER.length()).strip()))) {
            return true;
        } else {
            detail = "the bearer token is not valid";
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tributary\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail + "\",\"instance\":\"" + jsonEscape(request.getRequestURI()) + "\"}");
        return false;
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is a required JDK algorithm", e);
        }
    }
}
