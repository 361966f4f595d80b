package dev.tributary.ingest.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhooks of recording events ({@code tributary.webhooks.*}).
 *
 * @param urls where every event is POSTed; none: no webhooks
 * @param secret the HMAC-SHA256 key of the signature header; unset: events go unsigned
 * @param maxAttempts attempts per event and URL, the first included
 * @param initialBackoff the wait before the second attempt; each further wait doubles
 * @param maxBackoff the longest wait between attempts
 * @param timeout how long one attempt may take (connecting and the response)
 */
@ConfigurationProperties("tributary.webhooks")
public record WebhookProperties(@DefaultValue List<URI> urls, String secret, @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff, @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue("5s") Duration timeout) {

    public WebhookProperties {
        urls = List.copyOf(urls);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tributary.webhooks.max-attempts must be at least 1");
        }
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("tributary.webhooks.urls: not an http(s) URL: " + url);
            }
        }
    }
}
