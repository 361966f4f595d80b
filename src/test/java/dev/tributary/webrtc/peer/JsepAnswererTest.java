package dev.tributary.webrtc.peer;

import static dev.tributary.webrtc.peer.JsepTestSupport.checkAnswer;
import static dev.tributary.webrtc.peer.JsepTestSupport.fixture;
import static dev.tributary.webrtc.peer.JsepTestSupport.offer;
import static dev.tributary.webrtc.peer.JsepTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.dtls.DtlsRole;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Connection;
import dev.tributary.webrtc.sdp.Direction;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.Rid;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.sdp.Setup;
import dev.tributary.webrtc.sdp.Simulcast;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsepAnswererTest {

    private static final RTCRtpCapabilities DEFAULTS = RTCRtpCapabilities.defaults();

    private static JsepAnswerer.Answer answer(SessionDescription offer) {
        return answer(offer, DEFAULTS);
    }

    private static JsepAnswerer.Answer answer(SessionDescription offer, RTCRtpCapabilities capabilities) {
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, server(), capabilities, 42, 1);
        checkAnswer(offer, answer, server());
        return answer;
    }

    private static SessionDescription edit(String resource, String from, String to) {
        String text = offer(resource).format();
        assertThat(text).contains(from);
        return SessionDescription.parse(text.replace(from, to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chromium-156-audio-video.sdp", "chromium-156-h264-first.sdp",
        "firefox-esr-153-audio-video.sdp"})
    void answersBrowserOffers(String name) {
        SessionDescription offer = fixture(name);
        JsepAnswerer.Answer answer = answer(offer);

        assertThat(answer.rejectedSections()).isEmpty();
        assertThat(answer.negotiation().media()).extracting(NegotiatedMedia::kind)
                .containsExactly(MediaKind.AUDIO, MediaKind.VIDEO);
        assertThat(answer.negotiation().localDtlsRole()).isEqualTo(DtlsRole.CLIENT);
        SessionDescription description = answer.description();
        MediaDescription audio = description.media().get(0);
        MediaDescription video = description.media().get(1);
        assertThat(audio.setup()).contains(Setup.ACTIVE);
        assertThat(audio.direction()).contains(Direction.RECVONLY);
        assertThat(audio.candidates()).hasSize(1);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(video.candidates()).isEmpty();
        assertThat(audio.connections()).containsExactly(Connection.ip4("192.0.2.10"));
        assertThat(video.connections()).containsExactly(Connection.ip4("192.0.2.10"));
        assertThat(audio.port()).isEqualTo(40000);
        assertThat(video.port()).isEqualTo(40000);
        assertThat(description.iceLite()).isTrue();

        NegotiatedMedia audioMedia = answer.negotiation().media().get(0);
        assertThat(audioMedia.codecs()).extracting(RTCRtpCodecParameters::mimeType).containsExactly("audio/opus");
        assertThat(audioMedia.remoteSsrcs()).hasSize(1);
        NegotiatedMedia videoMedia = answer.negotiation().media().get(1);
        assertThat(videoMedia.codecs()).extracting(RTCRtpCodecParameters::mimeType)
                .doesNotContain("video/red", "video/ulpfec", "video/rtx")
                .contains("video/VP8", "video/VP9", "video/AV1");
        assertThat(videoMedia.codecs()).allMatch(c -> c.rtxPayloadType() >= 0);
        assertThat(videoMedia.codecs()).allMatch(c -> c.hasFeedback("nack", "pli") && c.hasFeedback("transport-cc", ""));
        assertThat(videoMedia.remoteSsrcs()).hasSize(1);
        assertThat(videoMedia.remoteRtxSsrcs()).containsEntry(videoMedia.remoteRtxSsrcs().keySet().iterator().next(),
                videoMedia.remoteSsrcs().get(0));
        assertThat(videoMedia.headerExtensionId(HeaderExtensionUri.MID.uri())).isPositive();
        assertThat(videoMedia.remoteTrackId()).isPresent();

        RemoteTransport remote = answer.negotiation().remote();
        assertThat(remote.iceUfrag()).isEqualTo(offer.effectiveIceCredentials(offer.media().get(0)).orElseThrow().ufrag());
        assertThat(remote.candidates()).isNotEmpty();
        assertThat(remote.fingerprints()).hasSize(1);
    }

    @Test
    void chromiumVideoCodecChoicesEchoTheOffer() {
        SessionDescription offer = fixture("chromium-156-audio-video.sdp");
        MediaDescription video = answer(offer).description().media().get(1);

        // VP9 profile 2 (100/101), RED (118/119) and ulpfec (120) are refused; all H264 entries are 42 or 4d.
        assertThat(video.payloadTypes()).containsExactly(96, 97, 102, 103, 104, 107, 108, 109, 114, 115, 116, 117,
                39, 40, 45, 46, 98, 99);
        assertThat(video.attributes()).contains(
                Attribute.parse("fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"),
                Attribute.parse("fmtp:45 level-idx=5;profile=0;tier=0"),
                Attribute.parse("rtcp-fb:96 transport-cc"),
                Attribute.parse("extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"));
        assertThat(video.extMaps()).extracting(e -> e.uri()).doesNotContain("urn:ietf:params:rtp-hdrext:toffset",
                "urn:3gpp:video-orientation");
        MediaDescription audio = answer(offer).description().media().get(0);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(audio.attributes()).contains(Attribute.parse("fmtp:111 minptime=10;useinbandfec=1"),
                Attribute.parse("extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    }

    @Test
    void firefoxBundleOnlySectionIsAcceptedOnTheBundlePort() {
        SessionDescription offer = fixture("firefox-esr-153-audio-video.sdp");
        JsepAnswerer.Answer answer = answer(offer);
        MediaDescription video = answer.description().media().get(1);
        assertThat(video.port()).isEqualTo(40000);
        assertThat(video.bundleOnly()).isFalse();
        // extmap 6 is recvonly in the offer (Firefox would receive it): nothing to echo for a receiver.
        assertThat(video.extMaps()).noneMatch(e -> e.id() == 6);
        // 119 is RTX for RED, which is refused.
        assertThat(video.payloadTypes()).containsExactly(120, 124, 121, 125, 99, 100);
        NegotiatedMedia media = answer.negotiation().media().get(1);
        assertThat(media.remoteSsrcs()).containsExactly(2413231710L);
        assertThat(media.remoteRtxSsrcs()).isEqualTo(Map.of(2048024794L, 2413231710L));
        assertThat(answer.negotiation().remote().candidates()).extracting(IceCandidate::component).contains(1, 2);
        assertThat(answer.negotiation().remote().endOfCandidates()).isTrue();
    }

    @Test
    void h264ProfilesAreConfigurable() {
        SessionDescription offer = fixture("chromium-156-h264-first.sdp");
        RTCRtpCapabilities baselineOnly = DEFAULTS.onlyCodecs("H264", "opus")
                .withH264Profiles(Set.of(RTCRtpCodecCapability.H264_BASELINE));
        MediaDescription video = answer(offer, baselineOnly).description().media().get(1);
        for (int pt : video.payloadTypes()) {
            video.fmtp(pt).flatMap(f -> f.parameter("profile-level-id"))
                    .ifPresent(id -> assertThat(id).startsWith("42"));
            assertThat(video.rtpMap(pt).orElseThrow().encodingName()).isIn("H264", "rtx");
        }
        assertThat(video.payloadTypes()).isNotEmpty();
    }

    @Test
    void refusesH264High444AndInterleavedMode() {
        String text = fixture("chromium-156-audio-video.sdp").format()
                .replace("packetization-mode=1;profile-level-id=4d001f", "packetization-mode=1;profile-level-id=f4001f")
                .replace("packetization-mode=0;profile-level-id=4d001f", "packetization-mode=2;profile-level-id=42001f");
        MediaDescription video = answer(SessionDescription.parse(text)).description().media().get(1);
        assertThat(video.payloadTypes()).doesNotContain(116, 117, 39, 40).contains(102, 104);
    }

    @Test
    void ffmpegWhipPassiveOfferMakesThisSideTheDtlsClient() {
        SessionDescription offer = offer("ffmpeg-whip.sdp");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.rejectedSections()).isEmpty();
        assertThat(answer.negotiation().localDtlsRole()).isEqualTo(DtlsRole.CLIENT);
        assertThat(answer.description().media()).allMatch(m -> m.setup().equals(java.util.Optional.of(Setup.ACTIVE)));
        assertThat(answer.negotiation().remote().candidates()).isEmpty();
        assertThat(answer.negotiation().remote().endOfCandidates()).isFalse();
        NegotiatedMedia video = answer.negotiation().media().get(1);
        assertThat(video.codecs()).singleElement().satisfies(c -> {
            assertThat(c.payloadType()).isEqualTo(106);
            assertThat(c.sdpFmtpLine()).isEqualTo("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
            assertThat(c.rtxPayloadType()).isEqualTo(-1);
            assertThat(c.rtcpFeedback()).isEmpty();
        });
        assertThat(video.remoteSsrcs()).containsExactly(3842128202L);
        assertThat(video.remoteStreamId()).contains("FFmpeg");
        assertThat(video.remoteTrackId()).contains("video");
        assertThat(answer.description().media().get(0).rtcpRsize()).isFalse();
        assertThat(answer.description().media().get(1).rtcpRsize()).isTrue();
    }

    /**
     * FFmpeg 8.1's WHIP muxer (as captured from the bundled one) adds NACK and an RTX stream whose
     * SSRC only its FID group names, without {@code a=ssrc} lines of its own.
     */
    @Test
    void ffmpeg81WhipOfferWithNackAndRtxIsAnsweredWithBoth() {
        SessionDescription offer = offer("ffmpeg-8.1-whip.sdp");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.rejectedSections()).isEmpty();
        assertThat(answer.negotiation().localDtlsRole()).isEqualTo(DtlsRole.CLIENT);
        assertThat(answer.negotiation().remote().candidates()).isEmpty();
        NegotiatedMedia video = answer.negotiation().media().get(1);
        assertThat(video.codecs()).singleElement().satisfies(c -> {
            assertThat(c.payloadType()).isEqualTo(106);
            assertThat(c.rtxPayloadType()).isEqualTo(105);
            assertThat(c.hasFeedback("nack", "")).isTrue();
        });
        assertThat(video.remoteSsrcs()).containsExactly(1787025878L);
        assertThat(video.remoteRtxSsrcs()).containsExactly(java.util.Map.entry(1787025879L, 1787025878L));
        MediaDescription answered = answer.description().media().get(1);
        assertThat(answered.payloadTypes()).containsExactly(106, 105);
        assertThat(answered.setup()).contains(Setup.ACTIVE);
    }

    @Test
    void activeOfferIsAnsweredPassive() {
        SessionDescription offer = edit("ffmpeg-whip.sdp", "a=setup:passive", "a=setup:active");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.negotiation().localDtlsRole()).isEqualTo(DtlsRole.SERVER);
        assertThat(answer.description().media().get(0).setup()).contains(Setup.PASSIVE);
    }

    @Test
    void obsOfferUsesSessionLevelTransportAttributes() {
        SessionDescription offer = offer("obs.sdp");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.rejectedSections()).isEmpty();
        assertThat(answer.negotiation().remote().iceUfrag()).isEqualTo("TJWC");
        assertThat(answer.negotiation().remote().candidates()).hasSize(2);
        assertThat(answer.negotiation().remote().endOfCandidates()).isTrue();
        MediaDescription video = answer.description().media().get(1);
        assertThat(video.payloadTypes()).containsExactly(96);
        assertThat(video.rtcpFeedback()).extracting(f -> f.type() + f.parameter().map(p -> " " + p).orElse(""))
                .containsExactly("nack", "nack pli", "goog-remb");
        assertThat(answer.description().media().get(0).attributes()).contains(Attribute.parse(
                "fmtp:111 minptime=10;maxaveragebitrate=96000;stereo=1;sprop-stereo=1;useinbandfec=1"));
        // The LS group is not echoed: only BUNDLE is negotiated.
        assertThat(answer.description().groups()).hasSize(1);
    }

    @Test
    void firefoxVp8OnlyOfferWithMdnsCandidate() {
        JsepAnswerer.Answer answer = answer(offer("firefox-vp8-only.sdp"));
        MediaDescription video = answer.description().media().get(0);
        assertThat(video.payloadTypes()).containsExactly(120, 124);
        assertThat(answer.negotiation().remote().candidates()).singleElement()
                .satisfies(c -> assertThat(c.isMdns()).isTrue());
        NegotiatedMedia media = answer.negotiation().media().get(0);
        assertThat(media.codecs()).singleElement().satisfies(c -> assertThat(c.rtxPayloadType()).isEqualTo(124));
        assertThat(media.remoteStreamId()).contains("{f7b8814d-cb88-485b-8d93-255191d5560b}");
    }

    @Test
    void dataChannelSectionIsRejectedWithAReason() {
        JsepAnswerer.Answer answer = answer(offer("datachannel.sdp"));
        assertThat(answer.rejectedSections()).containsOnlyKeys("1");
        assertThat(answer.rejectedSections().get("1")).contains("data channels").contains("not supported yet");
        MediaDescription application = answer.description().media().get(1);
        assertThat(application.port()).isZero();
        assertThat(application.formats()).containsExactly("webrtc-datachannel");
        assertThat(application.connections()).containsExactly(Connection.IP4_ANY);
        assertThat(answer.description().bundleGroups().get(0).mids()).containsExactly("0");
        NegotiatedMedia audio = answer.negotiation().media().get(0);
        assertThat(audio.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
        assertThat(audio.remoteStreamId()).isEmpty();
        assertThat(audio.remoteTrackId()).contains("5c6b9521-481f-4a48-b72d-16703f319172");
    }

    @Test
    void withoutBundleOnlyTheFirstUsableSectionIsAccepted() {
        JsepAnswerer.Answer answer = answer(offer("no-bundle.sdp"));
        assertThat(answer.negotiation().media()).extracting(NegotiatedMedia::mid).containsExactly("a");
        assertThat(answer.rejectedSections().get("v")).contains("no supported codec").contains("H263/90000");
        assertThat(answer.rejectedSections().get("v2")).contains("single transport").contains("mid a");
        MediaDescription audio = answer.description().media().get(1);
        assertThat(audio.candidates()).hasSize(1);
        assertThat(answer.negotiation().remote().iceUfrag()).isEqualTo("Tv1B");
    }

    @Test
    void simulcastRidsAreAnsweredRecv() {
        JsepAnswerer.Answer answer = answer(offer("simulcast.sdp"));
        MediaDescription video = answer.description().media().get(0);
        // x only allows RED, which is refused; f keeps its pt list; h's restriction is not echoed.
        assertThat(video.rids()).containsExactly(Rid.of("q", Rid.Direction.RECV), Rid.of("h", Rid.Direction.RECV),
                new Rid("f", Rid.Direction.RECV, List.of(96), List.of()));
        assertThat(video.simulcast()).contains(new Simulcast(List.of(), List.of(Simulcast.Stream.of("q"),
                Simulcast.Stream.of("h"), new Simulcast.Stream(List.of(new Simulcast.Alternative("f", true))))));
        assertThat(answer.negotiation().media().get(0).remoteRids()).containsExactly("q", "h", "f");
        assertThat(video.extMaps()).hasSize(3);
    }

    @Test
    void inactiveAndRecvonlyOffersAreAnsweredInactive() {
        SessionDescription offer = edit("ffmpeg-whip.sdp", "a=sendonly", "a=recvonly");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.description().media()).allMatch(m -> m.direction().equals(java.util.Optional.of(Direction.INACTIVE)));
        assertThat(answer.negotiation().media()).allMatch(m -> m.direction() == RTCRtpTransceiverDirection.INACTIVE);
    }

    @Test
    void transportCcFeedbackNeedsItsHeaderExtension() {
        RTCRtpCapabilities noTwcc = new RTCRtpCapabilities(DEFAULTS.codecs(), DEFAULTS.headerExtensions().stream()
                .filter(e -> !e.uri().equals(HeaderExtensionUri.TRANSPORT_WIDE_CC.uri())).toList());
        JsepAnswerer.Answer answer = answer(fixture("chromium-156-audio-video.sdp"), noTwcc);
        assertThat(answer.description().media()).allSatisfy(m -> assertThat(m.rtcpFeedback())
                .noneMatch(f -> f.type().equals("transport-cc")));
        assertThat(answer.negotiation().media().get(1).codecs()).allMatch(c -> c.hasFeedback("nack", ""));
    }

    @Test
    void restrictedCapabilitiesRejectWithTheOfferedCodecs() {
        JsepAnswerer.Answer answer = answer(offer("firefox-vp8-only.sdp"), DEFAULTS.onlyCodecs("H264", "opus"));
        assertThat(answer.negotiation().media()).isEmpty();
        assertThat(answer.rejectedSections().get("0")).contains("VP8/90000").contains("[H264]");
        assertThat(answer.description().bundleGroups()).isEmpty();
        assertThat(answer.negotiation().remote().iceUfrag()).isEqualTo("e53ab337");
    }

    @Test
    void sectionsOutsideTheBundleGroupAreRejected() {
        SessionDescription offer = edit("ffmpeg-whip.sdp", "a=group:BUNDLE 0 1", "a=group:BUNDLE 1");
        JsepAnswerer.Answer answer = answer(offer);
        assertThat(answer.rejectedSections()).containsOnlyKeys("0");
        assertThat(answer.rejectedSections().get("0")).contains("not in the BUNDLE group");
        assertThat(answer.description().media().get(1).candidates()).hasSize(1);
    }

    @Test
    void answerKeepsTheOfferedBundleOrderSoTheTaggedSectionStays() {
        SessionDescription offer = edit("ffmpeg-whip.sdp", "a=group:BUNDLE 0 1", "a=group:BUNDLE 1 0");
        JsepAnswerer.Answer answer = answer(offer);
        checkAnswer(offer, answer, JsepTestSupport.server());
        assertThat(answer.description().bundleGroups().get(0).mids()).containsExactly("1", "0");
        assertThat(answer.description().media().get(1).candidates()).hasSize(1);
        assertThat(answer.description().media().get(0).candidates()).isEmpty();
    }

    @Test
    void sectionWithoutIceCredentialsIsRejected() {
        String text = offer("ffmpeg-whip.sdp").format();
        int video = text.indexOf("m=video");
        String withoutVideoIce = text.substring(0, video) + text.substring(video)
                .replace("a=ice-ufrag:a8c1d2e3\r\n", "").replace("a=ice-pwd:1f2e3d4c5b6a79881f2e3d4c5b6a7988\r\n", "");
        JsepAnswerer.Answer answer = answer(SessionDescription.parse(withoutVideoIce));
        assertThat(answer.rejectedSections().get("1")).contains("ICE credentials");
    }

    @Test
    void udpIpv4CandidatesComeFirstAndGiveTheDefaultAddress() {
        IceCandidate v6 = new IceCandidate("2", 1, IceTransportProtocol.UDP, 2130706431L, "fd00::2", 40000,
                IceCandidateType.HOST, null, 0, null);
        IceCandidate v4 = new IceCandidate("1", 1, IceTransportProtocol.UDP, 2130705663L, "192.0.2.10", 40000,
                IceCandidateType.HOST, null, 0, null);
        LocalTransport local = new LocalTransport("srvUfrag", "serverpasswordserverpassword", true, List.of(v6, v4),
                true, JsepTestSupport.fingerprint(1));
        SessionDescription offer = offer("ffmpeg-whip.sdp");
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, local, DEFAULTS, 1, 1);
        checkAnswer(offer, answer, local);
        MediaDescription tagged = answer.description().media().get(0);
        assertThat(tagged.candidates()).extracting(c -> c.address()).containsExactly("192.0.2.10", "fd00::2");
        assertThat(tagged.connections()).containsExactly(Connection.ip4("192.0.2.10"));
    }

    @Test
    void localTransportWithoutCandidatesUsesThePlaceholderAddress() {
        LocalTransport local = new LocalTransport("srvUfrag", "serverpasswordserverpassword", false, List.of(), false,
                JsepTestSupport.fingerprint(1));
        SessionDescription offer = offer("ffmpeg-whip.sdp");
        JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(offer, local, DEFAULTS, 1, 1);
        checkAnswer(offer, answer, local);
        assertThat(answer.description().media()).allSatisfy(m -> {
            assertThat(m.port()).isEqualTo(9);
            assertThat(m.connections()).containsExactly(Connection.IP4_ANY);
            assertThat(m.endOfCandidates()).isFalse();
        });
        assertThat(answer.description().iceLite()).isFalse();
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertRefused(edit("ffmpeg-whip.sdp", "a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(edit("ffmpeg-whip.sdp", "a=setup:passive", "a=setup:holdconn"), "holdconn");
        assertRefused(edit("ffmpeg-whip.sdp", "a=mid:1", "a=mid:0"), "two media sections with a=mid:0");
        assertRefused(edit("ffmpeg-whip.sdp", "a=mid:1\r\n", ""), "no a=mid");
        assertRefused(SessionDescription.parse(offer("ffmpeg-whip.sdp").format()
                .replace("a=ice-ufrag:a8c1d2e3\r\n", "")), "ICE credentials");
        assertRefused(SessionDescription.parse(offer("ffmpeg-whip.sdp").format()
                .replace("a=fingerprint:sha-256 AA:FB:F9:57:29:F2:FF:85:87:75:01:2E:2E:9C:0D:5A:2A:2B:E8:70:F3:02:BD:B1:D7:0E:C2:67:32:04:8F:E2",
                        "a=fingerprint:md5 AA:FB:F9:57:29:F2:FF:85:87:75:01:2E:2E:9C:0D:5A")), "supported hash function");
        assertRefused(SessionDescription.parse(offer("ffmpeg-whip.sdp").format()
                .replaceAll("a=fingerprint:[^\r]*\r\n", "")), "no a=fingerprint");
        assertRefused(SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"), "no media sections");
    }

    private static void assertRefused(SessionDescription offer, String message) {
        assertThatThrownBy(() -> JsepAnswerer.createAnswer(offer, server(), DEFAULTS, 1, 1))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessageContaining(message);
    }
}
