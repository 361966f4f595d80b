package dev.tributary.webrtc.ice;

import static dev.tributary.webrtc.ice.IceTestbed.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Priorities, candidates, credentials and configuration. */
class IceModelTest {

    @Test
    void candidatePriorityFollowsRfc8445() {
        // 126 * 2^24 + 65535 * 2^8 + 255
        assertThat(IcePriority.candidatePriority(IceCandidateType.HOST, 65535, 1)).isEqualTo(2_130_706_431L);
        assertThat(IcePriority.candidatePriority(IceCandidateType.SRFLX, 65535, 1)).isEqualTo(1_694_498_815L);
        assertThat(IcePriority.candidatePriority(IceCandidateType.PRFLX, 0, 1)).isEqualTo(1_845_494_015L);
        assertThat(IcePriority.candidatePriority(IceCandidateType.RELAY, 0, 256)).isZero();
        assertThatThrownBy(() -> IcePriority.candidatePriority(IceCandidateType.HOST, 65536, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IcePriority.candidatePriority(IceCandidateType.HOST, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairPriorityFollowsRfc8445AndBreaksTiesByRole() {
        long g = 2_130_706_431L;
        long d = 1_694_498_815L;
        assertThat(IcePriority.pairPriority(g, d)).isEqualTo((d << 32) + 2 * g + 1);
        assertThat(IcePriority.pairPriority(d, g)).isEqualTo((d << 32) + 2 * g);
        assertThat(IcePriority.pairPriority(g, g)).isEqualTo((g << 32) + 2 * g);
        // Both agents order pairs the same way: the min term dominates.
        assertThat(IcePriority.pairPriority(g, d)).isGreaterThan(IcePriority.pairPriority(d, d));
        assertThat(IcePriority.pairPriority(IceCandidate.MAX_PRIORITY, IceCandidate.MAX_PRIORITY)).isPositive();
    }

    @Test
    void localPreferencesInterleaveAddressFamilies() {
        assertThat(List.of(IcePriority.localPreference(true, 0), IcePriority.localPreference(false, 0),
                IcePriority.localPreference(true, 1), IcePriority.localPreference(false, 1)))
                .containsExactly(65535, 65534, 65533, 65532);
        assertThat(IcePriority.localPreference(false, 40_000)).isZero();
        assertThatThrownBy(() -> IcePriority.localPreference(true, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostCandidateHasAStableFoundationPerAddress() {
        IceCandidate a = IceCandidate.host(address("192.0.2.1", 5000), 65534);
        IceCandidate b = IceCandidate.host(address("192.0.2.1", 5001), 65532);
        IceCandidate c = IceCandidate.host(address("2001:db8::1", 5000), 65535);
        assertThat(a.foundation()).isEqualTo(b.foundation()).isNotEqualTo(c.foundation());
        assertThat(a.priority()).isEqualTo(IcePriority.candidatePriority(IceCandidateType.HOST, 65534, 1));
        assertThat(a.localPreference()).isEqualTo(65534);
        assertThat(a.address()).isEqualTo("192.0.2.1");
        assertThat(a.port()).isEqualTo(5000);
        assertThat(a.component()).isEqualTo(1);
        assertThat(a.transport()).isEqualTo(IceTransportProtocol.UDP);
        assertThat(IceCandidate.foundation(IceCandidateType.SRFLX, InetAddress.ofLiteral("192.0.2.1"),
                InetAddress.ofLiteral("198.51.100.1"), IceTransportProtocol.UDP)).isNotEqualTo(a.foundation());
    }

    @Test
    void candidateRejectsValuesOutOfRange() {
        assertThatThrownBy(() -> candidate("x".repeat(33), 1, 100, 9, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("a-b", 1, 100, 9, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("1", 0, 100, 9, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("1", 1, 0, 9, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("1", 1, 1L << 31, 9, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("1", 1, 100, 65536, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candidate("1", 1, 100, 9, IceTcpType.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCandidate("1", 1, IceTransportProtocol.UDP, 100, "", 9,
                IceCandidateType.HOST, null, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(candidate("x".repeat(32), 256, IceCandidate.MAX_PRIORITY, 65535, null).component()).isEqualTo(256);
    }

    private static IceCandidate candidate(String foundation, int component, long priority, int port, IceTcpType tcp) {
        return new IceCandidate(foundation, component, IceTransportProtocol.UDP, priority, "192.0.2.1", port,
                IceCandidateType.HOST, null, 0, tcp);
    }

    @Test
    void mdnsNamesAreRecognized() {
        IceCandidate mdns = new IceCandidate("1", 1, IceTransportProtocol.UDP, 100, "abc-def.LOCAL.", 9,
                IceCandidateType.HOST, null, 0, null);
        assertThat(mdns.isMdns()).isTrue();
        assertThat(candidate("1", 1, 100, 9, null).isMdns()).isFalse();
    }

    @Test
    void generatedCredentialsAreIceCharsOfRfcLength() {
        IceCredentials c = IceCredentials.random(new SplittableRandom(3));
        assertThat(c.ufrag()).hasSize(8).matches("[A-Za-z0-9+/]+");
        assertThat(c.pwd()).hasSize(24).matches("[A-Za-z0-9+/]+");
        assertThat(IceCredentials.random(new SplittableRandom(3))).isEqualTo(c);
        assertThat(IceCredentials.random(new SplittableRandom(4))).isNotEqualTo(c);
        assertThat(c.toString()).doesNotContain(c.pwd());
    }

    @Test
    void credentialsAreValidated() {
        assertThatThrownBy(() -> new IceCredentials("abc", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:c", "a".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "a".repeat(21) + " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IceCredentials("a+/4", "b".repeat(256)).ufrag()).isEqualTo("a+/4");
    }

    @Test
    void configDefaultsAndLimits() {
        IceConfig full = IceConfig.full(IceRole.CONTROLLING);
        assertThat(full.ta()).isEqualTo(Duration.ofMillis(50));
        assertThat(full.transactionTimeout(full.checkRto())).isEqualTo(Duration.ofMillis(39_500));
        assertThat(full.maxCandidatePairs()).isEqualTo(100);
        IceConfig lite = IceConfig.lite();
        assertThat(lite.mode()).isEqualTo(IceMode.LITE);
        assertThat(lite.role()).isEqualTo(IceRole.CONTROLLED);
        assertThat(new IceAgent(lite.withRole(IceRole.CONTROLLING), new SplittableRandom(1)).role())
                .isEqualTo(IceRole.CONTROLLED);
        assertThatThrownBy(() -> new IceConfig(IceMode.FULL, IceRole.CONTROLLING, null, List.of(), null, 100,
                Duration.ofMillis(50), Duration.ofMillis(500), 6, Duration.ofMillis(500), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> full.withMaxCandidatePairs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> full.withStunServers(List.of(java.net.InetSocketAddress.createUnresolved("x", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesHaveW3cNames() {
        assertThat(IceConnectionState.DISCONNECTED.w3cName()).isEqualTo("disconnected");
        assertThat(IceGatheringState.COMPLETE.w3cName()).isEqualTo("complete");
        assertThat(IceCandidateType.SRFLX.sdpName()).isEqualTo("srflx");
        assertThat(IceRole.CONTROLLED.opposite()).isEqualTo(IceRole.CONTROLLING);
    }
}
