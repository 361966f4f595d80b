package dev.tributary.ingest.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link Storage} in a bucket of S3 or an S3-compatible object store (MinIO, Ceph, S3Proxy...):
 * the object under key {@code k} is {@code <prefix>k} in the bucket. Files larger than the
 * multipart threshold are uploaded in parts of the configured size, read straight from the file
 * (each part is re-read from the file if the SDK retries it); a failed multipart upload is
 * aborted so that no parts are left behind. A PUT of S3 is atomic, so readers never see a part of
 * an object.
 */
public final class S3Storage implements Storage, AutoCloseable {

    /** S3's smallest part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final long partSize;

    /**
     * Storage over {@code client}, which this storage then owns and closes.
     *
     * @param prefix the prefix of every object name: empty, or a valid key prefix ending in
     *     {@code /} (one is appended if missing)
     * @param multipartThreshold files larger than this many bytes are uploaded in parts
     * @param partSize the size of each part but the last, at least {@link #MIN_PART_SIZE}
     */
    public S3Storage(S3Client client, String bucket, String prefix, long multipartThreshold, long partSize) {
        this.client = Objects.requireNonNull(client, "client");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket is required");
        }
        this.bucket = bucket;
        String p = prefix == null ? "" : prefix;
        this.prefix = p.isEmpty() || p.endsWith("/") ? StorageKeys.requirePrefix(p) : StorageKeys.requirePrefix(p + "/");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least 5 MiB: " + partSize);
        }
        this.multipartThreshold = Math.max(multipartThreshold, 0);
        this.partSize = partSize;
    }

    /**
     * A synchronous S3 client over the JDK's {@code HttpURLConnection}.
     *
     * @param region the region (any for most S3-compatible stores)
     * @param endpoint the endpoint, or null for AWS's
     * @param pathStyleAccess whether the bucket goes in the path rather than the host name
     *     (needed by most S3-compatible stores)
     * @param accessKey the access key, or null/blank to use the SDK's default credential chain
     *     (environment, system properties, profile, container and instance roles)
     * @param secretKey the secret key that goes with {@code accessKey}
     */
    public static S3Client client(String region, URI endpoint, boolean pathStyleAccess, String accessKey,
            String secretKey) {
        AwsCredentialsProvider credentials = accessKey == null || accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyleAccess);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void put(String key, Path file) {
        String name = name(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file, e);
        }
        try {
            if (size <= multipartThreshold) {
                client.putObject(b -> b.bucket(bucket).key(name).contentLength(size), RequestBody.fromFile(file));
            } else {
                putMultipart(name, file, size);
            }
        } catch (SdkException | UncheckedIOException e) {
            throw new StorageException("cannot upload " + key + " to bucket " + bucket, e);
        }
    }

    private void putMultipart(String name, Path file, long size) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < size; offset += partSize, partNumber++) {
                long length = Math.min(partSize, size - offset);
                long from = offset;
                int number = partNumber;
                String etag = client.uploadPart(
                        b -> b.bucket(bucket).key(name).uploadId(uploadId).partNumber(number).contentLength(length),
                        RequestBody.fromContentProvider(() -> slice(file, from, length), length,
                                "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(
                    b -> b.bucket(bucket).key(name).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (SdkException | UncheckedIOException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId));
            } catch (SdkException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new LimitedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        String name = name(key);
        try {
            client.putObject(b -> b.bucket(bucket).key(name).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new StorageException("cannot upload " + key + " to bucket " + bucket, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        FileSystemStorage.checkRange(offset, length);
        String name = name(key);
        long last = offset + length - 1;
        String range = last < offset ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + last;
        try {
            return client.getObject(b -> b.bucket(bucket).key(name).range(range));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchKeyException(key);
            }
            if (e.statusCode() == 416) {
                // The range starts at or after the end: that is an empty read, not an error.
                size(key);
                return InputStream.nullInputStream();
            }
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        } catch (SdkException e) {
            throw new StorageException("cannot read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public long size(String key) {
        String name = name(key);
        try {
            return client.headObject(b -> b.bucket(bucket).key(name)).contentLength();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchKeyException(key);
            }
            throw new StorageException("cannot read the size of " + key + " in bucket " + bucket, e);
        } catch (SdkException e) {
            throw new StorageException("cannot read the size of " + key + " in bucket " + bucket, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            size(key);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        StorageKeys.requirePrefix(keyPrefix);
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()
                    .stream()
                    .map(S3Object::key)
                    .map(k -> k.substring(prefix.length()))
                    .filter(StorageKeys::isValid)
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw new StorageException("cannot list " + keyPrefix + " in bucket " + bucket, e);
        }
    }

    @Override
    public boolean delete(String key) {
        boolean existed = exists(key);
        String name = name(key);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw new StorageException("cannot delete " + key + " from bucket " + bucket, e);
        }
        return existed;
    }

    @Override
    public void close() {
        client.close();
    }

    private String name(String key) {
        return prefix + StorageKeys.require(key);
    }
}
