package dev.tributary.ingest.recording;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Recording ids: 26 characters of lower-case Crockford base32 (ULID-like), the first ten encoding
 * the creation time in milliseconds, the other sixteen 80 random bits. URL- and file-name-safe by
 * construction; anything else is rejected wherever an id comes in.
 */
public final class RecordingIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern ID = Pattern.compile("[0-9a-hjkmnp-tv-z]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordingIds() {}

    /** A new id for a recording started at {@code now}. */
    public static String generate(Instant now) {
        char[] id = new char[26];
        long millis = now.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (random[i] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            id[17 - i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
            id[25 - i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(id);
    }

    /** Whether {@code id} is a well-formed recording id. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Returns {@code id} if it is well-formed.
     *
     * @throws CatalogException with reason {@code INVALID_ID} if it is not
     */
    public static String require(String id) {
        if (!isValid(id)) {
            throw new CatalogException(CatalogException.Reason.INVALID_ID,
                    "malformed recording id: expected 26 characters of lower-case base32");
        }
        return id;
    }
}
