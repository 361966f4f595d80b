package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

class StunCredentialsTest {

    /** The examples of RFC 4013 §3 that do not involve the bidi rule. */
    @Test
    void saslPrepFollowsTheRfc4013Examples() {
        assertThat(StunCredentials.saslPrep("I\u00ADX")).isEqualTo("IX"); // soft hyphen mapped to nothing
        assertThat(StunCredentials.saslPrep("user")).isEqualTo("user");
        assertThat(StunCredentials.saslPrep("USER")).isEqualTo("USER");
        assertThat(StunCredentials.saslPrep("\u00AA")).isEqualTo("a"); // NFKC
        assertThat(StunCredentials.saslPrep("\u2168")).isEqualTo("IX"); // NFKC
        assertThatThrownBy(() -> StunCredentials.saslPrep("\u0007")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saslPrepMapsSpacesAndRejectsProhibitedCharacters() {
        assertThat(StunCredentials.saslPrep("a\u00A0b\u3000c")).isEqualTo("a b c");
        assertThat(StunCredentials.saslPrep("a\u200Bb")).isEqualTo("a b");
        assertThat(StunCredentials.saslPrep("x\uFEFFy\uFE0Fz")).isEqualTo("xyz");
        assertThat(StunCredentials.saslPrep("VOkJxbRl1RmTxUk/WvJxBt")).isEqualTo("VOkJxbRl1RmTxUk/WvJxBt");
        for (String bad : new String[] {"\u007F", "\u0085", "\uE000", "\uFDD0", "\uFFFE", "\u2028", "\u200E",
                "\u202E", "\u2FF0", "\uFFFD", "\uD800", "\uDB40\uDC01" /* U+E0001 */, "\uDBC0\uDC00" /* U+100000 */}) {
            assertThatThrownBy(() -> StunCredentials.saslPrep("a" + bad)).as("%04x", (int) bad.charAt(0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shortTermKeyIsThePasswordInUtf8() {
        assertThat(StunCredentials.shortTermKey("pass\u00ADword")).isEqualTo("password".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void longTermKeysHashUserRealmAndPreparedPassword() throws NoSuchAlgorithmException {
        byte[] input = "user:realm:pass".getBytes(StandardCharsets.UTF_8);

        assertThat(StunCredentials.longTermKey("user", "realm", "pa\u00ADss"))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(input))
                .hasSize(16);
        assertThat(StunCredentials.longTermKeySha256("user", "realm", "pass"))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(input))
                .hasSize(32);
    }
}
