package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceTcpType;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.sdp.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpCandidatesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "1820283399 1 udp 2122260223 127.0.0.1 59194 typ host",
        "2463467155 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active",
        "842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.168.1.2 rport 54609",
        "3 1 udp 41885439 2001:db8::1 3478 typ relay raddr 203.0.113.7 rport 61000",
        "4 1 tcp 1518280447 ::1 50000 typ prflx tcptype so",
        "0 1 udp 2122252543 4c8b2a1e-6d2f-4a3b-9c1d-2f3e4a5b6c7d.local 51234 typ host"})
    void convertsBothWays(String line) {
        Candidate sdp = Candidate.parse(line);
        IceCandidate ice = SdpCandidates.toIce(sdp).orElseThrow();
        assertThat(ice.address()).isEqualTo(sdp.address());
        assertThat(ice.port()).isEqualTo(sdp.port());
        assertThat(ice.priority()).isEqualTo(sdp.priority());
        assertThat(SdpCandidates.toSdp(ice)).isEqualTo(sdp);
        assertThat(SdpCandidates.toIce(SdpCandidates.toSdp(ice))).contains(ice);
    }

    @Test
    void mapsFields() {
        IceCandidate ice = SdpCandidates.toIce(Candidate.parse(
                "9 2 TCP 1518280447 10.0.0.1 9 typ srflx raddr 10.0.0.2 rport 7 tcptype passive generation 0"))
                .orElseThrow();
        assertThat(ice).isEqualTo(new IceCandidate("9", 2, IceTransportProtocol.TCP, 1518280447, "10.0.0.1", 9,
                IceCandidateType.SRFLX, "10.0.0.2", 7, IceTcpType.PASSIVE));
        assertThat(SdpCandidates.toSdp(ice).format())
                .isEqualTo("9 2 tcp 1518280447 10.0.0.1 9 typ srflx raddr 10.0.0.2 rport 7 tcptype passive");
    }

    @Test
    void skipsWhatTheAgentCannotHold() {
        assertThat(SdpCandidates.toIce(Candidate.parse("1 1 sctp 100 10.0.0.1 9 typ host"))).isEmpty();
        assertThat(SdpCandidates.toIce(Candidate.parse("1 1 udp 0 10.0.0.1 9 typ host"))).isEmpty();
        assertThat(SdpCandidates.toIce(Candidate.parse("1 1 udp 4294967295 10.0.0.1 9 typ host"))).isEmpty();
        assertThat(SdpCandidates.toIce(Candidate.parse("1 1 udp 100 10.0.0.1 9 typ host tcptype active"))).isEmpty();
        assertThat(SdpCandidates.toIce(List.of(Candidate.parse("1 1 sctp 100 10.0.0.1 9 typ host"),
                Candidate.parse("2 1 udp 100 10.0.0.1 9 typ host")))).extracting(IceCandidate::foundation)
                .containsExactly("2");
    }

    @Test
    void refusesAddressesSdpCannotWrite() {
        IceCandidate odd = new IceCandidate("1", 1, IceTransportProtocol.UDP, 100, "not an address", 9,
                IceCandidateType.HOST, null, 0, null);
        assertThatThrownBy(() -> SdpCandidates.toSdp(odd)).isInstanceOf(IllegalArgumentException.class);
    }
}
