package dev.tributary.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed attributes: RFC examples parse to the right values and write back. */
class AttributeTest {

    /** Parses {@code name:value}, checks it writes back unchanged, returns the typed view. */
    private static AttributeValue typed(String line) {
        Attribute attribute = Attribute.parse(line);
        assertThat(attribute.format()).isEqualTo(line);
        AttributeValue value = attribute.typed().orElseThrow();
        assertThat(Attribute.of(value).typed()).contains(value);
        return value;
    }

    @Test
    void rfc8839Candidates() {
        assertThat(typed("candidate:1 1 UDP 2130706431 203.0.113.141 8998 typ host"))
                .isEqualTo(Candidate.host("1", 1, "UDP", 2130706431L, "203.0.113.141", 8998));
        Candidate srflx = (Candidate) typed(
                "candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 203.0.113.141 rport 8998");
        assertThat(srflx.relatedAddress()).contains("203.0.113.141");
        assertThat(srflx.relatedPort()).isEqualTo(OptionalInt.of(8998));
    }

    @Test
    void rfc6544TcpCandidate() {
        Candidate tcp = (Candidate) typed("candidate:2 1 TCP 2124414975 10.0.1.1 9 typ host tcptype active");

        assertThat(tcp.isTcp()).isTrue();
        assertThat(tcp.tcpType()).contains(Candidate.TcpType.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "::", "::1", "1::", "fe80::1ff:fe23:4567:890a", "2001:db8:85a3:0:0:8a2e:370:7334",
        "::ffff:192.0.2.128", "64:ff9b::192.0.2.33", "localhost", "host.example.com.", "a_b.local"
    })
    void candidateAcceptsAddressForms(String address) {
        assertThat(Candidate.parse("1 1 udp 1 " + address + " 9 typ host").address()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
        "fe80::1%eth0", "-", "a..b", ".local", "g::1", "１.2.3.4"
    })
    void candidateRejectsMalformedAddresses(String address) {
        assertThatThrownBy(() -> Candidate.parse("1 1 udp 1 " + address + " 9 typ host"))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void rfc8122Fingerprint() {
        Fingerprint fingerprint = (Fingerprint) typed(
                "fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        byte[] digest = HexFormat.of().parseHex("4AADB9B13F82183B540212DF3E5D496B19E57CAB");

        assertThat(fingerprint.hashFunction()).isEqualTo("SHA-1");
        assertThat(fingerprint.algorithm()).isEqualTo("sha-1");
        assertThat(fingerprint.bytes()).isEqualTo(digest);
        assertThat(fingerprint.matches("sha-1", digest)).isTrue();
        assertThat(fingerprint.matches("sha-256", digest)).isFalse();
        digest[0] ^= 1;
        assertThat(fingerprint.matches("sha-1", digest)).isFalse();
    }

    @Test
    void fingerprintHexIsCaseInsensitiveAndWrittenUpperCase() {
        Fingerprint lower = Fingerprint.parse("sha-1 4a:ad:b9:b1:3f:82:18:3b:54:02:12:df:3e:5d:49:6b:19:e5:7c:ab");

        assertThat(lower.format()).isEqualTo("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        assertThat(Fingerprint.parse("x-new-hash 01").bytes()).containsExactly(1);
        assertThatThrownBy(() -> Fingerprint.parse("sha-1 4A:AD:"))
                .isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> Fingerprint.parse("sha-1 4AA:D"))
                .isInstanceOf(ParseException.class);
    }

    /** The a=fingerprint value of a Chrome offer. */
    private static final String CHROME_FINGERPRINT =
            "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10";

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "sha-256 4F8B0C2C5A7E123A95F7213BA41D6E9C8057C60FAB31E24419D87B6605CE9310",
        "sha-256 4F-8B-0C-2C-5A-7E-12-3A-95-F7-21-3B-A4-1D-6E-9C-80-57-C6-0F-AB-31-E2-44-19-D8-7B-66-05-CE-93-10",
        "sha-256 ４F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE 93:10",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE::931",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10:",
        "4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10",
    })
    void fingerprintRejectsMalformedHex(String value) {
        assertThatThrownBy(() -> Fingerprint.parse(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void everyTruncatedSha256FingerprintIsAParseException() {
        assertThat(Fingerprint.parse(CHROME_FINGERPRINT).format()).isEqualTo(CHROME_FINGERPRINT);
        for (int length = 0; length < CHROME_FINGERPRINT.length(); length++) {
            String truncated = CHROME_FINGERPRINT.substring(0, length);
            assertThatThrownBy(() -> Fingerprint.parse(truncated)).as(truncated).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void rfc8285ExtMapWithDirectionAndExtensionAttributes() {
        assertThat(typed("extmap:2/sendrecv http://example.com/082005/ext.htm#xmeta short"))
                .isEqualTo(new ExtMap(2, Optional.of(Direction.SENDRECV),
                        "http://example.com/082005/ext.htm#xmeta", Optional.of("short")));
        assertThat(typed("extmap:1 http://example.com/082005/ext.htm#ttime"))
                .isEqualTo(ExtMap.of(1, "http://example.com/082005/ext.htm#ttime"));
    }

    @Test
    void rfc4585Feedback() {
        assertThat(typed("rtcp-fb:* nack")).isEqualTo(RtcpFb.of(RtcpFb.ANY_PAYLOAD_TYPE, "nack"));
        assertThat(RtcpFb.parse("* nack").appliesTo(96)).isTrue();
        assertThat(typed("rtcp-fb:98 nack rpsi")).isEqualTo(RtcpFb.of(98, "nack", "rpsi"));
        assertThat(typed("rtcp-fb:98 ccm tmmbr smaxpr=120")).isEqualTo(RtcpFb.of(98, "ccm", "tmmbr smaxpr=120"));
    }

    @Test
    void extraSpacesChangeNeitherTheTextNorTheTypedValue() {
        Attribute attribute = Attribute.parse("rtcp-fb:96  nack  pli ");

        assertThat(attribute.value()).contains("96  nack  pli ");
        assertThat(attribute.as(RtcpFb.class)).contains(RtcpFb.of(96, "nack", "pli"));
        assertThat(Ssrc.parse("1 cname:x ").value()).contains("x");
        assertThat(ExtMap.parse(" 1  urn:x  a b ").extensionAttributes()).contains("a b");
        assertThat(Fmtp.parse("96 apt=97 ").parameterText()).isEqualTo("apt=97");
        assertThat(Mid.parse(" 0 ").id()).isEqualTo("0");
    }

    @Test
    void rfc5576SourceAttributes() {
        assertThat(typed("ssrc:314159 cname:user@example.com"))
                .isEqualTo(Ssrc.of(314159, "cname", "user@example.com"));
        assertThat(typed("ssrc:314159 previous-ssrc"))
                .isEqualTo(new Ssrc(314159, "previous-ssrc", Optional.empty()));
        assertThat(typed("ssrc-group:FEC 314159 271828"))
                .isEqualTo(new SsrcGroup("FEC", List.of(314159L, 271828L)));
        assertThat(typed("ssrc:4294967295 cname:x")).isEqualTo(Ssrc.of(4294967295L, "cname", "x"));
    }

    @Test
    void rfc3605Rtcp() {
        assertThat(typed("rtcp:53020")).isEqualTo(new Rtcp(53020, Optional.empty()));
        assertThat(typed("rtcp:53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD"))
                .isEqualTo(new Rtcp(53020, Optional.of(Connection.ip6("2001:2345:6789:ABCD:EF01:2345:6789:ABCD"))));
    }

    @Test
    void rfc8851Rid() {
        Rid rid = (Rid) typed("rid:1 send pt=97,98;max-width=1280;max-height=720;max-fps=30");

        assertThat(rid.id()).isEqualTo("1");
        assertThat(rid.direction()).isEqualTo(Rid.Direction.SEND);
        assertThat(rid.payloadTypes()).containsExactly(97, 98);
        assertThat(rid.restriction("max-fps")).contains("30");
        assertThat(typed("rid:5 recv depend=4")).isEqualTo(new Rid("5", Rid.Direction.RECV, List.of(),
                List.of(Parameter.of("depend", "4"))));
        assertThat(Rid.parse("h send max-width=1280;pt=96").format()).isEqualTo("h send pt=96;max-width=1280");
    }

    @Test
    void rfc8853Simulcast() {
        assertThat(typed("simulcast:send 1;2,3 recv 4")).isEqualTo(new Simulcast(
                List.of(Simulcast.Stream.of("1"), new Simulcast.Stream(List.of(
                        new Simulcast.Alternative("2", false), new Simulcast.Alternative("3", false)))),
                List.of(Simulcast.Stream.of("4"))));
        Simulcast paused = (Simulcast) typed("simulcast:recv 1;~2;3");
        assertThat(paused.send()).isEmpty();
        assertThat(paused.receive().get(1).alternatives()).containsExactly(new Simulcast.Alternative("2", true));
    }

    @Test
    void rfc8841DataChannelAttributes() {
        assertThat(typed("sctp-port:5000")).isEqualTo(new SctpPort(5000));
        assertThat(typed("max-message-size:100000")).isEqualTo(new MaxMessageSize(100000));
    }

    @Test
    void rfc8839IcePacing() {
        assertThat(typed("ice-pacing:20")).isEqualTo(new IcePacing(20));
        assertThat(typed("ice-pacing:9999999999")).isEqualTo(new IcePacing(9_999_999_999L));
        assertThatThrownBy(() -> Attribute.parse("ice-pacing:fast")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> Attribute.parse("ice-pacing:10000000000")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> Attribute.parse("ice-pacing:20 50")).isInstanceOf(ParseException.class);
    }

    @Test
    void groupsMidsAndMsid() {
        assertThat(typed("group:LS 1 2")).isEqualTo(new Group("LS", List.of("1", "2")));
        assertThat(((Group) typed("group:bundle 0")).isBundle()).isTrue();
        assertThat(typed("group:BUNDLE")).isEqualTo(Group.bundle(List.of()));
        assertThat(typed("mid:audio")).isEqualTo(new Mid("audio"));
        assertThat(typed("msid:- 1f2b")).isEqualTo(Msid.of("-", "1f2b"));
        assertThat(typed("msid:stream")).isEqualTo(new Msid("stream", Optional.empty()));
    }

    @Test
    void rtpmapAndFmtp() {
        assertThat(typed("rtpmap:0 PCMU/8000")).isEqualTo(Rtpmap.of(0, "PCMU", 8000));
        assertThat(typed("rtpmap:111 opus/48000/2").toString()).isEqualTo("111 opus/48000/2");
        Fmtp fmtp = (Fmtp) typed("fmtp:96 profile-level-id=42e01f; packetization-mode=1;;sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==");
        assertThat(fmtp.parameters()).containsExactly(Parameter.of("profile-level-id", "42e01f"),
                Parameter.of("packetization-mode", "1"),
                Parameter.of("sprop-parameter-sets", "Z0IAH5WoFAFuQA==,aM48gA=="));
        assertThat(fmtp.parameter("nope")).isEmpty();
        assertThat(Fmtp.of(97, List.of(Parameter.of("apt", "96"))).format()).isEqualTo("97 apt=96");
        assertThat(typed("fmtp:webrtc-datachannel max-message-size=100000"))
                .isEqualTo(new Fmtp("webrtc-datachannel", "max-message-size=100000"));
        assertThat(Fmtp.parse("webrtc-datachannel x").payloadType()).isEmpty();
        assertThat(typed("fmtp:96")).isEqualTo(new Fmtp("96", ""));
    }

    @Test
    void iceAttributes() {
        assertThat(typed("ice-ufrag:8hhY")).isEqualTo(new IceUfrag("8hhY"));
        assertThat(typed("ice-pwd:asd88fgpdd777uzjYhagZg")).isEqualTo(new IcePwd("asd88fgpdd777uzjYhagZg"));
        assertThat(typed("ice-options:trickle ice2")).isEqualTo(new IceOptions(List.of("trickle", "ice2")));
    }

    @Test
    void setupAndDirection() {
        assertThat(typed("setup:actpass")).isEqualTo(Setup.ACTPASS);
        assertThat(Setup.parse("PASSIVE")).isEqualTo(Setup.PASSIVE);
        assertThat(Attribute.of(Setup.ACTIVE).format()).isEqualTo("setup:active");
        assertThat(Attribute.of(Direction.RECVONLY).format()).isEqualTo("recvonly");
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reversed()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.INACTIVE.reversed()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.sends() && Direction.SENDRECV.receives()).isTrue();
        assertThat(Direction.fromAttributeName("SENDONLY")).isEmpty();
    }

    @Test
    void flagsAndUnknownAttributes() {
        assertThat(Attribute.parse("rtcp-mux")).isEqualTo(Attribute.RTCP_MUX);
        assertThat(Attribute.RTCP_MUX.isFlag()).isTrue();
        assertThat(Attribute.RTCP_MUX.value()).isEmpty();
        assertThat(Attribute.RTCP_MUX.toString()).isEqualTo("a=rtcp-mux");
        assertThat(Attribute.isKnownFlag("ice-lite")).isTrue();
        Attribute unknown = Attribute.of("x-google-flag", "conference");
        assertThat(unknown.typed()).isEmpty();
        assertThat(unknown.as(Mid.class)).isEmpty();
        assertThat(Attribute.parse("rtcp-xr:rcvr-rtt=all").value()).contains("rcvr-rtt=all");
        assertThat(Attribute.parse("x:")).isNotEqualTo(Attribute.parse("x"));
        assertThat(Attribute.mid("0")).isEqualTo(Attribute.parse("mid:0"));
        assertThatThrownBy(() -> Attribute.flag("mid")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> Attribute.of("x", "a\nb")).isInstanceOf(ParseException.class);
    }

    @Test
    void constructorsRejectWhatCouldNotBeWritten() {
        assertThatThrownBy(() -> Rtpmap.of(128, "opus", 48000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rtpmap.of(96, "op/us", 48000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rtpmap.of(96, "opus", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpFb.of(96, "nack", " pli")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpFb.of(96, "nack", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Candidate.host("1", 1, "udp", 1, "not an address", 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Candidate.Extension("raddr", "1.2.3.4"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Parameter.of("a;b", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Parameter.of("a", " 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fingerprint("sha-256", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceUfrag("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Simulcast(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rid("h", Rid.Direction.SEND, List.of(), List.of(Parameter.of("pt", "96"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ssrc(-1, "cname", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timing(0, 0, List.of("7d"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void originHelpers() {
        assertThat(Origin.of(42, 1).format()).isEqualTo("- 42 1 IN IP4 0.0.0.0");
        assertThat(Origin.parse("- 1 18446744073709551615 IN IP4 0.0.0.0").withNextVersion().sessionVersion())
                .isEqualTo("18446744073709551616");
    }
}
