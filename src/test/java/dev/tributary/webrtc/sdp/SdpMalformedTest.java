package dev.tributary.webrtc.sdp;

import static dev.tributary.webrtc.sdp.SessionDescriptionTest.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed descriptions: each fails with a ParseException naming the line and the problem. */
class SdpMalformedTest {

    private static final String HEAD = sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0");
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111";

    /** HEAD, an audio section and one more line: the extra line is line 6. */
    private static String withMediaLine(String line) {
        return HEAD + sdp(AUDIO, line);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty text", "", 1, "expected v="),
                Arguments.of("missing v=", sdp("o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0"), 1, "expected v="),
                Arguments.of("version 1", sdp("v=1", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0"), 1, "version"),
                Arguments.of("o= missing fields", sdp("v=0", "o=- 1 1 IN IP4", "s=-", "t=0 0"), 2,
                        "missing address"),
                Arguments.of("o= session id not numeric", sdp("v=0", "o=- abc 1 IN IP4 0.0.0.0", "s=-", "t=0 0"),
                        2, "session id"),
                Arguments.of("o= extra field", sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0 x", "s=-", "t=0 0"), 2,
                        "unexpected"),
                Arguments.of("missing s=", sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "t=0 0"), 3, "expected s="),
                Arguments.of("missing t=", sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", AUDIO), 4, "missing t="),
                Arguments.of("t= overflows", sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-",
                        "t=99999999999999999999 0"), 4, "out of range"),
                Arguments.of("r= without t= before it", HEAD + sdp("a=x", "r=7d 1h 0"), 6, "r= must follow"),
                Arguments.of("z= malformed", HEAD + sdp("z=1"), 5, "pairs"),
                Arguments.of("second o=", HEAD + sdp("o=- 1 1 IN IP4 0.0.0.0"), 5, "o= line not allowed"),
                Arguments.of("second session c=", HEAD + sdp("c=IN IP4 0.0.0.0", "c=IN IP4 0.0.0.0"), 6, "twice"),
                Arguments.of("bad c=", HEAD + sdp("c=IN IP4"), 5, "missing connection address"),
                Arguments.of("bad b=", HEAD + sdp("b=AS"), 5, "<type>:<bandwidth>"),
                Arguments.of("unknown line type", HEAD + sdp("x=foo"), 5, "unknown line type x="),
                Arguments.of("upper-case line type", HEAD + sdp("A=foo"), 5, "unknown line type A="),
                Arguments.of("no '='", HEAD + sdp("a:foo"), 5, "not a <type>=<value> line"),
                Arguments.of("empty line", sdp("v=0", "", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0"), 2,
                        "empty line"),
                Arguments.of("truncated text", HEAD + "m=audio 9 UDP/TLS/RTP/SAV", 5, "no line end"),
                Arguments.of("CR inside a line", HEAD + "a=x:1\r2\r\n", 5, "NUL or CR"),
                Arguments.of("NUL inside a line", HEAD + "a=x:1\u00002\r\n", 5, "NUL or CR"),
                Arguments.of("m= port not numeric", HEAD + sdp("m=audio nine UDP/TLS/RTP/SAVPF 111"), 5,
                        "port is not a number"),
                Arguments.of("m= port over 65535", HEAD + sdp("m=audio 65536 UDP/TLS/RTP/SAVPF 111"), 5,
                        "out of range"),
                Arguments.of("m= negative port", HEAD + sdp("m=audio -9 UDP/TLS/RTP/SAVPF 111"), 5,
                        "not a number"),
                Arguments.of("m= port count 0", HEAD + sdp("m=audio 9/0 RTP/AVP 0"), 5, "port count"),
                Arguments.of("m= without formats", HEAD + sdp("m=application 9 UDP/DTLS/SCTP"), 5, "no formats"),
                Arguments.of("m= payload type 128", HEAD + sdp("m=audio 9 UDP/TLS/RTP/SAVPF 128"), 5,
                        "payload type 0..127"),
                Arguments.of("m= bad protocol", HEAD + sdp("m=audio 9 UDP//SAVPF 0"), 5, "protocol"),
                Arguments.of("t= in media section", withMediaLine("t=0 0"), 6, "t= line not allowed in a media"),
                Arguments.of("second i= in media", HEAD + sdp(AUDIO, "i=a", "i=b"), 7, "i= line given twice"),
                Arguments.of("rtpmap without clock rate", withMediaLine("a=rtpmap:111 opus"), 6,
                        "a=rtpmap: missing clock rate"),
                Arguments.of("rtpmap payload type 300", withMediaLine("a=rtpmap:300 opus/48000"), 6,
                        "a=rtpmap: payload type out of range"),
                Arguments.of("rtpmap clock rate overflow", withMediaLine("a=rtpmap:111 opus/99999999999"), 6,
                        "clock rate out of range"),
                Arguments.of("rtpmap zero channels", withMediaLine("a=rtpmap:111 opus/48000/0"), 6, "channels"),
                Arguments.of("fmtp empty parameter name", withMediaLine("a=fmtp:111 =1"), 6, "a=fmtp"),
                Arguments.of("rtcp-fb without type", withMediaLine("a=rtcp-fb:111"), 6, "missing feedback type"),
                Arguments.of("fingerprint bad hex", withMediaLine("a=fingerprint:sha-256 ZZ:FB"), 6,
                        "a=fingerprint: fingerprint is not hex"),
                Arguments.of("fingerprint wrong length", withMediaLine("a=fingerprint:sha-256 AA:FB"), 6,
                        "must have 32 bytes"),
                Arguments.of("fingerprint missing bytes", withMediaLine("a=fingerprint:sha-256"), 6,
                        "missing fingerprint"),
                Arguments.of("candidate missing typ", withMediaLine(
                        "a=candidate:1 1 udp 2122260223 127.0.0.1 59194 host"), 6, "a=candidate: expected \"typ\""),
                Arguments.of("candidate cut short", withMediaLine("a=candidate:1 1 udp 2122260223 127.0.0.1"), 6,
                        "a=candidate: missing port"),
                Arguments.of("candidate bad type", withMediaLine(
                        "a=candidate:1 1 udp 1 127.0.0.1 9 typ local"), 6, "unknown candidate type"),
                Arguments.of("candidate bad IPv4", withMediaLine(
                        "a=candidate:1 1 udp 1 999.0.0.1 9 typ host"), 6, "not an IPv4 or IPv6 address"),
                Arguments.of("candidate bad IPv6", withMediaLine(
                        "a=candidate:1 1 udp 1 2001:db8:::1 9 typ host"), 6, "not an IPv4 or IPv6 address"),
                Arguments.of("candidate port 70000", withMediaLine(
                        "a=candidate:1 1 udp 1 127.0.0.1 70000 typ host"), 6, "port out of range"),
                Arguments.of("candidate priority overflow", withMediaLine(
                        "a=candidate:1 1 udp 99999999999 127.0.0.1 9 typ host"), 6, "priority out of range"),
                Arguments.of("candidate component 0", withMediaLine(
                        "a=candidate:1 0 udp 1 127.0.0.1 9 typ host"), 6, "component"),
                Arguments.of("candidate extension without value", withMediaLine(
                        "a=candidate:1 1 udp 1 127.0.0.1 9 typ host generation"), 6, "missing value of generation"),
                Arguments.of("candidate raddr twice", withMediaLine(
                        "a=candidate:1 1 udp 1 127.0.0.1 9 typ srflx raddr 1.2.3.4 raddr 1.2.3.4"), 6, "twice"),
                Arguments.of("candidate bad tcptype", withMediaLine(
                        "a=candidate:1 1 tcp 1 127.0.0.1 9 typ host tcptype both"), 6, "unknown tcptype"),
                Arguments.of("ssrc over 2^32-1", withMediaLine("a=ssrc:4294967296 cname:x"), 6, "SSRC out of range"),
                Arguments.of("ssrc without attribute", withMediaLine("a=ssrc:1"), 6, "source attribute"),
                Arguments.of("ssrc-group bad ssrc", withMediaLine("a=ssrc-group:FID 1 x"), 6, "SSRC is not a number"),
                Arguments.of("sctp-port over 65535", withMediaLine("a=sctp-port:70000"), 6, "out of range"),
                Arguments.of("max-message-size overflow", withMediaLine("a=max-message-size:99999999999999999999"),
                        6, "out of range"),
                Arguments.of("setup unknown role", withMediaLine("a=setup:both"), 6, "unknown setup role"),
                Arguments.of("mid with two words", withMediaLine("a=mid:0 1"), 6, "a=mid: unexpected"),
                Arguments.of("mid without value", withMediaLine("a=mid"), 6, "a=mid needs a value"),
                Arguments.of("flag with value", withMediaLine("a=rtcp-mux:yes"), 6, "a=rtcp-mux takes no value"),
                Arguments.of("attribute name not a token", withMediaLine("a=bad name:x"), 6, "not a token"),
                Arguments.of("empty attribute", withMediaLine("a="), 6, "not a token"),
                Arguments.of("ice-ufrag too short", withMediaLine("a=ice-ufrag:abc"), 6, "4 to 256"),
                Arguments.of("ice-pwd bad character", withMediaLine("a=ice-pwd:0123456789-0123456789-01"), 6,
                        "22 to 256"),
                Arguments.of("extmap id 0", withMediaLine("a=extmap:0 urn:x"), 6, "extension id"),
                Arguments.of("extmap bad direction", withMediaLine("a=extmap:1/sideways urn:x"), 6,
                        "unknown direction"),
                Arguments.of("extmap without URI", withMediaLine("a=extmap:1"), 6, "missing extension URI"),
                Arguments.of("rid bad direction", withMediaLine("a=rid:h sendrecv"), 6, "send or recv"),
                Arguments.of("rid bad id", withMediaLine("a=rid:h! send"), 6, "rid id"),
                Arguments.of("rid pt twice", withMediaLine("a=rid:h send pt=96;pt=97"), 6, "once"),
                Arguments.of("rid payload type 128", withMediaLine("a=rid:h send pt=128"), 6, "out of range"),
                Arguments.of("simulcast empty alternative", withMediaLine("a=simulcast:send h;;l"), 6, "rid id"),
                Arguments.of("simulcast send twice", withMediaLine("a=simulcast:send h send l"), 6, "once each"),
                Arguments.of("simulcast without streams", withMediaLine("a=simulcast:send"), 6,
                        "missing simulcast streams"),
                Arguments.of("msid with three words", withMediaLine("a=msid:a b c"), 6, "unexpected"),
                Arguments.of("group without semantics", withMediaLine("a=group:"), 6, "missing group semantics"),
                Arguments.of("rtcp bad port", withMediaLine("a=rtcp:port"), 6, "rtcp port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsWithLineNumber(String name, String text, int line, String message) {
        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("line " + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(line));
    }

    @Test
    void rejectsTextOverTheSizeLimit() {
        String text = HEAD + ("a=x-padding:" + "x".repeat(1000) + "\r\n").repeat(300);

        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("longer than 262144");
    }

    @Test
    void rejectsAnOverlongLine() {
        String text = HEAD + "a=x-long:" + "x".repeat(SessionDescription.MAX_LINE_LENGTH) + "\r\n";

        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("line 5: line longer than 8192");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = (HEAD + "s=\u00ff\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SessionDescription.parse(bytes))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void everyCutInsideTheLastLineIsRejected() {
        String text = SdpFixturesTest.fixture("firefox-esr-153-audio-video.sdp");
        int lastLineStart = text.lastIndexOf('\n', text.length() - 2) + 1;

        for (int cut = lastLineStart + 1; cut < text.length() - 1; cut++) {
            String truncated = text.substring(0, cut);
            assertThatThrownBy(() -> SessionDescription.parse(truncated))
                    .as("cut at %d", cut)
                    .isInstanceOf(ParseException.class);
        }
    }

    @Test
    void everyPrefixEitherParsesOrFailsWithParseException() {
        String text = SdpFixturesTest.fixture("chromium-156-audio-video.sdp");

        for (int cut = 0; cut < text.length(); cut++) {
            String prefix = text.substring(0, cut);
            try {
                SessionDescription parsed = SessionDescription.parse(prefix);
                assertThat(prefix).as("only whole lines parse").endsWith("\n");
                assertThat(parsed.format()).isEqualTo(prefix);
            } catch (ParseException expected) {
                assertThat(expected.offset()).isPositive();
            }
        }
    }
}
