package dev.tributary.ingest.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The REST API ({@code tributary.api.*}).
 *
 * @param token the bearer token every {@code /api/**} request must carry ({@code Authorization:
 *     Bearer <token>}); unset or blank leaves the API open, and a warning says so at start
 * @param mediaLinkTtl how long a signed media link ({@code POST /api/recordings/{id}/media-link})
 *     serves its recording without the token; changing the token revokes every link at once
 */
@ConfigurationProperties("tributary.api")
public record ApiProperties(String token, @DefaultValue("PT6H") Duration mediaLinkTtl) {

    /** Whether a token is required. */
    public boolean tokenRequired() {
        return token != null && !token.isBlank();
    }
}
