package dev.tributary.webrtc.peer;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.sdp.SessionDescription;

/**
 * Arbitrary SDP text through the answerer: it either parses and is answered with a description
 * that re-parses to itself and keeps the answer invariants ({@link JsepTestSupport#checkAnswer}),
 * or fails with {@link ParseException} (not SDP) or {@link SdpNegotiationException} (not a usable
 * offer); anything else is a bug. Seeds: the browser fixtures and the WHIP-client offers.
 */
class JsepAnswerFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    @DictionaryEntries({
        "\\x0D\\x0Am=audio 9 UDP/TLS/RTP/SAVPF ", "\\x0D\\x0Am=video 0 UDP/TLS/RTP/SAVPF ",
        "\\x0D\\x0Am=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=group:BUNDLE ", "a=mid:",
        "a=bundle-only", "a=rtcp-mux", "a=rtcp-rsize", "a=setup:actpass", "a=setup:passive", "a=setup:active",
        "a=setup:holdconn", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdefghijkl", "a=fingerprint:sha-1 ",
        "a=rtpmap:", " H264/90000", " VP8/90000", " VP9/90000", " AV1/90000", " rtx/90000", " opus/48000/2",
        "a=fmtp:", "apt=", "packetization-mode=", "profile-level-id=", "profile-id=", "a=rtcp-fb:", " transport-cc",
        " nack pli", "a=extmap:", "/sendonly", "/recvonly", "a=ssrc-group:FID ", "a=ssrc:", " msid:", "a=msid:",
        "a=rid:", " send", " recv", "a=simulcast:send ", "~", "a=sendonly", "a=recvonly", "a=inactive",
        "a=candidate:", " typ host", ".local", "a=end-of-candidates", "a=ice-lite"
    })
    void fuzz(byte[] data) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(data);
        } catch (ParseException notSdp) {
            return;
        }
        JsepAnswerer.Answer answer;
        try {
            answer = JsepAnswerer.createAnswer(offer, JsepTestSupport.server(), RTCRtpCapabilities.defaults(), 1, 1);
        } catch (SdpNegotiationException refused) {
            return;
        }
        JsepTestSupport.checkAnswer(offer, answer, JsepTestSupport.server());
    }
}
