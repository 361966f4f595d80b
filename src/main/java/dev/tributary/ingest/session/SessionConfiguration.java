package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.RecordingCatalog;
import dev.tributary.ingest.recording.RecordingListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session layer: live sessions recording into the catalog. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionConfiguration {

    /**
     * @param listeners told of every recording's start and end (the webhooks)
     */
    @Bean
    public SessionService ingestSessions(SessionProperties properties, RecordingCatalog catalog,
            MeterRegistry registry, ObjectProvider<RecordingListener> listeners) {
        return new SessionService(properties, new CatalogRecordings(catalog, listeners.orderedStream().toList()),
                new SessionMetrics(registry));
    }
}
