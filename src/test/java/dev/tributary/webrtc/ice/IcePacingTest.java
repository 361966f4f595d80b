package dev.tributary.webrtc.ice;

import static dev.tributary.webrtc.ice.IceTestbed.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pacing of checks (RFC 8445 §14.2): each agent proposes a Ta, both pace at the larger
 * proposal, and a peer that proposes none counts as proposing 50 ms. The nominating check waits
 * for its Ta slot like any other transaction (§8.1.1), so with one candidate pair it goes out one
 * Ta after the first check. Links delay 1 ms each way; the first check leaves at once.
 */
class IcePacingTest {

    static final InetSocketAddress A = address("192.0.2.1", 5000);
    static final InetSocketAddress B = address("198.51.100.2", 6000);

    /** Signals {@code from}'s description to {@code to}, with {@code from}'s pacing proposal or none. */
    static void signal(IceTestbed bed, IceNode from, IceNode to, Duration proposedTa) {
        IceCredentials c = from.agent.localCredentials();
        to.agent.setRemoteCredentials(bed.now(), c.ufrag(), c.pwd(), proposedTa);
        bed.signalCandidates(from, to, from.agent.localCandidates());
        to.agent.endOfRemoteCandidates(bed.now());
        to.drain(bed.now());
    }

    static long msSinceStart(long at) {
        return Duration.ofNanos(at - IceTestbed.START).toMillis();
    }

    /** When the node's agent selected its pair, in ms since the start. */
    static long selectedAt(IceNode node) {
        return msSinceStart(node.events.stream().filter(t -> t.event() instanceof IceEvent.SelectedPairChanged)
                .findFirst().orElseThrow().at());
    }

    @Test
    void aLitePeerProposesNoPacingSoTheNominationWaitsTheDefaultTaWhateverIsConfigured() {
        IceTestbed bed = new IceTestbed(1);
        IceNode client = bed.node("client", IceConfig.full(IceRole.CONTROLLING).withTa(Duration.ofMillis(10)), 11, A);
        IceNode server = bed.node("server", IceConfig.lite(), 12, B);
        assertThat(client.agent.ta()).isEqualTo(Duration.ofMillis(10));
        signal(bed, client, server, null);
        signal(bed, server, client, null);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), client, server)).isTrue();

        assertThat(client.agent.ta()).isEqualTo(IceConfig.DEFAULT_TA);
        // first check at 0 reaches the lite server at 1 ms; the nominating check leaves at 50 ms
        assertThat(msSinceStart(server.timeOf(IceConnectionState.CHECKING))).isEqualTo(1);
        assertThat(selectedAt(server)).isEqualTo(51);
        assertThat(client.agent.stats().checksSent()).isEqualTo(2);
    }

    @Test
    void twoAgentsThatProposeTheSameSmallerPacingNominateOneSuchTaAfterTheFirstCheck() {
        IceTestbed bed = new IceTestbed(2);
        Duration ta = Duration.ofMillis(10);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING).withTa(ta), 21, A);
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED).withTa(ta), 22, B);
        signal(bed, a, b, ta);
        signal(bed, b, a, ta);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), a, b)).isTrue();

        assertThat(a.agent.ta()).isEqualTo(ta);
        assertThat(b.agent.ta()).isEqualTo(ta);
        // both check at 0 and succeed at 2 ms; the nomination leaves at 10 ms, reaches b at 11 ms
        // and its response reaches a at 12 ms
        assertThat(selectedAt(b)).isEqualTo(11);
        assertThat(selectedAt(a)).isEqualTo(12);
    }

    @Test
    void theLargerOfTheTwoProposalsIsUsedByBoth() {
        IceTestbed bed = new IceTestbed(3);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING).withTa(Duration.ofMillis(10)), 31, A);
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED).withTa(Duration.ofMillis(30)), 32, B);
        signal(bed, a, b, Duration.ofMillis(10));
        signal(bed, b, a, Duration.ofMillis(30));

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), a, b)).isTrue();

        assertThat(a.agent.ta()).isEqualTo(Duration.ofMillis(30));
        assertThat(b.agent.ta()).isEqualTo(Duration.ofMillis(30));
        assertThat(selectedAt(a)).isEqualTo(32);
    }

    @Test
    void aFullPeerThatProposesNoPacingCountsAsProposingTheDefault() {
        IceTestbed bed = new IceTestbed(4);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING).withTa(Duration.ofMillis(10)), 41, A);
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED), 42, B);
        signal(bed, a, b, Duration.ofMillis(10));
        signal(bed, b, a, null);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), a, b)).isTrue();

        assertThat(a.agent.ta()).isEqualTo(IceConfig.DEFAULT_TA);
        assertThat(selectedAt(a)).isEqualTo(52);
    }

    @Test
    void aLargerPeerProposalSlowsTheAgentDown() {
        IceTestbed bed = new IceTestbed(5);
        IceNode client = bed.node("client", IceConfig.full(IceRole.CONTROLLING), 51, A);
        IceNode server = bed.node("server", IceConfig.full(IceRole.CONTROLLED), 52, B);
        signal(bed, client, server, null);
        signal(bed, server, client, Duration.ofMillis(200));

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), client, server)).isTrue();

        assertThat(client.agent.ta()).isEqualTo(Duration.ofMillis(200));
        assertThat(selectedAt(client)).isEqualTo(202);
    }

    @Test
    void proposalsBelowTheFloorOrNegativeAreRefused() {
        assertThatThrownBy(() -> IceConfig.full(IceRole.CONTROLLING).withTa(Duration.ofMillis(4)))
                .isInstanceOf(IllegalArgumentException.class);
        IceAgent agent = new IceAgent(IceConfig.full(IceRole.CONTROLLING), new java.util.SplittableRandom(6));
        assertThatThrownBy(() -> agent.setRemoteCredentials(0, "ufrag", "passwordpasswordpassword",
                Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
