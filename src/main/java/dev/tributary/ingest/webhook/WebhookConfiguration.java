package dev.tributary.ingest.webhook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Recording events to the configured webhook URLs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    public WebhookSender webhookSender(WebhookProperties properties) {
        return new WebhookSender(properties);
    }
}
