package dev.tributary.ingest.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed media links: a URL that serves one recording's media without an {@code Authorization}
 * header until it expires, for a {@code <video>} element or a download link, which cannot send one.
 *
 * <p>The signature is {@code base64url(HMAC-SHA256(key, id + "\n" + exp))} without padding, where
 * {@code exp} is the expiry in Unix seconds and the key is {@code SHA-256("tributary media link\n" +
 * apiToken)}: changing the API token revokes every link, and a link signs neither another recording
 * nor another expiry.
 */
final class MediaLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Null when the API is open: then there is nothing to sign and the plain URL works. */
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param apiToken the API token the key derives from, or null or blank when the API is open
     * @param ttl how long a link works; positive
     * @param clock what "now" is
     */
    MediaLinks(String apiToken, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("tributary.api.media-link-ttl must be positive: " + ttl);
        }
        this.key = apiToken == null || apiToken.isBlank() ? null
                : new SecretKeySpec(sha256("tributary media link\n" + apiToken), ALGORITHM);
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether links are signed: false when the API is open. */
    boolean signing() {
        return key != null;
    }

    /** A link's query: its expiry (Unix seconds) and signature, and the expiry as an instant. */
    record Signed(long exp, String sig) {
        Instant expiresAt() {
            return Instant.ofEpochSecond(exp);
        }
    }

    /**
     * Signs recording {@code id}'s media for {@code ttl} from now.
     *
     * @throws IllegalStateException if the API is open ({@link #signing()} is false)
     */
    Signed sign(String id) {
        if (key == null) {
            throw new IllegalStateException("the API is open: media links are not signed");
        }
        long exp = clock.instant().plus(ttl).getEpochSecond();
        return new Signed(exp, signature(id, exp));
    }

    /**
     * Whether {@code sig} signs {@code id} until {@code exp} and {@code exp} is still in the future.
     * The signature is compared in constant time.
     *
     * @param id the recording id as it came in the path
     * @param exp the {@code exp} query parameter, or null
     * @param sig the {@code sig} query parameter, or null
     * @return true when the link is valid now
     */
    boolean verify(String id, String exp, String sig) {
        if (key == null || id == null || exp == null || sig == null || exp.isEmpty() || exp.length() > 18
                || !exp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long expiry = Long.parseLong(exp);
        byte[] expected = signature(id, expiry).getBytes(StandardCharsets.US_ASCII);
        boolean signed = MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.UTF_8));
        return signed && clock.instant().getEpochSecond() < expiry;
    }

    private String signature(String id, long exp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return BASE64URL.encodeToString(mac.doFinal((id + "\n" + exp).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new AssertionError("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is a required JDK algorithm", e);
        }
    }
}
