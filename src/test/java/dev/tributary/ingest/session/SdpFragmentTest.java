package dev.tributary.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.dtls.DtlsCertificate;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.peer.LocalTransport;
import dev.tributary.webrtc.peer.RTCIceCandidate;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpFragmentTest {

    @Test
    void readsATrickleFragmentWithCandidatesAndTheEnd() {
        SdpFragment fragment = SdpFragment.parse("""
                a=ice-options:trickle\r
                m=audio 9 UDP/TLS/RTP/SAVPF 111\r
                a=mid:0\r
                a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r
                a=end-of-candidates\r
                """);
        assertThat(fragment.iceUfrag()).isEmpty();
        assertThat(fragment.mids()).containsExactly("0");
        assertThat(fragment.candidates()).extracting(RTCIceCandidate::sdpMid).containsExactly("0", "0");
        assertThat(fragment.candidates().get(0).candidate()).startsWith("candidate:1 1 udp");
        assertThat(fragment.candidates().get(1).isEndOfCandidates()).isTrue();
    }

    /**
     * What simple-whip-client PATCHes for GStreamer's webrtcbin: the current credentials at session
     * level, a placeholder m-line with the first MID, UDP and TCP (active with port 9, passive)
     * candidates on IPv4, IPv6 and link-local IPv6 without a zone, all in one batch.
     */
    @Test
    void readsWebrtcbinsTrickleFragment() {
        SdpFragment fragment = SdpFragment.parse("""
                a=ice-ufrag:k7LfMxr3T3zrdo74Oa9krg03owtyCy0c\r
                a=ice-pwd:AWGnrcq3M+PipGFTUpRJ/Aw8QMQUoLkK\r
                m=audio 9 RTP/AVP 0\r
                a=mid:video0\r
                a=candidate:1 1 UDP 2015363327 192.0.2.2 48842 typ host\r
                a=candidate:2 1 TCP 1015021823 192.0.2.2 9 typ host tcptype active\r
                a=candidate:3 1 TCP 1010827519 192.0.2.2 40455 typ host tcptype passive\r
                a=candidate:4 1 UDP 2015363583 fd00::2 35837 typ host\r
                a=candidate:7 1 UDP 2015363839 fe80::fc:ff:fe00:1 54006 typ host\r
                a=candidate:8 1 TCP 1015022335 fe80::fc:ff:fe00:1 9 typ host tcptype active\r
                a=end-of-candidates\r
                """);
        assertThat(fragment.iceUfrag()).hasValue("k7LfMxr3T3zrdo74Oa9krg03owtyCy0c");
        assertThat(fragment.icePwd()).hasValue("AWGnrcq3M+PipGFTUpRJ/Aw8QMQUoLkK");
        assertThat(fragment.mids()).containsExactly("video0");
        assertThat(fragment.candidates()).hasSize(7).extracting(RTCIceCandidate::sdpMid).containsOnly("video0");
        assertThat(fragment.candidates().get(1).candidate()).isEqualTo("candidate:2 1 TCP 1015021823 192.0.2.2 9 typ host tcptype active");
        assertThat(fragment.candidates().getLast().isEndOfCandidates()).isTrue();
    }

    @Test
    void readsAnIceRestartAndAnswersWithTheNewCredentials() {
        SdpFragment fragment = SdpFragment.parse("a=ice-ufrag:newU\na=ice-pwd:newpasswordnewpassword12\nm=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:1\n");
        assertThat(fragment.iceUfrag()).hasValue("newU");
        assertThat(fragment.icePwd()).hasValue("newpasswordnewpassword12");

        LocalTransport local = new LocalTransport("srvU", "serverpasswordserverpass", true,
                List.of(IceCandidate.host(new InetSocketAddress("127.0.0.1", 8189), 65535)), true,
                DtlsCertificate.shared().fingerprint());
        String answer = SdpFragment.answer(local, fragment.mids());
        assertThat(answer).contains("a=ice-lite\r\n", "a=ice-ufrag:srvU\r\n", "a=ice-pwd:serverpasswordserverpass\r\n",
                "a=mid:1\r\n", " 127.0.0.1 8189 typ host", "a=end-of-candidates\r\n");
        SdpFragment reread = SdpFragment.parse(answer);
        assertThat(reread.iceUfrag()).hasValue("srvU");
        assertThat(reread.candidates()).hasSize(2);
    }

    @Test
    void refusesMalformedFragments() {
        assertThatThrownBy(() -> SdpFragment.parse("not sdp")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> SdpFragment.parse("a=candidate:garbage\n")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> SdpFragment.parse("a=ice-ufrag:only\n")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> SdpFragment.parse("a=x\n".repeat(5000))).isInstanceOf(ParseException.class);
    }
}
