package dev.tributary.ingest.storage;

import java.util.regex.Pattern;

/**
 * The keys every {@link Storage} accepts: one to eight {@code /}-separated segments of letters,
 * digits, {@code .}, {@code _} and {@code -}, each starting with a letter or digit, 512 characters
 * at most. So a key is also a safe relative file path on every file system: no {@code ..}, no
 * absolute path, no hidden file, no backslash, no empty segment; and names starting with a dot
 * are free for an implementation's own temporary files.
 */
public final class StorageKeys {

    private static final Pattern KEY =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}");
    private static final Pattern PREFIX =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}/?)?");
    private static final int MAX_LENGTH = 512;

    private StorageKeys() {}

    /** Whether {@code key} is a valid key. */
    public static boolean isValid(String key) {
        return key != null && key.length() <= MAX_LENGTH && KEY.matcher(key).matches();
    }

    /**
     * Returns {@code key} if valid.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("invalid storage key: " + printable(key));
        }
        return key;
    }

    /**
     * Returns {@code prefix} if it is empty, or the start of a valid key (whole segments, or a
     * segment cut short, optionally ending with {@code /}).
     *
     * @throws IllegalArgumentException if it is not
     */
    public static String requirePrefix(String prefix) {
        if (prefix == null || prefix.length() > MAX_LENGTH || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("invalid storage key prefix: " + printable(prefix));
        }
        return prefix;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return '"' + cut.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
