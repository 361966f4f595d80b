package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import java.util.List;

/**
 * Coverage-guided fuzzing of the STUN and ChannelData parsers. Seeds (the RFC 5769 vectors, ICE
 * and TURN messages) and past findings live in {@code StunMessageFuzzTestInputs/fuzz/}.
 */
class StunMessageFuzzTest {

    private static final byte[] KEY = StunCredentials.shortTermKey("fuzz-password");
    private static final StunEncoder PROTECTED = StunEncoder.PLAIN
            .withMessageIntegrity(KEY).withMessageIntegritySha256(KEY).withFingerprint();

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(byte[] data) {
        fuzzStun(data);
        fuzzChannelData(data);
    }

    /**
     * Parsing succeeds or throws ParseException; a parsed message survives write and re-parse
     * unchanged, its plain encoding is stable, and re-signing it gives a message that verifies.
     */
    private static void fuzzStun(byte[] data) {
        StunMessage.isStun(data, 0, data.length);
        StunMessage parsed;
        try {
            parsed = StunMessage.parse(data);
        } catch (ParseException e) {
            return;
        }
        parsed.verifyIntegrity(KEY);
        parsed.hasValidFingerprint();
        parsed.unknownComprehensionRequired();

        byte[] written = parsed.encode();
        assertThat(written.length).isLessThanOrEqualTo(data.length);
        StunMessage reparsed = StunMessage.parse(written);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.encode()).isEqualTo(written);

        List<StunAttribute> unsigned = parsed.attributes().stream()
                .filter(a -> !(a instanceof MessageIntegrity || a instanceof MessageIntegritySha256
                        || a instanceof Fingerprint))
                .toList();
        StunMessage resign = new StunMessage(parsed.messageClass(), parsed.method(), parsed.transactionId(), unsigned);
        byte[] signed;
        try {
            signed = PROTECTED.encode(resign);
        } catch (IllegalArgumentException tooLong) {
            // Adding 88 bytes of integrity and fingerprint can push a maximal message past 64 KiB.
            assertThat(written.length + 88).isGreaterThan(0xFFFF + StunMessage.HEADER_LENGTH);
            return;
        }
        StunMessage received = StunMessage.parse(signed);
        // RFC 7983 reserves first bytes 0..3 for STUN, which leaves room for methods up to 0xFF only.
        assertThat(StunMessage.isStun(signed, 0, signed.length)).isEqualTo(parsed.method().code() <= 0xFF);
        assertThat(received.verifyIntegrity(KEY)).isTrue();
        assertThat(received.hasValidFingerprint()).isTrue();
    }

    /** ChannelData parses or throws ParseException, agrees with its classifier, and round-trips. */
    private static void fuzzChannelData(byte[] data) {
        boolean looksLikeChannelData = ChannelData.isChannelData(data, 0, data.length);
        ChannelData parsed;
        try {
            parsed = ChannelData.parse(data, 0, data.length);
        } catch (ParseException e) {
            assertThat(looksLikeChannelData).isFalse();
            return;
        }
        assertThat(looksLikeChannelData).isTrue();
        for (boolean pad : new boolean[] {false, true}) {
            byte[] written = parsed.encode(pad);
            assertThat(ChannelData.parse(written, 0, written.length)).isEqualTo(parsed);
        }
    }
}
