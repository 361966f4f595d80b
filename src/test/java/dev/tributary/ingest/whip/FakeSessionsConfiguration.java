package dev.tributary.ingest.whip;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a {@link FakeIngestSessions} in front of whatever session layer the application has. */
@TestConfiguration(proxyBeanMethods = false)
class FakeSessionsConfiguration {

    @Bean
    @Primary
    FakeIngestSessions fakeIngestSessions() {
        return new FakeIngestSessions();
    }
}
