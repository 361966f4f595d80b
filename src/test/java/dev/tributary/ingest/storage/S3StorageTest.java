package dev.tributary.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3Storage} against a real S3 server: S3Proxy on 127.0.0.1 with its in-memory backend. */
class S3StorageTest {

    private static final String ACCESS_KEY = "tributary";
    private static final String SECRET_KEY = "tributary-secret";
    private static final long MIB = 1024 * 1024;

    static S3Proxy proxy;
    static URI endpoint;

    @TempDir
    Path dir;

    S3Client client;
    S3Storage storage;
    String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    @BeforeEach
    void bucket() {
        client = S3Storage.client("us-east-1", endpoint, true, ACCESS_KEY, SECRET_KEY);
        bucket = "b" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
        client.createBucket(b -> b.bucket(bucket));
        storage = new S3Storage(client, bucket, "recordings", 6 * MIB, 5 * MIB);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void putsReadsListsAndDeletesUnderThePrefix() throws IOException {
        Path file = Files.write(dir.resolve("f.webm"), bytes(100_000, 1));
        storage.put("abc.webm", file);
        storage.put("abc.json", "{\"a\":1}".getBytes());
        storage.put("sub/x.json", new byte[] {1, 2, 3});

        assertThat(read(storage.open("abc.webm"))).isEqualTo(bytes(100_000, 1));
        assertThat(storage.size("abc.webm")).isEqualTo(100_000);
        assertThat(storage.exists("abc.json")).isTrue();
        assertThat(storage.list("")).containsExactly("abc.json", "abc.webm", "sub/x.json");
        assertThat(storage.list("abc.")).containsExactly("abc.json", "abc.webm");
        assertThat(storage.list("sub/")).containsExactly("sub/x.json");
        assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key())
                .containsExactlyInAnyOrder("recordings/abc.webm", "recordings/abc.json", "recordings/sub/x.json");

        assertThat(storage.delete("abc.webm")).isTrue();
        assertThat(storage.delete("abc.webm")).isFalse();
        assertThat(storage.exists("abc.webm")).isFalse();
        assertThat(storage.list("")).containsExactly("abc.json", "sub/x.json");
    }

    @Test
    void readsByteRangesWithoutTheRest() throws IOException {
        byte[] all = bytes(50_000, 2);
        storage.put("r.mp4", all);
        assertThat(read(storage.open("r.mp4", 0, 1))).containsExactly(all[0]);
        assertThat(read(storage.open("r.mp4", 1234, 4321))).isEqualTo(Arrays.copyOfRange(all, 1234, 1234 + 4321));
        assertThat(read(storage.open("r.mp4", 49_990, 100))).isEqualTo(Arrays.copyOfRange(all, 49_990, 50_000));
        assertThat(read(storage.open("r.mp4", 49_990, Long.MAX_VALUE))).hasSize(10);
        assertThat(read(storage.open("r.mp4", 50_000, 10))).isEmpty();
    }

    @Test
    void missingObjectsAreNoSuchKey() {
        assertThatThrownBy(() -> storage.open("none.webm")).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> storage.open("none.webm", 10, 10)).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> storage.size("none.webm")).isInstanceOf(NoSuchKeyException.class);
        assertThat(storage.exists("none.webm")).isFalse();
        assertThat(storage.delete("none.webm")).isFalse();
    }

    @Test
    void uploadsLargeFilesInPartsAndLeavesNoUploadOpen() throws IOException {
        int size = (int) (12 * MIB + 123);
        byte[] content = bytes(size, 3);
        Path file = Files.write(dir.resolve("big.webm"), content);
        storage.put("big.webm", file);

        assertThat(storage.size("big.webm")).isEqualTo(size);
        assertThat(read(storage.open("big.webm"))).isEqualTo(content);
        assertThat(read(storage.open("big.webm", 5 * MIB - 10, 20)))
                .as("across the first part boundary")
                .isEqualTo(Arrays.copyOfRange(content, (int) (5 * MIB - 10), (int) (5 * MIB + 10)));
        String etag = client.headObject(b -> b.bucket(bucket).key("recordings/big.webm")).eTag();
        assertThat(etag).as("a multipart ETag names its part count").endsWith("-3\"");
        assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void aFailedUploadIsAStorageException() throws IOException {
        S3Storage noBucket = new S3Storage(
                S3Storage.client("us-east-1", endpoint, true, ACCESS_KEY, SECRET_KEY), "missing-bucket", "", 6 * MIB,
                5 * MIB);
        Path file = Files.write(dir.resolve("f"), bytes(10, 4));
        assertThatThrownBy(() -> noBucket.put("f.webm", file)).isInstanceOf(StorageException.class)
                .isNotInstanceOf(NoSuchKeyException.class);
        S3Storage wrongSecret = new S3Storage(
                S3Storage.client("us-east-1", endpoint, true, ACCESS_KEY, "wrong"), bucket, "", 6 * MIB, 5 * MIB);
        assertThatThrownBy(() -> wrongSecret.put("f.webm", file)).isInstanceOf(StorageException.class);
    }

    @Test
    void rejectsInvalidKeysAndSettings() {
        assertThatThrownBy(() -> storage.put("../x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.open("/abs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Storage(client, bucket, "", 0, MIB)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Storage(client, " ", "", 0, 5 * MIB)).isInstanceOf(IllegalArgumentException.class);
    }
}
