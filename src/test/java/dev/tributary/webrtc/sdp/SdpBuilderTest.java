package dev.tributary.webrtc.sdp;

import static dev.tributary.webrtc.sdp.SessionDescriptionTest.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Building descriptions programmatically, the way a JSEP answerer will. */
class SdpBuilderTest {

    private static final byte[] CERT_DIGEST = new byte[32];

    static {
        for (int i = 0; i < CERT_DIGEST.length; i++) {
            CERT_DIGEST[i] = (byte) i;
        }
    }

    private static final String FINGERPRINT_TEXT = "sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:"
            + "10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F";

    private static final Set<String> NOT_ANSWERED =
            Set.of("candidate", "ssrc", "ssrc-group", "msid", "rtcp-xr", "ice-options");

    @Test
    void answerVideoFromChromiumOffer() {
        SessionDescription offer = SessionDescription.parse(SdpFixturesTest.fixture("chromium-156-audio-video.sdp"));
        MediaDescription offered = offer.media().get(1);

        MediaDescription answer = offered.toBuilder()
                .port(9)
                .retainPayloadTypes(List.of(102, 103))
                .removeAttributes(a -> NOT_ANSWERED.contains(a.name()))
                .removeAttributes(a -> a.as(ExtMap.class).filter(e -> !e.uri().endsWith("sdes:mid")).isPresent())
                .connections(List.of(Connection.IP4_ANY))
                .setAttribute(new IceUfrag("abcd"))
                .setAttribute(new IcePwd("0123456789abcdef012345"))
                .setAttribute(new Fingerprint("sha-256", CERT_DIGEST))
                .setAttribute(Setup.PASSIVE)
                .direction(offer.effectiveDirection(offered).reversed())
                .build();

        assertThat(answer.format()).isEqualTo(sdp(
                "m=video 9 UDP/TLS/RTP/SAVPF 102 103",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:abcd",
                "a=ice-pwd:0123456789abcdef012345",
                "a=fingerprint:" + FINGERPRINT_TEXT,
                "a=setup:passive",
                "a=mid:1",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:102 H264/90000",
                "a=rtcp-fb:102 goog-remb",
                "a=rtcp-fb:102 transport-cc",
                "a=rtcp-fb:102 ccm fir",
                "a=rtcp-fb:102 nack",
                "a=rtcp-fb:102 nack pli",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                "a=rtpmap:103 rtx/90000",
                "a=fmtp:103 apt=102"));
        assertThat(answer.payloadTypes()).containsExactly(102, 103);
        assertThat(answer.rtcpFeedback(96)).isEmpty();
    }

    @Test
    void buildWholeAnswer() {
        MediaDescription audio = MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF", List.of("111"))
                .connections(List.of(Connection.IP4_ANY))
                .addAttribute(Attribute.mid("0"))
                .addAttribute(Attribute.of(Direction.RECVONLY))
                .addAttribute(Attribute.RTCP_MUX)
                .addAttribute(Rtpmap.of(111, "opus", 48000, 2))
                .addAttribute(RtcpFb.of(111, "transport-cc"))
                .addAttribute(Fmtp.of(111, List.of(Parameter.of("minptime", "10"), Parameter.of("useinbandfec", "1"))))
                .build();
        MediaDescription data = MediaDescription.builder("application", 9, "UDP/DTLS/SCTP",
                        List.of("webrtc-datachannel"))
                .connections(List.of(Connection.IP4_ANY))
                .addAttribute(Attribute.mid("1"))
                .addAttribute(new SctpPort(5000))
                .addAttribute(new MaxMessageSize(262144))
                .build();

        SessionDescription answer = SessionDescription.builder(Origin.of(4611686018427387904L, 2))
                .addAttribute(Group.bundle(List.of("0", "1")))
                .addAttribute(Attribute.ICE_LITE)
                .addAttribute(new IceUfrag("abcd"))
                .addAttribute(new IcePwd("0123456789abcdef012345"))
                .addAttribute(new Fingerprint("sha-256", CERT_DIGEST))
                .addAttribute(Setup.PASSIVE)
                .addMedia(audio)
                .addMedia(data)
                .build();

        String expected = sdp(
                "v=0",
                "o=- 4611686018427387904 2 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "a=ice-lite",
                "a=ice-ufrag:abcd",
                "a=ice-pwd:0123456789abcdef012345",
                "a=fingerprint:" + FINGERPRINT_TEXT,
                "a=setup:passive",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=mid:1",
                "a=sctp-port:5000",
                "a=max-message-size:262144");
        assertThat(answer.format()).isEqualTo(expected);
        assertThat(SessionDescription.parse(expected)).isEqualTo(answer);
        assertThat(answer.effectiveIceCredentials(data))
                .contains(new SessionDescription.IceCredentials("abcd", "0123456789abcdef012345"));
    }

    @Test
    void toBuilderCopiesEverything() {
        SessionDescription offer = SessionDescription.parse(SdpFixturesTest.fixture("firefox-esr-153-audio-video.sdp"));

        assertThat(offer.toBuilder().build()).isEqualTo(offer);
        assertThat(offer.media().getFirst().toBuilder().build()).isEqualTo(offer.media().getFirst());
        SessionDescription next = offer.toBuilder().origin(offer.origin().withNextVersion()).build();
        assertThat(next.origin().sessionVersion()).isEqualTo("1");
        assertThat(next.media()).isEqualTo(offer.media());
    }

    @Test
    void setAttributeReplacesInPlaceAndRemovesDuplicates() {
        MediaDescription section = MediaDescription.builder("audio", 9, "RTP/AVP", List.of("0"))
                .addAttribute(Attribute.mid("a"))
                .addAttribute(Attribute.RTCP_MUX)
                .addAttribute(Attribute.mid("b"))
                .addAttribute(Attribute.of(Direction.SENDONLY))
                .addAttribute(Attribute.of(Direction.INACTIVE))
                .setAttribute(Attribute.mid("c"))
                .direction(Direction.SENDRECV)
                .setAttribute(Setup.ACTIVE)
                .build();

        assertThat(section.attributes()).containsExactly(Attribute.mid("c"), Attribute.RTCP_MUX,
                Attribute.of(Direction.SENDRECV), Attribute.of(Setup.ACTIVE));
    }

    @Test
    void rejectsInvalidModels() {
        MediaDescription.Builder noFormats = MediaDescription.builder("audio", 9, "RTP/AVP", List.of());
        assertThatThrownBy(noFormats::build).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 9, "RTP/AVP", List.of("0"))
                        .retainPayloadTypes(List.of(8)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 70000, "RTP/AVP", List.of("0")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 9, "RTP/AVP", List.of("webrtc")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.builder(Origin.of(1, 1)).timings(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.builder(Origin.of(1, 1)).sessionName("a\r\nb").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.builder(Origin.of(1, 1)).information(Optional.of("\n")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
