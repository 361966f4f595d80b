package dev.tributary.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the SDP parser on raw bytes read as UTF-8, seeded with real offers
 * (so mutations start from deep, valid structure). Property: parsing succeeds or throws
 * {@link ParseException}; what parses writes back to text that parses to an equal description,
 * writing that again gives the same text, and every typed attribute survives its own round trip.
 */
class SdpFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    @DictionaryEntries({
        // libFuzzer dictionary syntax: CR LF written as \x0D\x0A escapes
        "\\x0D\\x0Am=", "\\x0D\\x0Aa=", "\\x0D\\x0Ac=", "\\x0D\\x0Ab=", "\\x0D\\x0At=",
        "\\x0D\\x0Ar=", "\\x0D\\x0Az=", "\\x0D\\x0Ai=", "\\x0D\\x0Ak=",
        "a=candidate:", " typ ", " raddr ", " rport ", " tcptype ", "srflx", "relay", "prflx", "so",
        "a=rid:", " send ", " recv ", "pt=", "a=simulcast:", "~", "a=extmap:", "/sendonly", "a=fmtp:",
        "a=rtpmap:", "a=rtcp-fb:*", "a=ssrc:", "a=ssrc-group:", "a=group:BUNDLE", "a=setup:",
        "a=fingerprint:sha-256 ", "a=ice-ufrag:", "a=ice-pwd:", "a=ice-options:", "a=msid:", "a=mid:",
        "a=rtcp:", "a=sctp-port:", "a=max-message-size:", "a=bundle-only", "::", ".local", "IN IP6 ",
        "65535", "65536", "127", "128", "4294967295", "4294967296", "9223372036854775807",
        "9223372036854775808", "UDP/DTLS/SCTP", "webrtc-datachannel"
    })
    void fuzz(byte[] data) {
        SessionDescription parsed;
        try {
            parsed = SessionDescription.parse(data);
        } catch (ParseException expected) {
            return;
        }
        String written = parsed.format();
        SessionDescription again = SessionDescription.parse(written);
        assertThat(again).isEqualTo(parsed);
        assertThat(again.format()).isEqualTo(written);

        List<Attribute> attributes = new ArrayList<>(parsed.attributes());
        parsed.media().forEach(m -> attributes.addAll(m.attributes()));
        for (Attribute attribute : attributes) {
            attribute.typed().ifPresent(typed -> {
                assertThat(Attribute.of(typed).typed()).contains(typed);
                if (typed instanceof Fmtp fmtp) {
                    assertThat(Fmtp.of(0, fmtp.parameters()).parameters()).isEqualTo(fmtp.parameters());
                }
            });
        }
        parsed.media().forEach(m -> {
            assertThat(m.toBuilder().build()).isEqualTo(m);
            parsed.effectiveDirection(m);
            parsed.effectiveIceCredentials(m);
            m.payloadTypes();
        });
        assertThat(parsed.toBuilder().build()).isEqualTo(parsed);
    }
}
