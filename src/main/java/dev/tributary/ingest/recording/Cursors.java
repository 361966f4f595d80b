package dev.tributary.ingest.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors: the position of the last item of a page (its start instant and id)
 * and a digest of the query, authenticated with HMAC-SHA256 under a key of this process. A cursor
 * that was altered, or is used with another filter than the one that made it, is rejected; so is
 * one from before a restart (the client lists again from the first page).
 */
final class Cursors {

    private static final int MAC_LENGTH = 16;
    private static final int QUERY_DIGEST_LENGTH = 8;

    private final SecretKeySpec key;

    Cursors() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A position in the newest-first order. */
    record Position(Instant startedAt, String id) implements Comparable<Position> {

        static Position of(RecordingManifest m) {
            return new Position(m.startedAt(), m.id());
        }

        @Override
        public int compareTo(Position o) {
            int byTime = o.startedAt.compareTo(startedAt);
            return byTime != 0 ? byTime : o.id.compareTo(id);
        }
    }

    String encode(Position after, RecordingQuery query) {
        byte[] id = after.id().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(8 + 4 + id.length + QUERY_DIGEST_LENGTH);
        body.putLong(after.startedAt().getEpochSecond()).putInt(after.startedAt().getNano()).put(id)
                .put(digest(query));
        byte[] payload = body.array();
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_LENGTH);
        System.arraycopy(mac(payload), 0, token, payload.length, MAC_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    Position decode(String cursor, RecordingQuery query) {
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int payloadLength = token.length - MAC_LENGTH;
        if (payloadLength != 8 + 4 + 26 + QUERY_DIGEST_LENGTH) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOf(token, payloadLength);
        byte[] mac = Arrays.copyOfRange(token, payloadLength, token.length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_LENGTH))) {
            throw invalid();
        }
        ByteBuffer body = ByteBuffer.wrap(payload);
        long seconds = body.getLong();
        int nanos = body.getInt();
        byte[] id = new byte[26];
        body.get(id);
        byte[] queryDigest = new byte[QUERY_DIGEST_LENGTH];
        body.get(queryDigest);
        if (!MessageDigest.isEqual(queryDigest, digest(query))) {
            throw new CatalogException(CatalogException.Reason.INVALID_CURSOR,
                    "the cursor belongs to a listing with other filters");
        }
        return new Position(Instant.ofEpochSecond(seconds, nanos), new String(id, StandardCharsets.US_ASCII));
    }

    private static CatalogException invalid() {
        return new CatalogException(CatalogException.Reason.INVALID_CURSOR,
                "invalid cursor: pass nextCursor from the previous page unchanged");
    }

    private static byte[] digest(RecordingQuery query) {
        String text = Objects.toString(query.streamKey()) + '\0' + Objects.toString(query.state()) + '\0'
                + Objects.toString(query.from()) + '\0' + Objects.toString(query.to());
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)),
                    QUERY_DIGEST_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("SHA-256 is a required JDK algorithm", e);
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("HmacSHA256 is a required JDK algorithm", e);
        }
    }
}
