package dev.tributary.ingest.whip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class PublishAuthorizersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer webhook;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopWebhook() {
        release.countDown();
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    private static PublishProperties tokens(String token, Map<String, String> perStream) {
        return new PublishProperties(token, perStream, null, Duration.ofSeconds(2));
    }

    @Test
    void theSharedTokenPublishesToEveryKey() {
        TokenPublishAuthorizer authorizer = new TokenPublishAuthorizer(tokens("s3cret", Map.of()));

        assertThat(authorizer.isOpen()).isFalse();
        assertThat(authorizer.mayPublish("cam1", "s3cret")).isTrue();
        assertThat(authorizer.mayPublish("cam2", "s3cret")).isTrue();
        assertThat(authorizer.mayPublish("cam1", "s3cre")).isFalse();
        assertThat(authorizer.mayPublish("cam1", "s3cret ")).isFalse();
        assertThat(authorizer.mayPublish("cam1", null)).isFalse();
    }

    @Test
    void aPerStreamTokenPublishesToItsKeyOnlyAndOtherKeysStayClosed() {
        TokenPublishAuthorizer authorizer = new TokenPublishAuthorizer(tokens(null, Map.of("cam.1", "one")));

        assertThat(authorizer.mayPublish("cam.1", "one")).isTrue();
        assertThat(authorizer.mayPublish("cam.2", "one")).isFalse();
        assertThat(authorizer.mayPublish("cam.2", null)).isFalse();
    }

    @Test
    void withNoTokenPublishingIsOpenAndSaysSo(CapturedOutput output) {
        TokenPublishAuthorizer authorizer = new TokenPublishAuthorizer(tokens("", Map.of()));

        assertThat(authorizer.isOpen()).isTrue();
        assertThat(authorizer.mayPublish("cam1", null)).isTrue();
        assertThat(output).contains("WARN").contains("No publish token is configured");
    }

    @Test
    void withATokenNothingIsLoggedAsOpen(CapturedOutput output) {
        new TokenPublishAuthorizer(tokens("s3cret", Map.of()));

        assertThat(output).doesNotContain("No publish token is configured");
    }

    @Test
    void theBearerTokenIsTakenFromTheAuthorizationField() {
        assertThat(WhipController.bearerToken("Bearer abc.def")).isEqualTo("abc.def");
        assertThat(WhipController.bearerToken("bearer   abc ")).isEqualTo("abc");
        assertThat(WhipController.bearerToken("Basic dXNlcjpwYXNz")).isNull();
        assertThat(WhipController.bearerToken("Bearer")).isNull();
        assertThat(WhipController.bearerToken("Bearer ")).isNull();
        assertThat(WhipController.bearerToken("Bearerabc")).isNull();
        assertThat(WhipController.bearerToken(null)).isNull();
    }

    private URI startWebhook(int status, List<JsonNode> requests, boolean hang) throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/authorize", exchange -> {
            requests.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        return URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/authorize");
    }

    @Test
    void theWebhookIsAskedWithTheKeyAndTokenAnd2xxAllows() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        WebhookPublishAuthorizer authorizer =
                new WebhookPublishAuthorizer(startWebhook(204, requests, false), Duration.ofSeconds(2), JSON);

        assertThat(authorizer.mayPublish("cam1", "tok")).isTrue();
        assertThat(authorizer.mayPublish("cam2", null)).isTrue();

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("streamKey").asString()).isEqualTo("cam1");
        assertThat(requests.get(0).get("token").asString()).isEqualTo("tok");
        assertThat(requests.get(1).get("token").isNull()).isTrue();
    }

    @Test
    void aWebhookRefusalDenies() throws Exception {
        WebhookPublishAuthorizer authorizer = new WebhookPublishAuthorizer(
                startWebhook(403, new CopyOnWriteArrayList<>(), false), Duration.ofSeconds(2), JSON);

        assertThat(authorizer.mayPublish("cam1", "tok")).isFalse();
    }

    @Test
    void aFailingOrSlowWebhookMakesTheDecisionUnavailable() throws Exception {
        WebhookPublishAuthorizer failing = new WebhookPublishAuthorizer(
                startWebhook(500, new CopyOnWriteArrayList<>(), false), Duration.ofSeconds(2), JSON);
        assertThatThrownBy(() -> failing.mayPublish("cam1", "tok"))
                .isInstanceOf(PublishAuthorizer.UnavailableException.class).hasMessageContaining("500");
        webhook.stop(0);

        WebhookPublishAuthorizer slow = new WebhookPublishAuthorizer(
                startWebhook(204, new CopyOnWriteArrayList<>(), true), Duration.ofMillis(200), JSON);
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.mayPublish("cam1", "tok"))
                .isInstanceOf(PublishAuthorizer.UnavailableException.class).hasMessageContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnreachableWebhookMakesTheDecisionUnavailable() throws Exception {
        startWebhook(204, new CopyOnWriteArrayList<>(), false);
        URI url = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/authorize");
        webhook.stop(0);
        webhook = null;
        WebhookPublishAuthorizer authorizer = new WebhookPublishAuthorizer(url, Duration.ofSeconds(2), JSON);

        assertThatThrownBy(() -> authorizer.mayPublish("cam1", "tok"))
                .isInstanceOf(PublishAuthorizer.UnavailableException.class);
    }
}
