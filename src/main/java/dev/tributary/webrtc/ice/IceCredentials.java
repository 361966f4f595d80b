package dev.tributary.webrtc.ice;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The ICE username fragment and password of one side (RFC 8445 §5.3, RFC 8839 §5.4).
 *
 * @param ufrag 4..256 ice-chars
 * @param pwd 22..256 ice-chars
 */
public record IceCredentials(String ufrag, String pwd) {

    /** Length of a generated ufrag: 48 random bits, so sessions sharing a port rarely collide. */
    public static final int GENERATED_UFRAG_LENGTH = 8;
    /** Length of a generated password: 144 random bits (RFC 8445 §5.3 asks for at least 128). */
    public static final int GENERATED_PWD_LENGTH = 24;

    private static final String ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either has the wrong length or a character that is not
     *     an ice-char (ALPHA, DIGIT, "+", "/")
     */
    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !isIceChars(ufrag)) {
            throw new IllegalArgumentException("ice-ufrag must be 4..256 ice-chars (RFC 8839 §5.4): " + ufrag);
        }
        if (pwd.length() < 22 || pwd.length() > 256 || !isIceChars(pwd)) {
            throw new IllegalArgumentException("ice-pwd must be 22..256 ice-chars (RFC 8839 §5.4)");
        }
    }

    /**
     * New random credentials of {@link #GENERATED_UFRAG_LENGTH} and {@link #GENERATED_PWD_LENGTH}
     * ice-chars (6 bits each). Pass a {@link java.security.SecureRandom} outside tests: the
     * password is the key of every check's MESSAGE-INTEGRITY.
     *
     * @param random the source of randomness
     * @return the credentials
     */
    public static IceCredentials random(RandomGenerator random) {
        return new IceCredentials(randomIceChars(random, GENERATED_UFRAG_LENGTH),
                randomIceChars(random, GENERATED_PWD_LENGTH));
    }

    private static String randomIceChars(RandomGenerator random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return s.toString();
    }

    static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + "]";
    }
}
