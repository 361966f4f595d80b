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
