package dev.tributary.webrtc.ice;

import dev.tributary.webrtc.sim.SimulatedNetwork;
import dev.tributary.webrtc.sim.Simulation;
import dev.tributary.webrtc.sim.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Two or more ICE agents over a simulated network, and the signalling between them. */
final class IceTestbed {

    /** Virtual time starts away from zero so that nothing depends on it being zero. */
    static final long START = 1_000_000_000_000L;

    /** Two agents. */
    record Pair(IceNode a, IceNode b) {}

    final VirtualClock clock = new VirtualClock(START);
    final SimulatedNetwork network;
    final Simulation sim;

    IceTestbed(long seed) {
        network = new SimulatedNetwork(seed);
        sim = new Simulation(network, clock);
    }

    static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    static InetAddress ip(String ip) {
        return InetAddress.ofLiteral(ip);
    }

    long now() {
        return clock.now();
    }

    /** An agent with one host candidate per base, gathering complete unless STUN servers are set. */
    IceNode node(String name, IceConfig config, long seed, InetSocketAddress... bases) {
        IceAgent agent = new IceAgent(config, new SplittableRandom(seed));
        IceNode node = new IceNode(name, agent, Set.of(bases));
        int rank4 = 0;
        int rank6 = 0;
        for (InetSocketAddress base : bases) {
            boolean v6 = base.getAddress() instanceof java.net.Inet6Address;
            int preference = IcePriority.localPreference(v6, v6 ? rank6++ : rank4++);
            agent.addLocalCandidate(now(), IceCandidate.host(base, preference), base);
        }
        agent.endOfLocalCandidates(now());
        node.drain(now());
        sim.add(node);
        return node;
    }

    /** Gives {@code to} the credentials and the host candidates of {@code from}, then end-of-candidates. */
    void signal(IceNode from, IceNode to) {
        signalCredentials(from, to);
        signalCandidates(from, to, from.agent.localCandidates());
        to.agent.endOfRemoteCandidates(now());
        to.drain(now());
    }

    void signalCredentials(IceNode from, IceNode to) {
        IceCredentials c = from.agent.localCredentials();
        to.agent.setRemoteCredentials(now(), c.ufrag(), c.pwd());
        to.drain(now());
    }

    void signalCandidates(IceNode from, IceNode to, List<IceCandidate> candidates) {
        for (IceCandidate c : candidates) {
            if (c.type() != IceCandidateType.PRFLX) {
                to.agent.addRemoteCandidate(now(), c);
            }
        }
        to.drain(now());
    }

    boolean runUntilConnected(Duration limit, IceNode... nodes) {
        return sim.runUntil(limit, () -> {
            for (IceNode n : nodes) {
                if (!n.isConnected()) {
                    return false;
                }
            }
            return true;
        });
    }

    boolean runUntilState(Duration limit, IceNode node, IceConnectionState state) {
        return sim.runUntil(limit, () -> node.agent.connectionState() == state);
    }
}
