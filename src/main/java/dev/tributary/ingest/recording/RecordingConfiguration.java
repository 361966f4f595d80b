package dev.tributary.ingest.recording;

import dev.tributary.ingest.storage.Spool;
import dev.tributary.ingest.storage.Storage;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recording catalog, started (recovered) before anything can use it. */
@Configuration(proxyBeanMethods = false)
public class RecordingConfiguration {

    @Bean
    public RecordingCatalog recordingCatalog(Storage storage, Spool spool) {
        RecordingCatalog catalog = new RecordingCatalog(storage, spool, Clock.systemUTC());
        catalog.start();
        return catalog;
    }
}
