package dev.tributary.webrtc.ice;

import static dev.tributary.webrtc.ice.IceTestbed.address;
import static dev.tributary.webrtc.ice.IceTestbed.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.ice.IceEvent.GatheringStateChanged;
import dev.tributary.webrtc.ice.IceEvent.LocalCandidateDiscovered;
import dev.tributary.webrtc.sim.Datagram;
import dev.tributary.webrtc.sim.LinkConditions;
import dev.tributary.webrtc.sim.Simulation;
import dev.tributary.webrtc.stun.StunAttribute.XorMappedAddress;
import dev.tributary.webrtc.stun.StunClass;
import dev.tributary.webrtc.stun.StunEncoder;
import dev.tributary.webrtc.stun.StunMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Agents find each other over a simulated network: full and lite, loss, trickle, NATs, roles. */
class IceConnectivityTest {

    static final InetSocketAddress A = address("192.0.2.1", 5000);
    static final InetSocketAddress B = address("198.51.100.2", 6000);

    static IceTestbed.Pair fullPair(IceTestbed bed, IceRole roleA, IceRole roleB) {
        IceNode a = bed.node("a", IceConfig.full(roleA), 11, A);
        IceNode b = bed.node("b", IceConfig.full(roleB), 12, B);
        return new IceTestbed.Pair(a, b);
    }

    static boolean bothCompleted(IceNode a, IceNode b) {
        return a.agent.connectionState() == IceConnectionState.COMPLETED
                && b.agent.connectionState() == IceConnectionState.COMPLETED;
    }

    static void assertSamePath(IceNode a, IceNode b) {
        IceCandidatePair pa = a.agent.selectedPair().orElseThrow();
        IceCandidatePair pb = b.agent.selectedPair().orElseThrow();
        assertThat(pa.localBase()).isEqualTo(A);
        assertThat(pa.remoteAddress()).isEqualTo(B);
        assertThat(pb.localBase()).isEqualTo(B);
        assertThat(pb.remoteAddress()).isEqualTo(A);
    }

    @Test
    void twoFullAgentsConnectAndSelectTheSamePair(TestReporter reporter) {
        IceTestbed bed = new IceTestbed(1);
        IceTestbed.Pair p = fullPair(bed, IceRole.CONTROLLING, IceRole.CONTROLLED);
        bed.signal(p.a(), p.b());
        bed.signal(p.b(), p.a());

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> bothCompleted(p.a(), p.b()))).isTrue();

        long connectedAfter = Math.max(p.a().timeOf(IceConnectionState.CONNECTED),
                p.b().timeOf(IceConnectionState.CONNECTED)) - IceTestbed.START;
        reporter.publishEntry("virtual ms to connect, 1 ms links", String.valueOf(connectedAfter / 1_000_000.0));
        List<IceConnectionState> expected = List.of(IceConnectionState.CHECKING, IceConnectionState.CONNECTED,
                IceConnectionState.COMPLETED);
        assertThat(p.a().states()).isEqualTo(expected);
        assertThat(p.b().states()).isEqualTo(expected);
        assertSamePath(p.a(), p.b());
        assertThat(p.a().agent.selectedPair().orElseThrow().priority())
                .isEqualTo(p.b().agent.selectedPair().orElseThrow().priority());
        assertThat(p.a().selections()).hasSize(1);
        assertThat(p.b().selections()).hasSize(1);
        // Both check at once (t = 0) and succeed at 2 ms; the nomination waits for the next Ta
        // slot at 50 ms and its response arrives at 52 ms.
        assertThat(connectedAfter).isEqualTo(Duration.ofMillis(52).toNanos());
        assertThat(p.a().agent.role()).isEqualTo(IceRole.CONTROLLING);
        assertThat(p.b().agent.role()).isEqualTo(IceRole.CONTROLLED);
    }

    @Test
    void fullControllingConnectsToLiteControlled() {
        IceTestbed bed = new IceTestbed(2);
        IceNode client = bed.node("client", IceConfig.full(IceRole.CONTROLLING), 21, A);
        IceNode server = bed.node("server", IceConfig.lite(), 22, B);
        bed.signal(client, server);
        bed.signal(server, client);

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> bothCompleted(client, server))).isTrue();

        assertSamePath(client, server);
        assertThat(server.agent.stats().checksSent()).isZero();
        assertThat(server.agent.stats().consentChecksSent()).isZero();
        assertThat(server.agent.selectedPair().orElseThrow().remote().type()).isEqualTo(IceCandidateType.HOST);
    }

    /**
     * FFmpeg's WHIP muxer offers no candidates and answers no checks: the lite server learns it
     * as a peer-reflexive candidate from its checks.
     */
    @Test
    void liteServerLearnsAPeerThatSignalsNoCandidates() {
        IceTestbed bed = new IceTestbed(3);
        IceNode ffmpeg = bed.node("ffmpeg", IceConfig.full(IceRole.CONTROLLING), 31, A);
        IceNode server = bed.node("server", IceConfig.lite(), 32, B);
        bed.signalCredentials(ffmpeg, server);
        server.agent.endOfRemoteCandidates(bed.now());
        bed.signal(server, ffmpeg);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), ffmpeg, server)).isTrue();

        IceCandidatePair pair = server.agent.selectedPair().orElseThrow();
        assertThat(pair.remote().type()).isEqualTo(IceCandidateType.PRFLX);
        assertThat(pair.remoteAddress()).isEqualTo(A);
        assertThat(pair.remote().priority())
                .isEqualTo(IcePriority.candidatePriority(IceCandidateType.PRFLX, 65534, 1));
        assertThat(server.agent.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    }

    @Test
    void liteServerAnswersBeforeItKnowsThePeersCredentials() {
        IceTestbed bed = new IceTestbed(4);
        IceNode client = bed.node("client", IceConfig.full(IceRole.CONTROLLING), 41, A);
        IceNode server = bed.node("server", IceConfig.lite(), 42, B);
        bed.signal(server, client);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), client, server)).isTrue();
        assertThat(server.agent.selectedPair().orElseThrow().remoteAddress()).isEqualTo(A);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void connectUnderLossReorderingAndDelay(long seed, TestReporter reporter) {
        IceTestbed bed = new IceTestbed(seed);
        bed.network.setDefaultConditions(LinkConditions.of(0.10, Duration.ofMillis(50), Duration.ofMillis(30)));
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), seed * 100, A,
                address("192.0.2.1", 5001));
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED), seed * 100 + 1, B,
                address("198.51.100.2", 6001));
        bed.signal(a, b);
        bed.signal(b, a);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(10), a, b)).isTrue();
        reporter.publishEntry("virtual ms to connect, 10 % loss, 50+0..30 ms", String.valueOf(
                (bed.now() - IceTestbed.START) / 1_000_000));
        IceCandidatePair pa = a.agent.selectedPair().orElseThrow();
        IceCandidatePair pb = b.agent.selectedPair().orElseThrow();
        assertThat(pb.localBase()).isEqualTo(pa.remoteAddress());
        assertThat(pb.remoteAddress()).isEqualTo(pa.localBase());

        // And they stay connected through a minute of consent checks on that lossy link.
        bed.sim.runFor(Duration.ofSeconds(60));
        assertThat(a.agent.connectionState()).isNotIn(IceConnectionState.FAILED, IceConnectionState.CHECKING);
        assertThat(b.agent.connectionState()).isNotIn(IceConnectionState.FAILED, IceConnectionState.CHECKING);
        assertThat(a.agent.stats().consentChecksSent()).isBetween(10L, 15L);
    }

    @Test
    void dualStackPrefersIpv6AndFallsBackToIpv4Quickly() {
        InetSocketAddress a6 = address("2001:db8::1", 5000);
        InetSocketAddress b6 = address("2001:db8::2", 6000);
        IceTestbed bed = new IceTestbed(12);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), 121, A, a6);
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED), 122, B, b6);
        bed.signal(a, b);
        bed.signal(b, a);
        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> bothCompleted(a, b))).isTrue();
        assertThat(a.agent.selectedPair().orElseThrow().remoteAddress()).isEqualTo(b6);

        // With IPv6 broken, the interleaved IPv4 pair is checked one Ta later (RFC 8421 §4), and
        // nominated once the nomination delay has given IPv6 its chance.
        IceTestbed broken = new IceTestbed(12);
        broken.network.setCut(a6.getAddress(), b6.getAddress(), true);
        IceNode c = broken.node("c", IceConfig.full(IceRole.CONTROLLING), 121, A, a6);
        IceNode d = broken.node("d", IceConfig.full(IceRole.CONTROLLED), 122, B, b6);
        broken.signal(c, d);
        broken.signal(d, c);
        assertThat(broken.runUntilConnected(Duration.ofSeconds(5), c, d)).isTrue();
        assertThat(c.agent.selectedPair().orElseThrow().remoteAddress()).isEqualTo(B);
        // IPv4 check at 50 ms, valid at 52 ms, nominated 500 ms later, selected at 554 ms.
        assertThat(broken.now() - IceTestbed.START).isEqualTo(Duration.ofMillis(554).toNanos());
    }

    @Test
    void trickledCandidatesArriveAfterChecksStarted() {
        IceTestbed bed = new IceTestbed(5);
        IceTestbed.Pair p = fullPair(bed, IceRole.CONTROLLING, IceRole.CONTROLLED);
        bed.signalCredentials(p.a(), p.b());
        bed.signalCredentials(p.b(), p.a());
        bed.signalCandidates(p.a(), p.b(), p.a().agent.localCandidates());
        // B checks A at once; A learns B as peer-reflexive and answers, but has no candidate yet.
        bed.sim.runFor(Duration.ofMillis(300));
        assertThat(p.b().agent.stats().checksSent()).isPositive();

        bed.signalCandidates(p.b(), p.a(), p.b().agent.localCandidates());
        p.a().agent.endOfRemoteCandidates(bed.now());
        p.b().agent.endOfRemoteCandidates(bed.now());
        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> bothCompleted(p.a(), p.b()))).isTrue();

        assertSamePath(p.a(), p.b());
        // The signalled candidate replaced the peer-reflexive one learned at the same address.
        assertThat(p.a().agent.selectedPair().orElseThrow().remote().type()).isEqualTo(IceCandidateType.HOST);
    }

    @Test
    void noValidPairAfterEndOfCandidatesFailsAfterTheTransactionTimeout() {
        IceTestbed bed = new IceTestbed(6);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), 61, A);
        bed.node("b", IceConfig.full(IceRole.CONTROLLED), 62, B);
        a.agent.setRemoteCredentials(bed.now(), "bbbb", "bbbbbbbbbbbbbbbbbbbbbb");
        IceCandidate nowhere = IceCandidate.host(address("203.0.113.99", 9999), 65535);
        a.agent.addRemoteCandidate(bed.now(), nowhere);
        bed.sim.runFor(Duration.ofSeconds(1));
        a.agent.endOfRemoteCandidates(bed.now());
        a.drain(bed.now());

        assertThat(bed.runUntilState(Duration.ofSeconds(60), a, IceConnectionState.FAILED)).isTrue();

        // Sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s, then waits 16 x 500 ms (RFC 8489 §6.2.1).
        assertThat(a.timeOf(IceConnectionState.FAILED) - IceTestbed.START).isEqualTo(Duration.ofMillis(39_500).toNanos());
        assertThat(a.states()).containsExactly(IceConnectionState.CHECKING, IceConnectionState.FAILED);
        assertThat(a.agent.stats().checksSent()).isEqualTo(1);
        assertThat(a.agent.stats().checkRetransmissions()).isEqualTo(6);
        assertThat(a.agent.stats().transactionTimeouts()).isEqualTo(1);
        assertThat(a.agent.nextTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONTROLLING", "CONTROLLED"})
    void roleConflictIsResolved(IceRole both) {
        IceTestbed bed = new IceTestbed(7);
        IceTestbed.Pair p = fullPair(bed, both, both);
        bed.signal(p.a(), p.b());
        bed.signal(p.b(), p.a());

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5), () -> bothCompleted(p.a(), p.b()))).isTrue();

        assertThat(p.a().agent.role()).isNotEqualTo(p.b().agent.role());
        assertThat(p.a().agent.stats().roleConflicts() + p.b().agent.stats().roleConflicts()).isPositive();
        assertSamePath(p.a(), p.b());
    }

    @Test
    void peerReflexiveCandidatesAreLearnedBehindANat() {
        IceTestbed bed = new IceTestbed(8);
        InetSocketAddress inside = address("10.0.0.5", 5000);
        bed.network.addNat(ip("10.0.0.5"), ip("203.0.113.7"));
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), 81, inside);
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED), 82, B);
        bed.signal(a, b);
        bed.signal(b, a);

        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), a, b)).isTrue();

        InetSocketAddress mapped = address("203.0.113.7", 40000);
        IceCandidatePair pb = b.agent.selectedPair().orElseThrow();
        assertThat(pb.remote().type()).isEqualTo(IceCandidateType.PRFLX);
        assertThat(pb.remoteAddress()).isEqualTo(mapped);
        IceCandidatePair pa = a.agent.selectedPair().orElseThrow();
        assertThat(pa.localBase()).isEqualTo(inside);
        assertThat(pa.local().type()).isEqualTo(IceCandidateType.PRFLX);
        assertThat(pa.local().address()).isEqualTo("203.0.113.7");
        assertThat(pa.local().relatedAddress()).isEqualTo("10.0.0.5");
        assertThat(a.events).anyMatch(t -> t.event() instanceof LocalCandidateDiscovered d
                && d.candidate().type() == IceCandidateType.PRFLX && d.candidate().port() == 40000);
    }

    @Test
    void serverReflexiveCandidatesAreGatheredFromAStunServer() {
        IceTestbed bed = new IceTestbed(9);
        InetSocketAddress inside = address("10.0.0.5", 5000);
        InetSocketAddress stunServer = address("198.51.100.200", 3478);
        bed.network.addNat(ip("10.0.0.5"), ip("203.0.113.7"));
        bed.sim.add(new StunServer(stunServer));
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING).withStunServers(List.of(stunServer)), 91,
                inside);
        assertThat(a.agent.gatheringState()).isEqualTo(IceGatheringState.GATHERING);

        assertThat(bed.sim.runUntil(Duration.ofSeconds(5),
                () -> a.agent.gatheringState() == IceGatheringState.COMPLETE)).isTrue();

        IceCandidate srflx = a.agent.localCandidates().get(1);
        assertThat(srflx.type()).isEqualTo(IceCandidateType.SRFLX);
        assertThat(srflx.address()).isEqualTo("203.0.113.7");
        assertThat(srflx.port()).isEqualTo(40000);
        assertThat(srflx.relatedAddress()).isEqualTo("10.0.0.5");
        assertThat(srflx.relatedPort()).isEqualTo(5000);
        assertThat(srflx.priority()).isEqualTo(IcePriority.candidatePriority(IceCandidateType.SRFLX, 65534, 1));
        assertThat(a.events.stream().map(IceNode.Timed::event).toList()).containsSubsequence(
                new LocalCandidateDiscovered(srflx), new GatheringStateChanged(IceGatheringState.COMPLETE));
        assertThat(bed.now() - IceTestbed.START).isEqualTo(Duration.ofMillis(2).toNanos());

        // Trickled to a peer, the server-reflexive candidate is how the peer reaches A.
        IceNode b = bed.node("b", IceConfig.full(IceRole.CONTROLLED), 92, B);
        bed.signal(a, b);
        bed.signal(b, a);
        assertThat(bed.runUntilConnected(Duration.ofSeconds(5), a, b)).isTrue();
        assertThat(a.agent.selectedPair().orElseThrow().local()).isEqualTo(srflx);
    }

    @Test
    void mdnsCandidateIsIgnoredUnlessResolved() {
        IceTestbed bed = new IceTestbed(10);
        IceNode a = bed.node("a", IceConfig.full(IceRole.CONTROLLING), 101, A);
        IceCandidate mdns = new IceCandidate("1", 1, IceTransportProtocol.UDP, 2_122_260_223L,
                "4f0c2a3e-93b4-4b5e-8c4d-0b7e3e0f3b1a.local", 6000, IceCandidateType.HOST, null, 0, null);
        a.agent.setRemoteCredentials(bed.now(), "bbbb", "bbbbbbbbbbbbbbbbbbbbbb");
        a.agent.addRemoteCandidate(bed.now(), mdns);
        bed.sim.runFor(Duration.ofSeconds(1));
        assertThat(a.agent.stats().mdnsCandidatesIgnored()).isEqualTo(1);
        assertThat(a.agent.stats().remoteCandidatesIgnored()).isEqualTo(1);
        assertThat(a.agent.stats().checksSent()).isZero();
        assertThat(a.agent.connectionState()).isEqualTo(IceConnectionState.NEW);

        IceTestbed bed2 = new IceTestbed(10);
        IceNode c = bed2.node("c", IceConfig.full(IceRole.CONTROLLING)
                .withMdnsResolver(name -> name.equals(mdns.address()) ? Optional.of(B.getAddress()) : Optional.empty()),
                102, A);
        IceNode d = bed2.node("d", IceConfig.full(IceRole.CONTROLLED), 103, B);
        bed2.signalCredentials(d, c);
        c.agent.addRemoteCandidate(bed2.now(), mdns);
        bed2.signal(c, d);
        assertThat(bed2.runUntilConnected(Duration.ofSeconds(5), c, d)).isTrue();
        assertThat(c.agent.selectedPair().orElseThrow().remote()).isEqualTo(mdns);
        assertThat(c.agent.stats().mdnsCandidatesIgnored()).isZero();
    }

    @Test
    void sameSeedsGiveTheSameRun() {
        assertThat(recordRun()).isEqualTo(recordRun());
    }

    private static List<String> recordRun() {
        IceTestbed bed = new IceTestbed(42);
        bed.network.setDefaultConditions(LinkConditions.of(0.2, Duration.ofMillis(20), Duration.ofMillis(20)));
        IceTestbed.Pair p = fullPair(bed, IceRole.CONTROLLING, IceRole.CONTROLLED);
        bed.signal(p.a(), p.b());
        bed.signal(p.b(), p.a());
        bed.sim.runFor(Duration.ofSeconds(20));
        return p.a().events.stream().map(t -> t.at() + " " + t.event()).toList();
    }

    /** A STUN server: answers Binding requests with the source address it saw. */
    static final class StunServer implements Simulation.Endpoint {
        private final InetSocketAddress address;
        private final ArrayDeque<Datagram> out = new ArrayDeque<>();

        StunServer(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public boolean owns(InetSocketAddress a) {
            return a.equals(address);
        }

        @Override
        public void receive(long now, Datagram d) {
            StunMessage request = StunMessage.parse(d.data());
            if (request.messageClass() == StunClass.REQUEST) {
                byte[] response = StunEncoder.PLAIN.withFingerprint()
                        .encode(request.successResponse(List.of(new XorMappedAddress(d.from()))));
                out.add(new Datagram(address, d.from(), response));
            }
        }

        @Override
        public void timeout(long now) {}

        @Override
        public long nextTimeout() {
            return Long.MAX_VALUE;
        }

        @Override
        public Datagram poll() {
            return out.poll();
        }
    }
}
