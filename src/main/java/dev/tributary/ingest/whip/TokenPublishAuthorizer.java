package dev.tributary.ingest.whip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorises by shared bearer tokens: {@code tributary.publish.token} for every stream key, and
 * {@code tributary.publish.tokens.<streamKey>} for one. A request may publish if its token equals
 * either. With no token configured at all publishing is open, which is logged as a warning when
 * the service starts. Tokens are compared through their SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken says nothing about how much of a token matched
 * or how long the configured one is.
 */
public final class TokenPublishAuthorizer implements PublishAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(TokenPublishAuthorizer.class);

    private final byte[] anyStreamDigest;
    private final Map<String, byte[]> streamDigests = new HashMap<>();
    private final boolean open;

    public TokenPublishAuthorizer(PublishProperties properties) {
        String token = properties.token();
        this.anyStreamDigest = token == null || token.isEmpty() ? null : sha256(token);
        properties.tokens().forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                streamDigests.put(key, sha256(value));
            }
        });
        this.open = anyStreamDigest == null && streamDigests.isEmpty();
        if (open) {
            log.warn("No publish token is configured (tributary.publish.token, tributary.publish.tokens.<key>): "
                    + "anyone who can reach the WHIP endpoint can publish to any stream key");
        }
    }

    /** Whether publishing is open to anyone because no token is configured. */
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean mayPublish(String streamKey, String bearerToken) {
        if (open) {
            return true;
        }
        if (bearerToken == null) {
            return false;
        }
        byte[] presented = sha256(bearerToken);
        // Both comparisons always run: which one matched must not show in the timing either.
        boolean any = anyStreamDigest != null && MessageDigest.isEqual(presented, anyStreamDigest);
        byte[] perStream = streamDigests.get(streamKey);
        boolean stream = perStream != null && MessageDigest.isEqual(presented, perStream);
        return any | stream;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
