package dev.tributary.ingest.webhook;

import dev.tributary.ingest.recording.RecordingListener;
import dev.tributary.ingest.recording.RecordingManifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs recording events to the configured URLs: {@code recording.started},
 * {@code recording.completed} and {@code recording.failed}.
 *
 * <p>The body is JSON: {@code {"type": "recording.completed", "id": "<event id>", "time":
 * "<ISO-8601 instant>", "recording": <the recording's manifest>}}. Each event is sent to each URL
 * on a virtual thread of its own, so the caller (a session) never waits; an attempt fails on a
 * connection error, a timeout, HTTP 408, 429 or 5xx, and is then repeated after a wait that
 * starts at {@code initialBackoff} and doubles up to {@code maxBackoff}, at most
 * {@code maxAttempts} times in all. Other answers than 2xx end the delivery at once. Receivers
 * must be idempotent: a retry repeats the event id.
 *
 * <p><b>Signature.</b> With a secret configured, every attempt carries
 * <pre>
 * X-Tributary-Timestamp: &lt;Unix time of the attempt, in seconds&gt;
 * X-Tributary-Signature: sha256=&lt;lower-case hex HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 * A receiver recomputes the HMAC over the timestamp header's value, a full stop and the raw body
 * bytes, compares it in constant time, and rejects a timestamp more than a few minutes from its
 * own clock, so that a captured request cannot be replayed later. Every request also carries
 * {@code X-Tributary-Event} (the type) and {@code X-Tributary-Delivery} (the event id).
 *
 * <p>{@link #close()} drops the retries still waiting and gives attempts in flight up to the
 * attempt timeout to end.
 */
public final class WebhookSender implements RecordingListener, AutoCloseable {

    /** The header with the signature. */
    public static final String SIGNATURE_HEADER = "X-Tributary-Signature";
    /** The header with the signed timestamp. */
    public static final String TIMESTAMP_HEADER = "X-Tributary-Timestamp";
    /** The header with the event type. */
    public static final String EVENT_HEADER = "X-Tributary-Event";
    /** The header with the event id. */
    public static final String DELIVERY_HEADER = "X-Tributary-Delivery";

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final String HMAC = "HmacSHA256";

    private final WebhookProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webhook-retries").factory());

    /** One event as sent. */
    record Event(String type, String id, Instant time, RecordingManifest recording) {}

    public WebhookSender(WebhookProperties properties) {
        this(properties, Clock.systemUTC());
    }

    WebhookSender(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        if (!properties.urls().isEmpty() && (properties.secret() == null || properties.secret().isEmpty())) {
            log.warn("Webhooks are sent unsigned: tributary.webhooks.secret is not set");
        }
    }

    @Override
    public void started(RecordingManifest manifest) {
        send("recording.started", manifest);
    }

    @Override
    public void completed(RecordingManifest manifest) {
        send("recording.completed", manifest);
    }

    @Override
    public void failed(RecordingManifest manifest) {
        send("recording.failed", manifest);
    }

    /** Queues the event for every URL; returns at once and never throws. */
    void send(String type, RecordingManifest manifest) {
        if (properties.urls().isEmpty()) {
            return;
        }
        try {
            Event event = new Event(type, UUID.randomUUID().toString(), clock.instant(), manifest);
            byte[] body = json.writeValueAsBytes(event);
            for (URI url : properties.urls()) {
                submit(new Delivery(url, event, body), 1);
            }
        } catch (RuntimeException e) {
            log.error("Webhook {} of recording {} not sent", type, manifest.id(), e);
        }
    }

    private record Delivery(URI url, Event event, byte[] body) {}

    private void submit(Delivery delivery, int attempt) {
        try {
            attempts.execute(() -> attempt(delivery, attempt));
        } catch (RejectedExecutionException e) {
            log.warn("Webhook {} to {} dropped: shutting down", delivery.event.type(), delivery.url);
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        String outcome;
        boolean retry;
        try {
            HttpResponse<Void> response = http.send(request(delivery), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                log.debug("Webhook {} {} delivered to {} (attempt {})", delivery.event.type(), delivery.event.id(),
                        delivery.url, attempt);
                return;
            }
            outcome = "HTTP " + status;
            retry = status == 408 || status == 429 || status >= 500;
        } catch (IOException e) {
            outcome = e.toString();
            retry = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Webhook {} to {} abandoned: shutting down", delivery.event.type(), delivery.url);
            return;
        }
        if (!retry || attempt >= properties.maxAttempts()) {
            log.warn("Webhook {} {} to {} failed after {} attempt(s): {}", delivery.event.type(),
                    delivery.event.id(), delivery.url, attempt, outcome);
            return;
        }
        Duration wait = backoff(attempt);
        log.info("Webhook {} to {} failed ({}), attempt {} of {} in {} ms", delivery.event.type(), delivery.url,
                outcome, attempt + 1, properties.maxAttempts(), wait.toMillis());
        try {
            retries.schedule(() -> submit(delivery, attempt + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Webhook {} to {} dropped: shutting down", delivery.event.type(), delivery.url);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt−1), capped. */
    Duration backoff(int attempt) {
        Duration max = properties.maxBackoff();
        Duration wait = properties.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private HttpRequest request(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tributary-Webhooks")
                .header(EVENT_HEADER, delivery.event.type())
                .header(DELIVERY_HEADER, delivery.event.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
        String secret = properties.secret();
        if (secret != null && !secret.isEmpty()) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, delivery.body));
        }
        return request.build();
    }

    /** The lower-case hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every JDK has HmacSHA256, and any non-empty key is valid for it
            throw new IllegalArgumentException("cannot sign with HMAC-SHA256", e);
        }
    }

    /** Drops the retries still waiting; attempts in flight get up to the attempt timeout. */
    @Override
    public void close() {
        int dropped = retries.shutdownNow().size();
        if (dropped > 0) {
            log.warn("{} webhook retr{} dropped at shutdown", dropped, dropped == 1 ? "y" : "ies");
        }
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.shutdownNow();
        }
        http.close();
    }
}
