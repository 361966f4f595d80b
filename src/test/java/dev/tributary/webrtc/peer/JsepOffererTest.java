package dev.tributary.webrtc.peer;

import static dev.tributary.webrtc.peer.JsepTestSupport.checkAnswer;
import static dev.tributary.webrtc.peer.JsepTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.dtls.DtlsRole;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.peer.JsepOfferer.TransceiverInit;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Connection;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.sdp.Setup;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsepOffererTest {

    private static final RTCRtpCapabilities DEFAULTS = RTCRtpCapabilities.defaults();
    private static final IceCandidate CLIENT_HOST = new IceCandidate("7", 1, IceTransportProtocol.UDP, 2130706431L,
            "198.51.100.4", 50000, IceCandidateType.HOST, null, 0, null);
    private static final LocalTransport CLIENT = new LocalTransport("cliUfrag", "clientpasswordclientpassword", false,
            List.of(CLIENT_HOST), true, JsepTestSupport.fingerprint(2));
    private static final TransceiverInit AUDIO = new TransceiverInit(MediaKind.AUDIO,
            RTCRtpTransceiverDirection.SENDONLY, 1111, -1, "cname1", "stream", "audio-track");
    private static final TransceiverInit VIDEO = new TransceiverInit(MediaKind.VIDEO,
            RTCRtpTransceiverDirection.SENDONLY, 2222, 3333, "cname1", "stream", "video-track");

    private static SessionDescription offer() {
        return JsepOfferer.createOffer(List.of(AUDIO, VIDEO), CLIENT, DEFAULTS, 7, 1);
    }

    @Test
    void offerHasBundleActpassAndUniquePayloadTypes() {
        SessionDescription offer = offer();
        assertThat(SessionDescription.parse(offer.format())).isEqualTo(offer);
        assertThat(offer.bundleGroups()).singleElement().satisfies(g -> assertThat(g.mids()).containsExactly("0", "1"));
        Set<Integer> pts = new HashSet<>();
        for (MediaDescription section : offer.media()) {
            assertThat(section.setup()).contains(Setup.ACTPASS);
            assertThat(section.rtcpMux()).isTrue();
            assertThat(section.rtcpRsize()).isTrue();
            assertThat(section.connections()).containsExactly(Connection.ip4("198.51.100.4"));
            assertThat(section.port()).isEqualTo(50000);
            assertThat(section.candidates()).hasSize(1);
            for (int pt : section.payloadTypes()) {
                assertThat(pts.add(pt)).as("payload type %d unique", pt).isTrue();
                assertThat(section.rtpMap(pt)).isPresent();
            }
        }
        MediaDescription audio = offer.media().get(0);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(audio.attributes()).contains(Attribute.parse("msid:stream audio-track"),
                Attribute.parse("ssrc:1111 cname:cname1"), Attribute.parse("sendonly"));
        MediaDescription video = offer.media().get(1);
        assertThat(video.payloadTypes()).startsWith(96, 97, 98, 99, 102, 103, 104, 105);
        assertThat(video.payloadTypes()).contains(45, 46);
        assertThat(video.attributes()).contains(
                Attribute.parse("fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
                Attribute.parse("fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f"),
                Attribute.parse("fmtp:97 apt=96"), Attribute.parse("ssrc-group:FID 2222 3333"),
                Attribute.parse("ssrc:3333 msid:stream video-track"));
        // The offerer's own capabilities accept every format it offers.
        for (int pt : video.payloadTypes()) {
            var rtpmap = video.rtpMap(pt).orElseThrow();
            if (!rtpmap.encodingName().equals("rtx")) {
                assertThat(DEFAULTS.codecs(MediaKind.VIDEO)).anyMatch(c -> c.accepts(MediaKind.VIDEO, rtpmap, video.fmtp(pt)));
            }
        }
    }

    @Test
    void roundTripGivesConsistentNegotiations() {
        SessionDescription offer = offer();
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 9, 1);
        checkAnswer(offer, answer, server());
        Negotiation answerer = answer.negotiation();
        Negotiation offerer = JsepOfferer.applyAnswer(offer, answer.description());

        assertThat(offerer.localDtlsRole()).isEqualTo(DtlsRole.SERVER);
        assertThat(answerer.localDtlsRole()).isEqualTo(DtlsRole.CLIENT);
        assertThat(offerer.remote().iceUfrag()).isEqualTo(server().iceUfrag());
        assertThat(offerer.remote().iceLite()).isTrue();
        assertThat(offerer.remote().candidates()).containsExactly(JsepTestSupport.HOST);
        assertThat(offerer.remote().fingerprints()).containsExactly(server().fingerprint());
        assertThat(answerer.remote().iceUfrag()).isEqualTo(CLIENT.iceUfrag());
        assertThat(answerer.remote().candidates()).containsExactly(CLIENT_HOST);
        assertThat(answerer.remote().fingerprints()).containsExactly(CLIENT.fingerprint());

        assertThat(offerer.media()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            NegotiatedMedia sent = offerer.media().get(i);
            NegotiatedMedia received = answerer.media().get(i);
            assertThat(sent.mid()).isEqualTo(received.mid());
            assertThat(sent.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
            assertThat(received.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
            assertThat(sent.codecs()).isEqualTo(received.codecs());
            assertThat(sent.headerExtensions()).isEqualTo(received.headerExtensions());
            assertThat(received.remoteSsrcs()).containsExactly(sent.localSsrc());
            assertThat(received.localSsrc()).isEqualTo(-1);
            assertThat(sent.remoteSsrcs()).isEmpty();
            assertThat(received.remoteStreamId()).contains("stream");
        }
        assertThat(offerer.media().get(0).localSsrc()).isEqualTo(1111);
        assertThat(offerer.media().get(1).localSsrc()).isEqualTo(2222);
        assertThat(answerer.media().get(1).remoteRtxSsrcs()).isEqualTo(Map.of(3333L, 2222L));
        assertThat(answerer.media().get(1).codecs()).allMatch(c -> c.rtxPayloadType() >= 0);
        assertThat(answerer.media().get(1).codecs()).filteredOn(c -> c.payloadType() < 106)
                .allMatch(c -> c.rtxPayloadType() == c.payloadType() + 1);
    }

    @Test
    void pacingProposalsTravelAsIcePacingAndALiteAnswerProposesNone() {
        assertThat(offer().attribute("ice-pacing")).isEmpty();
        assertThat(JsepAnswerer.createAnswer(offer(), server(), DEFAULTS, 9, 1).negotiation().remote().icePacing())
                .isEmpty();

        LocalTransport fastClient = new LocalTransport(CLIENT.iceUfrag(), CLIENT.icePwd(), false, CLIENT.candidates(),
                true, CLIENT.fingerprint(), Optional.of(Duration.ofMillis(20)));
        SessionDescription offer = JsepOfferer.createOffer(List.of(AUDIO, VIDEO), fastClient, DEFAULTS, 7, 1);
        assertThat(offer.attribute("ice-pacing")).contains(Attribute.parse("ice-pacing:20"));
        JsepAnswerer.Answer lite = JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 9, 1);
        assertThat(lite.negotiation().remote().icePacing()).contains(Duration.ofMillis(20));
        assertThat(lite.description().attribute("ice-pacing")).isEmpty();
        assertThat(JsepOfferer.applyAnswer(offer, lite.description()).remote().icePacing()).isEmpty();

        LocalTransport fullServer = new LocalTransport("srvUfrag", "serverpasswordserverpassword", false,
                List.of(JsepTestSupport.HOST), true, JsepTestSupport.fingerprint(1), Optional.of(Duration.ofMillis(30)));
        JsepAnswerer.Answer full = JsepAnswerer.createAnswer(offer, fullServer, DEFAULTS, 9, 1);
        assertThat(JsepOfferer.applyAnswer(offer, full.description()).remote().icePacing())
                .contains(Duration.ofMillis(30));
        assertThatThrownBy(() -> new LocalTransport("srvUfrag", "serverpasswordserverpassword", true, List.of(), true,
                JsepTestSupport.fingerprint(1), Optional.of(Duration.ofMillis(30))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restrictedAnswererNarrowsTheOfferersCodecs() {
        SessionDescription offer = offer();
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, server(),
                DEFAULTS.onlyCodecs("H264", "opus"), 9, 1);
        Negotiation offerer = JsepOfferer.applyAnswer(offer, answer.description());
        assertThat(offerer.media().get(1).codecs()).extracting(RTCRtpCodecParameters::mimeType)
                .containsOnly("video/H264");
        MediaDescription video = offer.media().get(1);
        List<Integer> offeredH264 = video.payloadTypes().stream()
                .filter(pt -> video.rtpMap(pt).orElseThrow().encodingName().equals("H264")).toList();
        assertThat(offeredH264).hasSize(8).startsWith(102, 104);
        assertThat(offerer.media().get(1).codecs()).extracting(RTCRtpCodecParameters::payloadType)
                .containsExactlyElementsOf(offeredH264);
    }

    @Test
    void sectionsTheAnswerRejectsAreAbsent() {
        SessionDescription offer = offer();
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, server(), DEFAULTS.onlyCodecs("VP8"), 9, 1);
        assertThat(answer.rejectedSections()).containsOnlyKeys("0");
        Negotiation offerer = JsepOfferer.applyAnswer(offer, answer.description());
        assertThat(offerer.media()).extracting(NegotiatedMedia::mid).containsExactly("1");
        assertThat(offerer.remote().candidates()).containsExactly(JsepTestSupport.HOST);
    }

    @Test
    void passiveAnswerMakesTheOffererTheClient() {
        SessionDescription offer = offer();
        String answer = JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 9, 1).description().format()
                .replace("a=setup:active", "a=setup:passive");
        assertThat(JsepOfferer.applyAnswer(offer, SessionDescription.parse(answer)).localDtlsRole())
                .isEqualTo(DtlsRole.CLIENT);
    }

    @Test
    void receiveOnlyTransceiversHaveNoSsrcs() {
        SessionDescription offer = JsepOfferer.createOffer(List.of(TransceiverInit.receiveOnly(MediaKind.VIDEO)),
                CLIENT, DEFAULTS, 7, 1);
        MediaDescription video = offer.media().get(0);
        assertThat(video.ssrcs()).isEmpty();
        assertThat(video.msids()).isEmpty();
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 9, 1);
        assertThat(answer.description().media().get(0).direction()).contains(dev.tributary.webrtc.sdp.Direction.INACTIVE);
        Negotiation offerer = JsepOfferer.applyAnswer(offer, answer.description());
        assertThat(offerer.media().get(0).direction()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
        assertThat(offerer.media().get(0).localSsrc()).isEqualTo(-1);
    }

    @Test
    void answersThatDoNotFitTheOfferAreRefused() {
        SessionDescription offer = offer();
        String answer = JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 9, 1).description().format();
        assertRefused(offer, answer.replace("a=setup:active", "a=setup:actpass"), "actpass");
        assertRefused(offer, answer.replace("a=setup:active\r\n", ""), "no a=setup");
        assertRefused(offer, answer.replace("a=mid:1", "a=mid:7").replace("BUNDLE 0 1", "BUNDLE 0 7"), "did not bundle");
        assertRefused(offer, answer.replace("m=video 40000 UDP/TLS/RTP/SAVPF 96", "m=video 40000 UDP/TLS/RTP/SAVPF 77 96"),
                "payload types the offer did not have");
        assertRefused(offer, answer.replace("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid"), "header extensions");
        assertRefused(offer, answer.substring(0, answer.indexOf("m=video")), "1 media sections");
        assertRefused(offer, answer.replace("a=group:BUNDLE 0 1\r\n", ""), "without BUNDLE");
        assertRefused(offer, answer.replace("a=ice-pwd:serverpasswordserverpassword\r\n", ""), "ICE credentials");
        assertRefused(offer, answer.replace("a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(offer, answer.replace("m=audio 40000", "m=audio 0").replace("m=video 40000", "m=video 0"),
                "rejected every media section");
    }

    private static void assertRefused(SessionDescription offer, String answer, String message) {
        assertThatThrownBy(() -> JsepOfferer.applyAnswer(offer, SessionDescription.parse(answer)))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void transceiverInitChecksSenders() {
        assertThatThrownBy(() -> new TransceiverInit(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV, -1, -1,
                "c", "s", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransceiverInit(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDRECV, 5, 5,
                "c", "s", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsepOfferer.createOffer(List.of(AUDIO), CLIENT, DEFAULTS.onlyCodecs("VP8"), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio");
    }
}
