package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.WebRtcException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Objects;

/**
 * The HMAC keys of STUN's credential mechanisms (RFC 8489 §9) and the SASLprep processing of
 * passwords they use.
 *
 * <p><b>Password preparation.</b> RFC 5389 prepared passwords with SASLprep (RFC 4013); RFC 8489
 * replaced it with the OpaqueString profile (RFC 8265). Both leave ASCII passwords unchanged,
 * which covers ICE passwords (ice-chars, RFC 8839 §5.4) and TURN REST credentials. They differ on
 * some non-ASCII ones, and the long-term test vector of RFC 5769 §2.4 was made with SASLprep (its
 * password "The&#x00AD;M&#x00AA;tr&#x2168;" must become "TheMatrIX", which needs NFKC, while
 * OpaqueString uses NFC). This class applies SASLprep, see {@link #saslPrep(String)}.
 */
public final class StunCredentials {

    private StunCredentials() {}

    /**
     * The short-term key (RFC 8489 §9.1.1): the prepared password in UTF-8. ICE uses it with the
     * ice-pwd of the peer that answers the check (RFC 8445 §7.2.2).
     *
     * @param password the password
     * @return the HMAC key
     * @throws IllegalArgumentException if the password has a character SASLprep prohibits
     */
    public static byte[] shortTermKey(String password) {
        return saslPrep(password).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The long-term key for MESSAGE-INTEGRITY (RFC 8489 §9.2.2, RFC 5389 §15.4):
     * {@code MD5(username ":" realm ":" SASLprep(password))}. Username and realm are used as they
     * appear in the USERNAME and REALM attributes.
     *
     * @param username the user name
     * @param realm the realm the server sent
     * @param password the password
     * @return the 16-byte key
     * @throws IllegalArgumentException if the password has a character SASLprep prohibits
     */
    public static byte[] longTermKey(String username, String realm, String password) {
        return longTermKey("MD5", username, realm, password);
    }

    /**
     * The long-term key when the server chose PASSWORD-ALGORITHM SHA-256 (RFC 8489 §9.2.2,
     * §18.5.1.2): {@code SHA-256(username ":" realm ":" SASLprep(password))}.
     *
     * @param username the user name
     * @param realm the realm the server sent
     * @param password the password
     * @return the 32-byte key
     * @throws IllegalArgumentException if the password has a character SASLprep prohibits
     */
    public static byte[] longTermKeySha256(String username, String realm, String password) {
        return longTermKey("SHA-256", username, realm, password);
    }

    private static byte[] longTermKey(String digest, String username, String realm, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        String input = username + ":" + realm + ":" + saslPrep(password);
        try {
            return MessageDigest.getInstance(digest).digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new WebRtcException("every Java runtime must provide " + digest, e);
        }
    }

    /**
     * SASLprep (RFC 4013), the stringprep profile RFC 5389 uses for passwords, as far as STUN
     * needs it:
     *
     * <ol>
     *   <li>map non-ASCII space characters (RFC 3454 table C.1.2) to U+0020;
     *   <li>map the "commonly mapped to nothing" characters (table B.1: soft hyphen U+00AD,
     *       zero-width joiners, variation selectors, U+FEFF ...) to nothing;
     *   <li>normalize with Unicode NFKC ({@link Normalizer.Form#NFKC});
     *   <li>reject the prohibited output of RFC 4013 §2.3: controls, private use, non-characters,
     *       surrogates, and the characters of tables C.2.2, C.6, C.7, C.8 and C.9.
     * </ol>
     *
     * <p>Not done: the bidirectional-text check (RFC 3454 §6) and the check for code points
     * unassigned in Unicode 3.2. Stored passwords (the query side of stringprep) may contain
     * unassigned code points anyway, and a right-to-left password that violates the bidi rule
     * only means that this side computes a key the other side would have refused to compute.
     *
     * @param password the password
     * @return the prepared password
     * @throws IllegalArgumentException if the result has a prohibited character
     */
    public static String saslPrep(String password) {
        Objects.requireNonNull(password, "password");
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        normalized.codePoints().forEach(cp -> {
            if (isProhibited(cp)) {
                throw new IllegalArgumentException(String.format(
                        "SASLprep prohibits U+%04X in a password (RFC 4013 §2.3)", cp));
            }
        });
        return normalized;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B)
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** RFC 3454 table B.1 (U+200B is in C.1.2 too and is mapped to a space first). */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || cp == 0x200C || cp == 0x200D || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 4013 §2.3 prohibited output, from RFC 3454 tables C.2.1 to C.9 (C.1.2 is mapped away). */
    private static boolean isProhibited(int cp) {
        int category = Character.getType(cp);
        return category == Character.CONTROL // C.2.1 and the C0/C1 part of C.2.2
                || category == Character.PRIVATE_USE // C.3, all three ranges
                || category == Character.SURROGATE // C.5
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE // C.4
                || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D // C.2.2
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFD)
                || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F // C.8
                || (cp >= 0x202A && cp <= 0x202E)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F); // C.9
    }
}
