package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.RecordingCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session layer: live sessions recording into the catalog. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionConfiguration {

    @Bean
    public SessionService ingestSessions(SessionProperties properties, RecordingCatalog catalog,
            MeterRegistry registry) {
        return new SessionService(properties, new CatalogRecordings(catalog), new SessionMetrics(registry));
    }
}
