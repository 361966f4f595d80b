package dev.tributary.ingest.whip;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authorises each request by asking an HTTP service: POSTs {@code {"streamKey": ..., "token": ...}}
 * ({@code token} is {@code null} without an {@code Authorization} header) as JSON to
 * {@code tributary.publish.auth-webhook-url}. A 2xx answer allows the request, any other status
 * refuses it (401 to the client); no answer within {@code tributary.publish.auth-webhook-timeout},
 * a connection failure or a 5xx make the request fail with 503 rather than guess.
 */
public final class WebhookPublishAuthorizer implements PublishAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(WebhookPublishAuthorizer.class);

    private final URI url;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;

    public WebhookPublishAuthorizer(URI url, Duration timeout, JsonMapper json) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.json = Objects.requireNonNull(json, "json");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean mayPublish(String streamKey, String bearerToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("streamKey", streamKey);
        body.put("token", bearerToken);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new UnavailableException("the publish authorisation service did not answer in " + timeout, e);
        } catch (IOException e) {
            log.warn("Publish authorisation webhook {} failed: {}", url, e.toString());
            throw new UnavailableException("the publish authorisation service cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking the publish authorisation service", e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            log.warn("Publish authorisation webhook {} answered {}", url, status);
            throw new UnavailableException("the publish authorisation service answered " + status);
        }
        return status >= 200 && status < 300;
    }
}
