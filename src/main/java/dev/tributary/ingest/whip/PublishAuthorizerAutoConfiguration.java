package dev.tributary.ingest.whip;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link PublishAuthorizer}: an auto-configuration, so that it backs off whenever the
 * application declares its own authorizer bean, whatever order the beans are defined in.
 */
@AutoConfiguration
@EnableConfigurationProperties(PublishProperties.class)
public class PublishAuthorizerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(PublishAuthorizer.class)
    @ConditionalOnProperty("tributary.publish.auth-webhook-url")
    WebhookPublishAuthorizer webhookPublishAuthorizer(PublishProperties properties, JsonMapper json) {
        return new WebhookPublishAuthorizer(properties.authWebhookUrl(), properties.authWebhookTimeout(), json);
    }

    @Bean
    @ConditionalOnMissingBean(PublishAuthorizer.class)
    TokenPublishAuthorizer tokenPublishAuthorizer(PublishProperties properties) {
        return new TokenPublishAuthorizer(properties);
    }
}
