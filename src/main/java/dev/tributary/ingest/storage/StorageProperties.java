package dev.tributary.ingest.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where recordings go ({@code tributary.storage.*}).
 *
 * @param type {@code filesystem} (default) or {@code s3}
 * @param path the directory of the file system storage
 * @param spoolPath the local directory recordings are written to before their upload; it must
 *     survive a restart of the process (a volume, not a temporary file system) for nothing to be
 *     lost, and belongs to one process
 * @param uploadRetry the delay before retrying a failed upload; it doubles up to a minute
 * @param s3 the S3 settings, used when {@code type} is {@code s3}
 */
@ConfigurationProperties("tributary.storage")
public record StorageProperties(@DefaultValue("filesystem") Type type, @DefaultValue("./recordings") Path path,
        @DefaultValue("./spool") Path spoolPath, @DefaultValue("1s") Duration uploadRetry, @DefaultValue S3 s3) {

    /** The storage backends. */
    public enum Type {
        FILESYSTEM,
        S3
    }

    /**
     * S3 or S3-compatible object storage ({@code tributary.storage.s3.*}).
     *
     * @param bucket the bucket (required), which must exist
     * @param prefix a prefix for every object name, e.g. {@code recordings/}
     * @param region the region
     * @param endpoint the endpoint of an S3-compatible store; unset for AWS
     * @param pathStyleAccess put the bucket in the path rather than the host name (MinIO and most
     *     S3-compatible stores need it)
     * @param accessKey the access key; unset to use the AWS SDK's default credential chain
     *     (environment, system properties, profile files, container and instance roles)
     * @param secretKey the secret key that goes with the access key
     * @param multipartThreshold files larger than this are uploaded in parts
     * @param partSize the size of each part (at least 5MB)
     */
    public record S3(String bucket, @DefaultValue("") String prefix, @DefaultValue("us-east-1") String region,
            URI endpoint, @DefaultValue("false") boolean pathStyleAccess, String accessKey, String secretKey,
            @DefaultValue("64MB") DataSize multipartThreshold, @DefaultValue("16MB") DataSize partSize) {}
}
