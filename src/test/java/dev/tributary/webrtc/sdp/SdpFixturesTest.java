package dev.tributary.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real offers from browsers: they parse, write back byte for byte, and read right. */
class SdpFixturesTest {

    static String fixture(String name) {
        try (InputStream in = SdpFixturesTest.class.getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chromium-156-audio-video.sdp", "chromium-156-h264-first.sdp", "firefox-esr-153-audio-video.sdp"
    })
    void writesBackByteForByte(String name) {
        String text = fixture(name);
        SessionDescription parsed = SessionDescription.parse(text);

        assertThat(parsed.format()).isEqualTo(text);
        assertThat(SessionDescription.parse(parsed.format())).isEqualTo(parsed);
        assertThat(SessionDescription.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chromium-156-audio-video.sdp", "chromium-156-h264-first.sdp", "firefox-esr-153-audio-video.sdp"
    })
    void everyTypedAttributeSurvivesItsOwnRoundTrip(String name) {
        SessionDescription parsed = SessionDescription.parse(fixture(name));
        List<Attribute> all = new java.util.ArrayList<>(parsed.attributes());
        parsed.media().forEach(m -> all.addAll(m.attributes()));

        for (Attribute attribute : all) {
            attribute.typed().ifPresent(typed ->
                    assertThat(Attribute.of(typed).typed()).contains(typed));
        }
    }

    @Test
    void chromiumAudioVideo() {
        SessionDescription sdp = SessionDescription.parse(fixture("chromium-156-audio-video.sdp"));

        assertThat(sdp.origin()).isEqualTo(new Origin(
                "-", "3133346737786808758", "2", "IN", "IP4", "127.0.0.1"));
        assertThat(sdp.sessionName()).isEqualTo("-");
        assertThat(sdp.timings()).containsExactly(Timing.PERMANENT);
        assertThat(sdp.bundleGroups()).containsExactly(Group.bundle(List.of("0", "1")));
        assertThat(sdp.extmapAllowMixed()).isTrue();
        assertThat(sdp.msidSemantic()).contains(
                new MsidSemantic("WMS", List.of("2651d987-28ee-4ca5-9d27-f9c4eb455c8b")));
        assertThat(sdp.attribute("msid-semantic").flatMap(Attribute::value))
                .contains(" WMS 2651d987-28ee-4ca5-9d27-f9c4eb455c8b");
        assertThat(sdp.media()).hasSize(2);

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(59194);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.connections()).containsExactly(Connection.ip4("127.0.0.1"));
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).contains(Direction.SENDONLY);
        assertThat(audio.rtcp()).contains(new Rtcp(9, Optional.of(Connection.ip4("0.0.0.0"))));
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.iceUfrag()).contains("Tv1B");
        assertThat(audio.icePwd()).contains("ShZntvV7YAuXUdl4phuVGfmG");
        assertThat(audio.iceOptions()).containsExactly("trickle");
        assertThat(audio.setup()).contains(Setup.ACTPASS);
        Fingerprint fingerprint = audio.fingerprints().getFirst();
        assertThat(fingerprint.hashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.bytes()).isEqualTo(HexFormat.of().parseHex(
                "AAFBF95729F2FF858775012E2E9C0D5A2A2BE870F302BDB1D70EC26732048FE2"));
        assertThat(audio.rtpMap(111)).contains(Rtpmap.of(111, "opus", 48000, 2));
        assertThat(audio.rtpMap(9)).contains(Rtpmap.of(9, "G722", 8000));
        assertThat(audio.rtpMap(126)).contains(Rtpmap.of(126, "telephone-event", 8000));
        assertThat(audio.fmtp(111).orElseThrow().parameters()).containsExactly(
                Parameter.of("minptime", "10"), Parameter.of("useinbandfec", "1"));
        assertThat(audio.fmtp(63).orElseThrow().parameterText()).isEqualTo("111/111");
        assertThat(audio.rtcpFeedback(111)).containsExactly(RtcpFb.of(111, "transport-cc"));
        assertThat(audio.extMaps()).containsExactly(
                ExtMap.of(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                ExtMap.of(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                ExtMap.of(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
                ExtMap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        assertThat(audio.msids()).containsExactly(Msid.of(
                "2651d987-28ee-4ca5-9d27-f9c4eb455c8b", "5c6b9521-481f-4a48-b72d-16703f319172"));
        assertThat(audio.ssrcs()).containsExactly(
                Ssrc.of(2812326180L, "cname", "cHGVAPSpdIOoCMdY"),
                Ssrc.of(2812326180L, "msid",
                        "2651d987-28ee-4ca5-9d27-f9c4eb455c8b 5c6b9521-481f-4a48-b72d-16703f319172"));
        assertThat(audio.attribute("rtcp-xr").flatMap(Attribute::value)).contains("rcvr-rtt=all");
        assertThat(audio.attribute("rtcp-xr").flatMap(Attribute::typed)).isEmpty();

        List<Candidate> candidates = audio.candidates();
        assertThat(candidates).hasSize(2);
        Candidate udp = candidates.get(0);
        assertThat(udp.foundation()).isEqualTo("1820283399");
        assertThat(udp.component()).isEqualTo(1);
        assertThat(udp.transport()).isEqualTo("udp");
        assertThat(udp.isUdp()).isTrue();
        assertThat(udp.priority()).isEqualTo(2122260223L);
        assertThat(udp.address()).isEqualTo("127.0.0.1");
        assertThat(udp.port()).isEqualTo(59194);
        assertThat(udp.type()).isEqualTo(Candidate.Type.HOST);
        assertThat(udp.tcpType()).isEmpty();
        assertThat(udp.extensions()).containsExactly(
                new Candidate.Extension("generation", "0"),
                new Candidate.Extension("network-id", "1"),
                new Candidate.Extension("network-cost", "50"));
        Candidate tcp = candidates.get(1);
        assertThat(tcp.isTcp()).isTrue();
        assertThat(tcp.port()).isEqualTo(9);
        assertThat(tcp.tcpType()).contains(Candidate.TcpType.ACTIVE);
        assertThat(tcp.extension("network-cost")).contains("50");

        MediaDescription video = sdp.media().get(1);
        assertThat(video.mid()).contains("1");
        assertThat(video.payloadTypes()).hasSize(23).startsWith(96, 97, 102).endsWith(118, 119, 120);
        assertThat(video.rtpMap(96)).contains(Rtpmap.of(96, "VP8", 90000));
        assertThat(video.rtpMap(45)).contains(Rtpmap.of(45, "AV1", 90000));
        assertThat(video.rtpMap(97)).contains(Rtpmap.of(97, "rtx", 90000));
        assertThat(video.fmtp(97).flatMap(f -> f.parameter("apt"))).contains("96");
        Fmtp h264 = video.fmtp(102).orElseThrow();
        assertThat(h264.parameter("profile-level-id")).contains("42001f");
        assertThat(h264.parameter("PACKETIZATION-MODE")).contains("1");
        assertThat(h264.parameter("level-asymmetry-allowed")).contains("1");
        assertThat(video.fmtp(104).flatMap(f -> f.parameter("packetization-mode"))).contains("0");
        assertThat(video.fmtp(108).flatMap(f -> f.parameter("profile-level-id"))).contains("42e01f");
        assertThat(video.fmtp(120)).isEmpty();
        assertThat(video.rtcpFeedback(96)).containsExactly(
                RtcpFb.of(96, "goog-remb"), RtcpFb.of(96, "transport-cc"), RtcpFb.of(96, "ccm", "fir"),
                RtcpFb.of(96, "nack"), RtcpFb.of(96, "nack", "pli"));
        assertThat(video.rtcpFeedback(97)).isEmpty();
        assertThat(video.extMaps()).hasSize(11);
        assertThat(video.extMaps().get(9))
                .isEqualTo(ExtMap.of(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
        assertThat(video.ssrcGroups()).containsExactly(
                new SsrcGroup("FID", List.of(1978510640L, 3847747670L)));
        assertThat(video.ssrcs()).hasSize(4);
        assertThat(sdp.effectiveDirection(video)).isEqualTo(Direction.SENDONLY);
        assertThat(sdp.effectiveIceCredentials(video)).contains(
                new SessionDescription.IceCredentials("Tv1B", "ShZntvV7YAuXUdl4phuVGfmG"));
        assertThat(sdp.mediaWithMid("1")).contains(video);
    }

    @Test
    void chromiumH264First() {
        SessionDescription sdp = SessionDescription.parse(fixture("chromium-156-h264-first.sdp"));

        MediaDescription video = sdp.media().get(1);
        assertThat(video.port()).isEqualTo(9);
        assertThat(video.connections()).containsExactly(Connection.IP4_ANY);
        assertThat(video.candidates()).isEmpty();
        assertThat(video.payloadTypes()).startsWith(102, 103, 104);
        assertThat(video.rtpMaps().getFirst()).isEqualTo(Rtpmap.of(102, "H264", 90000));
        assertThat(video.fmtp(102).orElseThrow().format())
                .isEqualTo("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");
        assertThat(video.fmtp(116).flatMap(f -> f.parameter("profile-level-id"))).contains("4d001f");
        assertThat(video.fmtp(39).flatMap(f -> f.parameter("packetization-mode"))).contains("0");
        assertThat(video.ssrcGroups().getFirst().ssrcs()).containsExactly(3933227297L, 1124413719L);
        assertThat(video.fingerprints().getFirst().format()).isEqualTo("sha-256 C7:41:1D:29:38:18:36:8C:"
                + "48:9F:4D:64:7A:C5:B6:4C:01:25:0E:CB:68:19:51:ED:3D:33:F4:2A:EF:3E:BF:6E");
        assertThat(sdp.media().get(0).ssrcs().getFirst())
                .isEqualTo(Ssrc.of(4078453238L, "cname", "SER6tBdmaVjFEL/N"));
    }

    @Test
    void firefoxAudioVideo() {
        SessionDescription sdp = SessionDescription.parse(fixture("firefox-esr-153-audio-video.sdp"));

        assertThat(sdp.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-99.0");
        assertThat(sdp.direction()).contains(Direction.SENDRECV);
        assertThat(sdp.fingerprints()).hasSize(1);
        assertThat(sdp.iceOptions()).containsExactly("trickle");
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of("*")));
        assertThat(sdp.bundleGroups().getFirst().mids()).containsExactly("0", "1");

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.direction()).contains(Direction.SENDONLY);
        assertThat(sdp.effectiveDirection(audio)).isEqualTo(Direction.SENDONLY);
        assertThat(audio.fingerprints()).isEmpty();
        assertThat(sdp.effectiveFingerprints(audio)).isEqualTo(sdp.fingerprints());
        assertThat(sdp.effectiveFingerprints(audio).getFirst().algorithm()).isEqualTo("sha-256");
        assertThat(sdp.effectiveIceOptions(audio)).containsExactly("trickle");
        assertThat(sdp.effectiveSetup(audio)).contains(Setup.ACTPASS);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.rtcp()).contains(new Rtcp(44649, Optional.of(Connection.ip4("127.0.0.1"))));

        List<Candidate> candidates = audio.candidates();
        assertThat(candidates).hasSize(8);
        Candidate ipv6 = candidates.get(1);
        assertThat(ipv6.transport()).isEqualTo("UDP");
        assertThat(ipv6.isUdp()).isTrue();
        assertThat(ipv6.address()).isEqualTo("::1");
        assertThat(ipv6.port()).isEqualTo(56434);
        assertThat(ipv6.extensions()).isEmpty();
        Candidate tcp6 = candidates.get(3);
        assertThat(tcp6.transport()).isEqualTo("TCP");
        assertThat(tcp6.address()).isEqualTo("::1");
        assertThat(tcp6.tcpType()).contains(Candidate.TcpType.ACTIVE);
        assertThat(candidates.get(4).component()).isEqualTo(2);
        assertThat(candidates.get(4).format()).isEqualTo("0 2 UDP 2122187006 127.0.0.1 44649 typ host");

        assertThat(audio.extMaps().get(1)).isEqualTo(new ExtMap(2, Optional.of(Direction.RECVONLY),
                "urn:ietf:params:rtp-hdrext:csrc-audio-level", Optional.empty()));
        assertThat(audio.rtpMap(9)).contains(Rtpmap.of(9, "G722", 8000, 1));
        assertThat(audio.fmtp(109).flatMap(f -> f.parameter("stereo"))).contains("1");
        assertThat(audio.fmtp(101).orElseThrow().parameters()).containsExactly(Parameter.of("0-15"));
        assertThat(audio.msids()).containsExactly(Msid.of(
                "{f7b8814d-cb88-485b-8d93-255191d5560b}", "{95cc03b9-fe98-42f1-9095-7e10751e3e27}"));
        assertThat(audio.iceUfrag()).contains("e53ab337");
        assertThat(audio.icePwd()).contains("7c62715cb774eaf5b7ebf212d2d07b14");

        MediaDescription video = sdp.media().get(1);
        assertThat(video.port()).isZero();
        assertThat(video.bundleOnly()).isTrue();
        assertThat(video.isRejected()).isFalse();
        assertThat(video.extmapAllowMixed()).isTrue();
        assertThat(video.rtpMap(99)).contains(Rtpmap.of(99, "AV1", 90000));
        assertThat(video.rtcpFeedback(122)).hasSize(5);
        assertThat(video.ssrcGroups()).containsExactly(
                new SsrcGroup(SsrcGroup.FID, List.of(2413231710L, 2048024794L)));
        assertThat(video.fmtp(119).flatMap(f -> f.payloadType().isPresent()
                ? f.parameter("apt") : Optional.empty())).contains("122");
        assertThat(video.fmtp(119).orElseThrow().payloadType()).isEqualTo(OptionalInt.of(119));
    }
}
