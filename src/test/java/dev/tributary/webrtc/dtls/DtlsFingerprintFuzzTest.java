package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import java.nio.charset.StandardCharsets;

class DtlsFingerprintFuzzTest {

    /**
     * Any text either parses or is a ParseException; what parses writes back in the canonical
     * form, which parses to an equal fingerprint and writes the same text again.
     */
    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        DtlsFingerprint parsed;
        try {
            parsed = DtlsFingerprint.parse(text);
        } catch (ParseException expected) {
            return;
        }
        String written = parsed.toSdp();
        DtlsFingerprint reparsed = DtlsFingerprint.parse(written);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toSdp()).isEqualTo(written);
    }
}
