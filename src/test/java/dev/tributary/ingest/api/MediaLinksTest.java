package dev.tributary.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MediaLinksTest {

    static final String ID = "01jh8w3k5z0000000000000000";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    /** The signature as the design writes it, computed here independently of the class under test. */
    static String reference(String apiToken, String id, long exp) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256")
                .digest(("tributary media link\n" + apiToken).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((id + "\n" + exp).getBytes(StandardCharsets.UTF_8)));
    }

    static MediaLinks at(Instant now, String token) {
        return new MediaLinks(token, Duration.ofHours(6), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void signsAsDesignedForTheTtl() throws Exception {
        MediaLinks.Signed signed = at(NOW, "t0ken").sign(ID);
        assertThat(signed.exp()).isEqualTo(NOW.plus(Duration.ofHours(6)).getEpochSecond());
        assertThat(signed.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(signed.sig()).isEqualTo(reference("t0ken", ID, signed.exp())).doesNotContain("=", "+", "/");
    }

    @Test
    void verifiesUntilTheExpiryAndNotAfter() {
        MediaLinks.Signed signed = at(NOW, "t0ken").sign(ID);
        String exp = Long.toString(signed.exp());
        assertThat(at(NOW, "t0ken").verify(ID, exp, signed.sig())).isTrue();
        assertThat(at(signed.expiresAt().minusSeconds(1), "t0ken").verify(ID, exp, signed.sig())).isTrue();
        assertThat(at(signed.expiresAt(), "t0ken").verify(ID, exp, signed.sig())).isFalse();
        assertThat(at(signed.expiresAt().plusSeconds(3600), "t0ken").verify(ID, exp, signed.sig())).isFalse();
    }

    @Test
    void rejectsAnyTamperingAndAnotherToken() throws Exception {
        MediaLinks links = at(NOW, "t0ken");
        MediaLinks.Signed signed = links.sign(ID);
        String exp = Long.toString(signed.exp());
        String otherId = "01jh8w3k5z0000000000000001";
        assertThat(links.verify(otherId, exp, signed.sig())).as("another recording").isFalse();
        assertThat(links.verify(ID, Long.toString(signed.exp() + 1), signed.sig())).as("a later expiry").isFalse();
        assertThat(links.verify(ID, exp, signed.sig().substring(1))).as("a shorter signature").isFalse();
        assertThat(links.verify(ID, exp, signed.sig() + "A")).as("a longer signature").isFalse();
        assertThat(links.verify(ID, exp, "")).isFalse();
        assertThat(links.verify(ID, exp, null)).isFalse();
        assertThat(links.verify(ID, null, signed.sig())).isFalse();
        for (String bad : new String[] {"", "-1", "+" + exp, exp + " ", "1e10", "99999999999999999999999"}) {
            assertThat(links.verify(ID, bad, signed.sig())).as(bad).isFalse();
        }
        assertThat(at(NOW, "other").verify(ID, exp, signed.sig())).as("the token changed").isFalse();
        // A link signed for a later expiry with the right key is valid: nothing but the key matters.
        long later = signed.exp() + 60;
        assertThat(links.verify(ID, Long.toString(later), reference("t0ken", ID, later))).isTrue();
    }

    @Test
    void anOpenApiSignsNothingAndAcceptsNoLink() throws Exception {
        for (String token : new String[] {null, "", "  "}) {
            MediaLinks open = at(NOW, token);
            assertThat(open.signing()).isFalse();
            assertThatThrownBy(() -> open.sign(ID)).isInstanceOf(IllegalStateException.class);
            long exp = NOW.getEpochSecond() + 60;
            assertThat(open.verify(ID, Long.toString(exp), reference(token == null ? "" : token, ID, exp))).isFalse();
        }
        assertThatThrownBy(() -> new MediaLinks("t", Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
