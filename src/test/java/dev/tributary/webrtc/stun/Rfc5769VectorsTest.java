package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.IceControlled;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.Nonce;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.Realm;
import dev.tributary.webrtc.stun.StunAttribute.Software;
import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunAttribute.XorMappedAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5769: every vector parses to the right values, verifies, and is reproduced byte for byte. */
class Rfc5769VectorsTest {

    private static final byte[] SHORT_TERM_KEY = StunCredentials.shortTermKey(Rfc5769.SHORT_TERM_PASSWORD);
    private static final StunEncoder SPACE_PADDED_SHORT_TERM = StunEncoder.PLAIN
            .withMessageIntegrity(SHORT_TERM_KEY)
            .withFingerprint()
            .withPadding((byte) 0x20);

    @Test
    void sampleRequestParsesToItsAttributes() {
        StunMessage m = StunMessage.parse(Rfc5769.SAMPLE_REQUEST);

        assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(m.method()).isEqualTo(StunMethod.BINDING);
        assertThat(m.transactionId()).isEqualTo(Rfc5769.TRANSACTION_ID);
        assertThat(m.attributes()).containsExactly(
                new Software("STUN test client"),
                new Priority(0x6e0001ffL),
                new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY"),
                new MessageIntegrity(Rfc5769.hex("9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2")),
                new Fingerprint(0xe57a3bcf));
    }

    @Test
    void sampleRequestPassesIntegrityAndFingerprint() {
        StunMessage m = StunMessage.parse(Rfc5769.SAMPLE_REQUEST);

        assertThat(m.verifyIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.verifyIntegrity(StunCredentials.shortTermKey("VOkJxbRl1RmTxUk/WvJxBT"))).isFalse();
        assertThat(m.hasValidFingerprint()).isTrue();
    }

    @Test
    void sampleRequestIsReproducedFromTheModel() {
        StunMessage built = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID, List.of(
                new Software("STUN test client"),
                new Priority(0x6e0001ffL),
                new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY")));

        assertThat(SPACE_PADDED_SHORT_TERM.encode(built)).isEqualTo(Rfc5769.SAMPLE_REQUEST);
    }

    @Test
    void ipv4ResponseParsesVerifiesAndIsReproduced() throws UnknownHostException {
        StunMessage m = StunMessage.parse(Rfc5769.IPV4_RESPONSE);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), 32853);

        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.method()).isEqualTo(StunMethod.BINDING);
        assertThat(m.transactionId()).isEqualTo(Rfc5769.TRANSACTION_ID);
        assertThat(m.attributes()).hasSize(4).startsWith(new Software("test vector"), new XorMappedAddress(mapped));
        assertThat(m.verifyIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.hasValidFingerprint()).isTrue();

        StunMessage built = StunMessage.request(StunMethod.BINDING, Rfc5769.TRANSACTION_ID, List.of())
                .successResponse(List.of(new Software("test vector"), new XorMappedAddress(mapped)));
        assertThat(SPACE_PADDED_SHORT_TERM.encode(built)).isEqualTo(Rfc5769.IPV4_RESPONSE);
    }

    @Test
    void ipv6ResponseParsesVerifiesAndIsReproduced() throws UnknownHostException {
        StunMessage m = StunMessage.parse(Rfc5769.IPV6_RESPONSE);
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByAddress(Rfc5769.hex("20010db8123456780011223344556677")), 32853);

        assertThat(m.attributes()).hasSize(4).startsWith(new Software("test vector"), new XorMappedAddress(mapped));
        assertThat(m.verifyIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.hasValidFingerprint()).isTrue();

        StunMessage built = new StunMessage(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, Rfc5769.TRANSACTION_ID,
                List.of(new Software("test vector"), new XorMappedAddress(mapped)));
        assertThat(SPACE_PADDED_SHORT_TERM.encode(built)).isEqualTo(Rfc5769.IPV6_RESPONSE);
    }

    @Test
    void saslPrepTurnsTheVectorsPasswordIntoTheMatrix() {
        assertThat(StunCredentials.saslPrep(Rfc5769.LONG_TERM_PASSWORD)).isEqualTo("TheMatrIX");
        assertThat(StunCredentials.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM,
                        Rfc5769.LONG_TERM_PASSWORD))
                .isEqualTo(StunCredentials.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, "TheMatrIX"));
    }

    @Test
    void longTermRequestParsesVerifiesAndIsReproduced() {
        StunMessage m = StunMessage.parse(Rfc5769.LONG_TERM_REQUEST);
        byte[] key = StunCredentials.longTermKey(
                Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, Rfc5769.LONG_TERM_PASSWORD);

        assertThat(m.transactionId()).isEqualTo(Rfc5769.LONG_TERM_TRANSACTION_ID);
        assertThat(m.attributes()).hasSize(4).startsWith(
                new Username(Rfc5769.LONG_TERM_USERNAME),
                new Nonce(Rfc5769.LONG_TERM_NONCE),
                new Realm(Rfc5769.LONG_TERM_REALM));
        assertThat(m.verifyIntegrity(key)).isTrue();
        assertThat(m.verifyIntegrity(StunCredentials.longTermKey(
                Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, "thematrix"))).isFalse();
        assertThat(m.hasValidFingerprint()).isFalse();

        StunMessage built = StunMessage.request(StunMethod.BINDING, Rfc5769.LONG_TERM_TRANSACTION_ID, List.of(
                new Username(Rfc5769.LONG_TERM_USERNAME),
                new Nonce(Rfc5769.LONG_TERM_NONCE),
                new Realm(Rfc5769.LONG_TERM_REALM)));
        assertThat(StunEncoder.PLAIN.withMessageIntegrity(key).encode(built)).isEqualTo(Rfc5769.LONG_TERM_REQUEST);
    }

    @Test
    void plainEncodingOfAParsedVectorDiffersOnlyInPadding() {
        byte[] plain = StunMessage.parse(Rfc5769.SAMPLE_REQUEST).encode();
        byte[] expected = Rfc5769.SAMPLE_REQUEST.clone();
        // The three spaces after "evtj:h6vY" (USERNAME header at 60, value 64..72, padding 73..75).
        Arrays.fill(expected, 73, 76, (byte) 0);

        assertThat(plain).isEqualTo(expected);
    }

    @Test
    void flippingAnyByteOfAShortTermVectorFailsTheChecks() {
        for (byte[] vector : List.of(Rfc5769.SAMPLE_REQUEST, Rfc5769.IPV4_RESPONSE, Rfc5769.IPV6_RESPONSE)) {
            assertEveryFlipFails(vector, SHORT_TERM_KEY, true);
        }
    }

    @Test
    void flippingAnyByteOfTheLongTermVectorFailsTheIntegrityCheck() {
        byte[] key = StunCredentials.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, "TheMatrIX");

        assertEveryFlipFails(Rfc5769.LONG_TERM_REQUEST, key, false);
    }

    /**
     * Flips each byte with several masks: the message must then fail to parse, or fail its
     * integrity check, or (if it carries one) its fingerprint check.
     */
    private static void assertEveryFlipFails(byte[] vector, byte[] key, boolean hasFingerprint) {
        for (int i = 0; i < vector.length; i++) {
            for (int mask : new int[] {0x01, 0x20, 0x80, 0xFF}) {
                byte[] flipped = vector.clone();
                flipped[i] ^= (byte) mask;
                StunMessage m;
                try {
                    m = StunMessage.parse(flipped);
                } catch (ParseException e) {
                    continue;
                }
                boolean passes = m.verifyIntegrity(key) && (!hasFingerprint || m.hasValidFingerprint());
                assertThat(passes).as("byte %d xor 0x%02x", i, mask).isFalse();
            }
        }
    }

    @Test
    void everyTruncationOfEveryVectorIsAParseException() {
        for (byte[] vector : List.of(Rfc5769.SAMPLE_REQUEST, Rfc5769.IPV4_RESPONSE, Rfc5769.IPV6_RESPONSE,
                Rfc5769.LONG_TERM_REQUEST)) {
            for (int len = 0; len < vector.length; len++) {
                int n = len;
                assertThatThrownBy(() -> StunMessage.parse(vector, 0, n)).as("length %d", n)
                        .isInstanceOf(ParseException.class);
            }
        }
    }
}
