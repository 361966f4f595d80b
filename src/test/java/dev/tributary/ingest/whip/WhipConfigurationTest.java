package dev.tributary.ingest.whip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class WhipConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PublishAuthorizerAutoConfiguration.class))
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void tokensAreTheDefault() {
        runner.withPropertyValues("tributary.publish.token=t").run(context ->
                assertThat(context).getBean(PublishAuthorizer.class).isInstanceOf(TokenPublishAuthorizer.class));
    }

    @Test
    void aWebhookUrlSelectsTheWebhook() {
        runner.withPropertyValues("tributary.publish.auth-webhook-url=http://127.0.0.1:9/authorize").run(context ->
                assertThat(context).getBean(PublishAuthorizer.class).isInstanceOf(WebhookPublishAuthorizer.class));
    }

    @Test
    void theApplicationsOwnAuthorizerReplacesTheDefault() {
        PublishAuthorizer own = (streamKey, token) -> streamKey.startsWith("public-");
        runner.withBean(PublishAuthorizer.class, () -> own)
                .withPropertyValues("tributary.publish.auth-webhook-url=http://127.0.0.1:9/authorize")
                .run(context -> assertThat(context).getBean(PublishAuthorizer.class).isSameAs(own));
    }

    @Test
    void aWebhookUrlMustBeHttp() {
        runner.withPropertyValues("tributary.publish.auth-webhook-url=ftp://example.org/x").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void iceServersNeedStunOrTurnUrlsAndBothCredentialsOrNone() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new WhipProperties.IceServer(List.of("http://stun.example.net"), null, null));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new WhipProperties.IceServer(List.of("turn:t.example.net"), "user", null));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new WhipProperties.IceServer(List.of(), null, null));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new WhipProperties.IceServer(List.of("turn:t.example.net"), "user", "pa\r\nss"));
        assertThat(new WhipProperties.IceServer(List.of("turns:t.example.net:5349?transport=tcp"), "u", "p").urls())
                .hasSize(1);
    }
}
