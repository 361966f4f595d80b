package dev.tributary.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Consent freshness (RFC 7675) on the selected pair, and ICE restart. */
class IceConsentAndRestartTest {

    static final InetSocketAddress A = IceConnectivityTest.A;
    static final InetSocketAddress B = IceConnectivityTest.B;
    static final long S = 1_000_000_000L;

    private final IceTestbed bed = new IceTestbed(77);

    private IceTestbed.Pair connect(IceConfig configB) {
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), 1, A);
        IceNode b = bed.node("b", configB, 2, B);
        bed.signal(a, b);
        bed.signal(b, a);
        assertThat(bed.sim.runUntil(Duration.ofSeconds(5),
                () -> IceConnectivityTest.bothCompleted(a, b))).isTrue();
        // A while of steady consent checks first.
        bed.sim.runFor(Duration.ofSeconds(20));
        assertThat(a.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(b.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
        return new IceTestbed.Pair(a, b);
    }

    private void cut(boolean cut) {
        bed.network.setCut(A.getAddress(), B.getAddress(), cut);
    }

    @Test
    void fullAgentsGoDisconnectedThenFailedWhenTheLinkIsCut() {
        IceTestbed.Pair p = connect(IceConfig.full(IceRole.CONTROLLED));
        long sentBefore = p.a().agent.stats().consentChecksSent();
        long cutAt = bed.now();
        cut(true);

        assertThat(bed.runUntilState(Duration.ofSeconds(40), p.a(), IceConnectionState.FAILED)).isTrue();
        bed.runUntilState(Duration.ofSeconds(40), p.b(), IceConnectionState.FAILED);

        for (IceNode n : new IceNode[] {p.a(), p.b()}) {
            // The next consent check goes within 6 s and is unanswered for 5 s.
            assertThat(n.timeOf(IceConnectionState.DISCONNECTED) - cutAt).isBetween(5 * S, 11 * S);
            // The last response came at most 6 s before the cut; consent lasts 30 s after it.
            assertThat(n.timeOf(IceConnectionState.FAILED) - cutAt).isBetween(24 * S, 30 * S);
            assertThat(n.states()).endsWith(IceConnectionState.COMPLETED, IceConnectionState.DISCONNECTED,
                    IceConnectionState.FAILED);
            assertThat(n.agent.selectedPair()).isEmpty();
        }
        // Checks kept coming every 4..6 s until consent expired.
        assertThat(p.a().agent.stats().consentChecksSent() - sentBefore).isBetween(4L, 8L);

        // Failed is final: nothing more is sent, nothing is scheduled.
        long sent = p.a().agent.stats().bytesSent();
        cut(false);
        bed.sim.runFor(Duration.ofSeconds(60));
        assertThat(p.a().agent.stats().bytesSent()).isEqualTo(sent);
        assertThat(p.a().agent.nextTimeout()).isEqualTo(Long.MAX_VALUE);
        assertThat(p.a().agent.connectionState()).isEqualTo(IceConnectionState.FAILED);
    }

    @Test
    void fullAgentsRecoverWhenTheLinkComesBackBeforeConsentExpires() {
        IceTestbed.Pair p = connect(IceConfig.full(IceRole.CONTROLLED));
        cut(true);
        assertThat(bed.runUntilState(Duration.ofSeconds(12), p.a(), IceConnectionState.DISCONNECTED)).isTrue();
        bed.sim.runFor(Duration.ofSeconds(10));
        cut(false);
        long restoredAt = bed.now();

        assertThat(bed.sim.runUntil(Duration.ofSeconds(7),
                () -> IceConnectivityTest.bothCompleted(p.a(), p.b()))).isTrue();

        assertThat(bed.now() - restoredAt).isLessThan(6 * S + S / 10);
        assertThat(p.a().states()).endsWith(IceConnectionState.DISCONNECTED, IceConnectionState.COMPLETED);
        assertThat(p.a().selections()).hasSize(1);
        bed.sim.runFor(Duration.ofSeconds(60));
        assertThat(p.a().agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    }

    @Test
    void liteAgentWatchesThePeersChecks() {
        IceTestbed.Pair p = connect(IceConfig.lite());
        IceNode lite = p.b();
        long cutAt = bed.now();
        cut(true);

        assertThat(bed.runUntilState(Duration.ofSeconds(40), lite, IceConnectionState.FAILED)).isTrue();

        // The last check came at most 6 s before the cut: 8 s without one is disconnected, 30 s failed.
        assertThat(lite.timeOf(IceConnectionState.DISCONNECTED) - cutAt).isBetween(2 * S, 8 * S);
        assertThat(lite.timeOf(IceConnectionState.FAILED) - cutAt).isBetween(24 * S, 30 * S);
        assertThat(lite.agent.stats().checksSent() + lite.agent.stats().consentChecksSent()).isZero();
    }

    @Test
    void liteAgentTakesAuthenticatedMediaAsASignOfLifeWhenThePeerSendsNoChecks() {
        IceTestbed.Pair p = connect(IceConfig.lite());
        IceNode lite = p.b();
        IceCandidatePair selected = lite.agent.selectedPair().orElseThrow();
        cut(true); // no more checks; media (SRTP, authenticated by the connection) keeps coming
        for (int second = 0; second < 45; second++) {
            lite.agent.handleAuthenticatedData(bed.now(), selected.localBase(), selected.remoteAddress());
            bed.sim.runFor(Duration.ofSeconds(1));
            assertThat(lite.agent.connectionState()).as("after %d s", second).isEqualTo(IceConnectionState.COMPLETED);
        }
        lite.agent.handleAuthenticatedData(bed.now(), selected.localBase(),
                new java.net.InetSocketAddress("192.0.2.99", 9));
        long mediaStoppedAt = bed.now();
        assertThat(bed.runUntilState(Duration.ofSeconds(40), lite, IceConnectionState.FAILED))
                .as("data from another address is no sign of the peer's life").isTrue();
        assertThat(lite.timeOf(IceConnectionState.FAILED) - mediaStoppedAt).isBetween(29 * S, 31 * S);
    }

    @Test
    void liteAgentRecoversWhenChecksResume() {
        IceTestbed.Pair p = connect(IceConfig.lite());
        IceNode lite = p.b();
        cut(true);
        assertThat(bed.runUntilState(Duration.ofSeconds(12), lite, IceConnectionState.DISCONNECTED)).isTrue();
        bed.sim.runFor(Duration.ofSeconds(8));
        cut(false);

        assertThat(bed.sim.runUntil(Duration.ofSeconds(7),
                () -> IceConnectivityTest.bothCompleted(p.a(), lite))).isTrue();
        assertThat(lite.states()).endsWith(IceConnectionState.DISCONNECTED, IceConnectionState.COMPLETED);
    }

    @Test
    void iceRestartKeepsTheOldPairUntilTheNewOneIsSelected() {
        IceTestbed.Pair p = connect(IceConfig.full(IceRole.CONTROLLED));
        IceNode a = p.a();
        IceNode b = p.b();
        IceCandidatePair old = a.agent.selectedPair().orElseThrow();
        IceCredentials oldA = a.agent.localCredentials();

        IceCredentials newA = a.agent.restart(bed.now());
        a.drain(bed.now());
        IceCredentials newB = b.agent.restart(bed.now());
        b.drain(bed.now());
        assertThat(newA).isNotEqualTo(oldA);
        assertThat(a.agent.localCredentials()).isEqualTo(newA);
        assertThat(a.agent.connectionState()).isEqualTo(IceConnectionState.CONNECTED);

        // B gets A's new description at once, A gets B's only 15 s later: meanwhile media stays on
        // the old pair, whose consent is still checked with the old credentials, long enough to
        // have failed without them.
        bed.signal(a, b);
        bed.sim.runFor(Duration.ofSeconds(15));
        assertThat(a.agent.connectionState()).isEqualTo(IceConnectionState.CONNECTED);
        assertThat(b.agent.connectionState()).isEqualTo(IceConnectionState.CONNECTED);
        assertThat(a.agent.selectedPair()).contains(old);
        assertThat(a.selections()).hasSize(1);
        assertThat(b.selections()).hasSize(1);

        bed.signal(b, a);
        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> IceConnectivityTest.bothCompleted(a, b))).isTrue();
        assertThat(a.selections()).hasSize(2);
        assertThat(b.selections()).hasSize(2);
        IceConnectivityTest.assertSamePath(a, b);
        assertThat(a.states()).endsWith(IceConnectionState.COMPLETED, IceConnectionState.CONNECTED,
                IceConnectionState.COMPLETED);
        assertThat(b.agent.localCredentials()).isEqualTo(newB);

        // Consent now runs under the new credentials.
        bed.sim.runFor(Duration.ofSeconds(60));
        assertThat(a.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(b.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    }

    @Test
    void liteServerRestartsToo() {
        IceTestbed.Pair p = connect(IceConfig.lite());
        IceNode client = p.a();
        IceNode server = p.b();
        client.agent.restart(bed.now());
        server.agent.restart(bed.now());
        client.drain(bed.now());
        server.drain(bed.now());
        bed.signal(client, server);
        bed.signal(server, client);

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5),
                () -> IceConnectivityTest.bothCompleted(client, server) && server.selections().size() == 2)).isTrue();
        bed.sim.runFor(Duration.ofSeconds(60));
        assertThat(server.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
        assertThat(client.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    }

    @Test
    void restartAfterFailureChecksAgain() {
        IceTestbed.Pair p = connect(IceConfig.full(IceRole.CONTROLLED));
        cut(true);
        assertThat(bed.runUntilState(Duration.ofSeconds(40), p.b(), IceConnectionState.FAILED)).isTrue();
        bed.runUntilState(Duration.ofSeconds(40), p.a(), IceConnectionState.FAILED);
        cut(false);

        p.a().agent.restart(bed.now());
        p.b().agent.restart(bed.now());
        assertThat(p.a().agent.connectionState()).isEqualTo(IceConnectionState.CHECKING);
        bed.signal(p.a(), p.b());
        bed.signal(p.b(), p.a());

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5),
                () -> IceConnectivityTest.bothCompleted(p.a(), p.b()))).isTrue();
        assertThat(p.a().states()).endsWith(IceConnectionState.FAILED, IceConnectionState.CHECKING,
                IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
    }

    @Test
    void closeIsFinalAndIdempotent() {
        IceTestbed.Pair p = connect(IceConfig.full(IceRole.CONTROLLED));
        p.a().agent.close();
        p.a().agent.close();
        p.a().drain(bed.now());
        assertThat(p.a().states()).endsWith(IceConnectionState.COMPLETED, IceConnectionState.CLOSED);
        assertThat(p.a().agent.nextTimeout()).isEqualTo(Long.MAX_VALUE);
        assertThat(p.a().agent.pollTransmit()).isNull();
        long received = p.a().agent.stats().bytesReceived();
        bed.sim.runFor(Duration.ofSeconds(40));
        assertThat(p.a().agent.stats().bytesReceived()).isEqualTo(received);
        assertThat(p.a().agent.connectionState()).isEqualTo(IceConnectionState.CLOSED);
        assertThat(p.b().agent.connectionState()).isEqualTo(IceConnectionState.FAILED);
    }
}
