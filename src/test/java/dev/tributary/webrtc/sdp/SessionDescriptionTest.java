package dev.tributary.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Hand-written descriptions for what the fixtures do not show. */
class SessionDescriptionTest {

    private static final String FINGERPRINT = "sha-256 "
            + "AA:FB:F9:57:29:F2:FF:85:87:75:01:2E:2E:9C:0D:5A:2A:2B:E8:70:F3:02:BD:B1:D7:0E:C2:67:32:04:8F:E2";

    /** Joins lines with CRLF, ending with one. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Parses, checks the text comes back byte for byte, returns the description. */
    static SessionDescription roundTrip(String text) {
        SessionDescription parsed = SessionDescription.parse(text);
        assertThat(parsed.format()).isEqualTo(text);
        assertThat(SessionDescription.parse(parsed.format())).isEqualTo(parsed);
        return parsed;
    }

    @Test
    void simulcastWithRids() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=- 4215775240449105457 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=sendonly",
                "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                "a=rtpmap:96 VP8/90000",
                "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96",
                "a=rid:h send pt=96;max-width=1280;max-height=720",
                "a=rid:m send",
                "a=rid:l send max-width=320",
                "a=simulcast:send h;m;l"));

        MediaDescription video = sdp.media().getFirst();
        assertThat(video.rids()).containsExactly(
                new Rid("h", Rid.Direction.SEND, List.of(96),
                        List.of(Parameter.of("max-width", "1280"), Parameter.of("max-height", "720"))),
                Rid.of("m", Rid.Direction.SEND),
                new Rid("l", Rid.Direction.SEND, List.of(), List.of(Parameter.of("max-width", "320"))));
        assertThat(video.rids().getFirst().restriction("max-height")).contains("720");
        assertThat(video.simulcast()).contains(new Simulcast(
                List.of(Simulcast.Stream.of("h"), Simulcast.Stream.of("m"), Simulcast.Stream.of("l")),
                List.of()));
    }

    @Test
    void simulcastAlternativesPausedAndBothDirections() {
        Simulcast simulcast = Simulcast.parse("recv 4 send 1,~2;~3");

        assertThat(simulcast.send()).containsExactly(
                new Simulcast.Stream(List.of(
                        new Simulcast.Alternative("1", false), new Simulcast.Alternative("2", true))),
                new Simulcast.Stream(List.of(new Simulcast.Alternative("3", true))));
        assertThat(simulcast.receive()).containsExactly(Simulcast.Stream.of("4"));
        assertThat(simulcast.format()).isEqualTo("send 1,~2;~3 recv 4");
        assertThat(Simulcast.parse(simulcast.format())).isEqualTo(simulcast);
    }

    @Test
    void dataChannelSection() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=- 1 1 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=mid:2",
                "a=sctp-port:5000",
                "a=max-message-size:262144"));

        MediaDescription data = sdp.media().getFirst();
        assertThat(data.media()).isEqualTo("application");
        assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.isRtp()).isFalse();
        assertThat(data.payloadTypes()).isEmpty();
        assertThat(data.sctpPort()).isEqualTo(OptionalInt.of(5000));
        assertThat(data.maxMessageSize()).isEqualTo(OptionalLong.of(262144));
        assertThat(data.rtpMaps()).isEmpty();
    }

    @Test
    void mdnsCandidateIsKeptAsAName() {
        String value = "1 1 udp 2122260223 3e2b4bd0-7b5c-4d8e-9f2a-1c3d5e7f9a0b.local 54321 typ host "
                + "generation 0 network-id 1";
        Candidate candidate = Attribute.parse("candidate:" + value).as(Candidate.class).orElseThrow();

        assertThat(candidate.address()).isEqualTo("3e2b4bd0-7b5c-4d8e-9f2a-1c3d5e7f9a0b.local");
        assertThat(candidate.port()).isEqualTo(54321);
        assertThat(candidate.type()).isEqualTo(Candidate.Type.HOST);
        assertThat(candidate.extension("network-id")).contains("1");
        assertThat(candidate.format()).isEqualTo(value);
    }

    @Test
    void srflxAndRelayCandidatesWithRelatedAddress() {
        Candidate srflx = Candidate.parse(
                "842163049 1 udp 1677729535 203.0.113.7 61234 typ srflx raddr 192.168.1.10 rport 54321 "
                        + "generation 0 ufrag Tv1B network-cost 999");
        assertThat(srflx.type()).isEqualTo(Candidate.Type.SRFLX);
        assertThat(srflx.relatedAddress()).contains("192.168.1.10");
        assertThat(srflx.relatedPort()).isEqualTo(OptionalInt.of(54321));
        assertThat(srflx.extensions()).extracting(Candidate.Extension::name)
                .containsExactly("generation", "ufrag", "network-cost");

        Candidate relay = Candidate.parse(
                "3 1 UDP 41885439 2001:db8::7 3478 TYP RELAY RADDR 2001:db8:0:0:1:0:0:1 RPORT 9 TCPTYPE passive");
        assertThat(relay.type()).isEqualTo(Candidate.Type.RELAY);
        assertThat(relay.relatedAddress()).contains("2001:db8:0:0:1:0:0:1");
        assertThat(relay.tcpType()).contains(Candidate.TcpType.PASSIVE);
        assertThat(relay.format()).isEqualTo(
                "3 1 UDP 41885439 2001:db8::7 3478 typ relay raddr 2001:db8:0:0:1:0:0:1 rport 9 tcptype passive");

        Candidate tcpSo = Candidate.parse("4 1 tcp 1 ::ffff:10.0.0.1 5000 typ prflx tcptype so");
        assertThat(tcpSo.type()).isEqualTo(Candidate.Type.PRFLX);
        assertThat(tcpSo.tcpType()).contains(Candidate.TcpType.SO);
    }

    @Test
    void iceLiteSessionWithSessionLevelCredentials() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=- 7 1 IN IP4 192.0.2.1",
                "s=-",
                "t=0 0",
                "a=ice-lite",
                "a=ice-ufrag:abcd",
                "a=ice-pwd:0123456789abcdef012345",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:passive",
                "a=recvonly",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 192.0.2.1",
                "a=mid:0",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=candidate:1 1 udp 2130706431 192.0.2.1 40000 typ host",
                "a=end-of-candidates"));

        MediaDescription audio = sdp.media().getFirst();
        assertThat(sdp.iceLite()).isTrue();
        assertThat(audio.iceUfrag()).isEmpty();
        assertThat(sdp.effectiveIceCredentials(audio))
                .contains(new SessionDescription.IceCredentials("abcd", "0123456789abcdef012345"));
        assertThat(sdp.effectiveSetup(audio)).contains(Setup.PASSIVE);
        assertThat(sdp.effectiveFingerprints(audio)).containsExactly(Fingerprint.parse(FINGERPRINT));
        assertThat(sdp.effectiveDirection(audio)).isEqualTo(Direction.RECVONLY);
        assertThat(audio.endOfCandidates()).isTrue();
    }

    @Test
    void directionDefaultsToSendrecvAndCredentialsNeedBothParts() {
        SessionDescription sdp = SessionDescription.parse(sdp(
                "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 RTP/AVP 0", "a=ice-ufrag:abcd"));

        MediaDescription audio = sdp.media().getFirst();
        assertThat(audio.direction()).isEmpty();
        assertThat(sdp.effectiveDirection(audio)).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.effectiveIceCredentials(audio)).isEmpty();
        assertThat(sdp.effectiveSetup(audio)).isEmpty();
        assertThat(sdp.effectiveExtMaps(audio)).isEmpty();
    }

    @Test
    void rejectedMediaSection() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "a=mid:0",
                "a=rtpmap:111 opus/48000/2",
                "m=video 0 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=mid:1",
                "a=inactive"));

        assertThat(sdp.media().get(0).isRejected()).isFalse();
        assertThat(sdp.media().get(1).isRejected()).isTrue();
        assertThat(sdp.media().get(1).direction()).contains(Direction.INACTIVE);
    }

    /** The shape FFmpeg's WHIP muxer sends: setup:passive in the offer, no candidates. */
    @Test
    void ffmpegWhipOffer() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=FFmpeg 4489045141692799359 2 IN IP4 127.0.0.1",
                "s=FFmpegPublishSession",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "a=extmap-allow-mixed",
                "a=msid-semantic: WMS",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:6f3f0f7a",
                "a=ice-pwd:2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:passive",
                "a=mid:0",
                "a=sendonly",
                "a=msid:FFmpeg audio",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=ssrc:1684245312 cname:FFmpeg",
                "a=ssrc:1684245312 msid:FFmpeg audio",
                "m=video 9 UDP/TLS/RTP/SAVPF 106",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:6f3f0f7a",
                "a=ice-pwd:2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:passive",
                "a=mid:1",
                "a=sendonly",
                "a=msid:FFmpeg video",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:106 H264/90000",
                "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=ssrc:2836158201 cname:FFmpeg",
                "a=ssrc:2836158201 msid:FFmpeg video"));

        assertThat(sdp.sessionName()).isEqualTo("FFmpegPublishSession");
        assertThat(sdp.msidSemantic()).contains(new MsidSemantic("WMS", List.of()));
        MediaDescription video = sdp.media().get(1);
        assertThat(video.setup()).contains(Setup.PASSIVE);
        assertThat(video.candidates()).isEmpty();
        assertThat(video.fmtp(106).flatMap(f -> f.parameter("profile-level-id"))).contains("42e01f");
        assertThat(video.msids()).containsExactly(Msid.of("FFmpeg", "video"));
    }

    /** The shape OBS sends through libdatachannel: ice-options joined by a comma. */
    @Test
    void obsLibdatachannelOffer() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=rtc 2729430312 0 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "a=group:LS 0 1",
                "a=msid-semantic:WMS *",
                "a=ice-options:ice2,trickle",
                "a=fingerprint:" + FINGERPRINT,
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=sendonly",
                "a=ssrc:4013520637 cname:AQEBAQEBAQE=",
                "a=ssrc:4013520637 msid:obs audio",
                "a=msid:obs audio",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;maxaveragebitrate=96000;stereo=1;sprop-stereo=1;useinbandfec=1",
                "a=setup:actpass",
                "a=ice-ufrag:Wbx5",
                "a=ice-pwd:AdbLS9xB5dr1dxUYdqnthg",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=mid:1",
                "a=sendonly",
                "a=rtcp-mux",
                "a=rtpmap:96 H264/90000",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=rtcp-fb:96 goog-remb",
                "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1",
                "a=setup:actpass",
                "a=ice-ufrag:Wbx5",
                "a=ice-pwd:AdbLS9xB5dr1dxUYdqnthg"));

        assertThat(sdp.iceOptions()).containsExactly("ice2", "trickle");
        assertThat(sdp.groups()).extracting(Group::semantics).containsExactly("BUNDLE", "LS");
        assertThat(sdp.bundleGroups()).hasSize(1);
        assertThat(sdp.effectiveIceOptions(sdp.media().get(1))).containsExactly("ice2", "trickle");
        assertThat(sdp.media().get(0).ssrcs().get(0).value()).contains("AQEBAQEBAQE=");
    }

    @Test
    void lfLineEndsAreAcceptedAndWrittenAsCrlf() {
        String crlf = SdpFixturesTest.fixture("chromium-156-audio-video.sdp");
        String lf = crlf.replace("\r\n", "\n");

        SessionDescription parsed = SessionDescription.parse(lf);

        assertThat(parsed).isEqualTo(SessionDescription.parse(crlf));
        assertThat(parsed.format()).isEqualTo(crlf);
    }

    @Test
    void linesOutOfRfcOrderAreAcceptedAndWrittenInOrder() {
        SessionDescription parsed = SessionDescription.parse(sdp(
                "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                "a=group:BUNDLE 0",
                "c=IN IP4 0.0.0.0",
                "t=0 0",
                "b=AS:3000",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "a=mid:0",
                "a=rtpmap:96 VP8/90000",
                "c=IN IP4 0.0.0.0",
                "b=TIAS:2500000",
                "i=camera"));

        String expected = sdp(
                "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                "c=IN IP4 0.0.0.0",
                "b=AS:3000",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "i=camera",
                "c=IN IP4 0.0.0.0",
                "b=TIAS:2500000",
                "a=mid:0",
                "a=rtpmap:96 VP8/90000");
        assertThat(parsed.format()).isEqualTo(expected);
        assertThat(SessionDescription.parse(expected)).isEqualTo(parsed);
        assertThat(parsed.media().getFirst().bandwidths()).containsExactly(new Bandwidth("TIAS", 2500000));
    }

    @Test
    void allSessionLineTypesRoundTrip() {
        SessionDescription sdp = roundTrip(sdp(
                "v=0",
                "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
                "s=Call to John Smith",
                "i=SDP Offer #1",
                "u=http://www.jdoe.example.com/home.html",
                "e=Jane Doe <jane@jdoe.example.com>",
                "p=+1 617 555-6011",
                "c=IN IP4 198.51.100.1",
                "b=CT:128",
                "t=3034423619 3042462419",
                "r=7d 1h 0 25h",
                "r=604800 3600 0 90000",
                "z=2882844526 -1h 2898848070 0",
                "t=0 0",
                "k=prompt",
                "a=recvonly",
                "m=audio 49170/2 RTP/AVP 0",
                "i=voice",
                "c=IN IP4 224.2.1.1/127/3",
                "c=IN IP4 224.2.1.2/127/3",
                "b=AS:64",
                "k=clear:secret",
                "m=video 51372 RTP/AVP 99",
                "a=rtpmap:99 h263-1998/90000"));

        assertThat(sdp.information()).contains("SDP Offer #1");
        assertThat(sdp.uri()).contains("http://www.jdoe.example.com/home.html");
        assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sdp.phones()).containsExactly("+1 617 555-6011");
        assertThat(sdp.connection()).contains(Connection.ip4("198.51.100.1"));
        assertThat(sdp.bandwidths()).containsExactly(new Bandwidth("CT", 128));
        assertThat(sdp.timings()).containsExactly(
                new Timing(3034423619L, 3042462419L, List.of("7d 1h 0 25h", "604800 3600 0 90000"),
                        Optional.of("2882844526 -1h 2898848070 0")),
                Timing.PERMANENT);
        assertThat(sdp.key()).contains("prompt");
        MediaDescription audio = sdp.media().getFirst();
        assertThat(audio.portCount()).isEqualTo(OptionalInt.of(2));
        assertThat(audio.information()).contains("voice");
        assertThat(audio.connections()).hasSize(2);
        assertThat(audio.key()).contains("clear:secret");
    }

    @Test
    void unknownAttributesAndUtf8AreKeptExactly() {
        String text = sdp(
                "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=Prüfung 🎥 直播", "i=Ünïcødé", "t=0 0",
                "a=x-custom:some value  with  spaces ",
                "a=x-flag",
                "a=x-empty:",
                "a=tool:Ström",
                "m=audio 9 UDP/TLS/RTP/SAVPF 0",
                "a=ssrc:1 cname:čřž");

        SessionDescription sdp = roundTrip(text);

        assertThat(SessionDescription.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(sdp);
        assertThat(sdp.sessionName()).isEqualTo("Prüfung 🎥 直播");
        assertThat(sdp.attribute("x-custom").flatMap(Attribute::value)).contains("some value  with  spaces ");
        assertThat(sdp.attribute("x-flag").orElseThrow().isFlag()).isTrue();
        assertThat(sdp.attribute("x-empty").flatMap(Attribute::value)).contains("");
        assertThat(sdp.media().getFirst().ssrcs().getFirst().value()).contains("čřž");
    }

    @Test
    void trailingEmptyLinesAreIgnored() {
        String text = sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0");

        assertThat(SessionDescription.parse(text + "\r\n\n").format()).isEqualTo(text);
    }
}
