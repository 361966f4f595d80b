package dev.tributary.ingest.storage;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Storage} that {@code tributary.storage.type} selects, and the upload {@link Spool}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /** The storage; an {@link S3Storage} is closed with the context. */
    @Bean
    public Storage storage(StorageProperties properties) {
        return switch (properties.type()) {
            case FILESYSTEM -> {
                log.info("Recordings are stored in {}", properties.path().toAbsolutePath().normalize());
                yield new FileSystemStorage(properties.path());
            }
            case S3 -> {
                StorageProperties.S3 s3 = properties.s3();
                log.info("Recordings are stored in S3 bucket {} under prefix '{}'{}", s3.bucket(), s3.prefix(),
                        s3.endpoint() == null ? "" : " at " + s3.endpoint());
                yield new S3Storage(
                        S3Storage.client(s3.region(), s3.endpoint(), s3.pathStyleAccess(), s3.accessKey(),
                                s3.secretKey()),
                        s3.bucket(), s3.prefix(), s3.multipartThreshold().toBytes(), s3.partSize().toBytes());
            }
        };
    }

    /** The spool; closing it stops uploads, what is left is uploaded at the next start. */
    @Bean
    public Spool spool(StorageProperties properties, Storage storage) {
        return new Spool(properties.spoolPath(), storage, properties.uploadRetry(),
                Duration.ofMinutes(1).compareTo(properties.uploadRetry()) < 0 ? properties.uploadRetry()
                        : Duration.ofMinutes(1));
    }
}
