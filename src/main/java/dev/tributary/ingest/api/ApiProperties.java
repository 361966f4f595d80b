package dev.tributary.ingest.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The REST API ({@code tributary.api.*}).
 *
 * @param token the bearer token every {@code /api/**} request must carry ({@code Authorization:
 *     Bearer <token>}); unset or blank leaves the API open, and a warning says so at start
 */
@ConfigurationProperties("tributary.api")
public record ApiProperties(String token) {

    /** Whether a token is required. */
    public boolean tokenRequired() {
        return token != null && !token.isBlank();
    }
}
