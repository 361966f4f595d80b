package dev.tributary.ingest.whip;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may publish ({@code tributary.publish.*}). Read by the default {@link PublishAuthorizer}s; a
 * deployment that declares its own {@link PublishAuthorizer} bean ignores them.
 *
 * @param token a bearer token that may publish to every stream key; none by default
 * @param tokens bearer tokens per stream key ({@code tributary.publish.tokens.<streamKey>}, with
 *     brackets around keys that contain dots: {@code tributary.publish.tokens.[cam.1]})
 * @param authWebhookUrl when set, every publish is authorised by POSTing
 *     {@code {"streamKey": ..., "token": ...}} to this URL instead: a 2xx answer allows it
 * @param authWebhookTimeout how long the webhook may take before the publish is refused with 503
 */
@ConfigurationProperties("tributary.publish")
public record PublishProperties(
        String token,
        @DefaultValue Map<String, String> tokens,
        URI authWebhookUrl,
        @DefaultValue("2s") Duration authWebhookTimeout) {

    public PublishProperties {
        tokens = Map.copyOf(tokens);
        Objects.requireNonNull(authWebhookTimeout, "authWebhookTimeout");
        if (authWebhookTimeout.isNegative() || authWebhookTimeout.isZero()) {
            throw new IllegalArgumentException("tributary.publish.auth-webhook-timeout must be positive");
        }
        if (authWebhookUrl != null && !("http".equals(authWebhookUrl.getScheme())
                || "https".equals(authWebhookUrl.getScheme()))) {
            throw new IllegalArgumentException("tributary.publish.auth-webhook-url must be an http(s) URL");
        }
    }
}
