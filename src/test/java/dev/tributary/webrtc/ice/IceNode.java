package dev.tributary.webrtc.ice;

import dev.tributary.webrtc.ice.IceEvent.ConnectionStateChanged;
import dev.tributary.webrtc.ice.IceEvent.SelectedPairChanged;
import dev.tributary.webrtc.sim.Datagram;
import dev.tributary.webrtc.sim.Simulation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An {@link IceAgent} as a simulation endpoint, recording its events with their times. */
final class IceNode implements Simulation.Endpoint {

    record Timed(long at, IceEvent event) {}

    final String name;
    final IceAgent agent;
    final Set<InetSocketAddress> bases;
    final List<Timed> events = new ArrayList<>();

    IceNode(String name, IceAgent agent, Set<InetSocketAddress> bases) {
        this.name = name;
        this.agent = agent;
        this.bases = bases;
    }

    @Override
    public boolean owns(InetSocketAddress address) {
        return bases.contains(address);
    }

    @Override
    public void receive(long now, Datagram d) {
        agent.handleStun(now, d.to(), d.from(), d.data(), 0, d.data().length);
        drain(now);
    }

    @Override
    public void timeout(long now) {
        agent.handleTimeout(now);
        drain(now);
    }

    @Override
    public long nextTimeout() {
        return agent.nextTimeout();
    }

    @Override
    public Datagram poll() {
        Transmit t = agent.pollTransmit();
        return t == null ? null : new Datagram(t.localBase(), t.destination(), t.datagram());
    }

    /** Records the events the agent has produced, at {@code now}. */
    void drain(long now) {
        IceEvent e;
        while ((e = agent.pollEvent()) != null) {
            events.add(new Timed(now, e));
        }
    }

    List<IceConnectionState> states() {
        return events.stream().map(Timed::event).filter(e -> e instanceof ConnectionStateChanged)
                .map(e -> ((ConnectionStateChanged) e).state()).toList();
    }

    List<IceCandidatePair> selections() {
        return events.stream().map(Timed::event).filter(e -> e instanceof SelectedPairChanged)
                .map(e -> ((SelectedPairChanged) e).pair()).toList();
    }

    /** @return when the agent last entered the state, or -1 */
    long timeOf(IceConnectionState state) {
        long at = -1;
        for (Timed t : events) {
            if (t.event() instanceof ConnectionStateChanged c && c.state() == state) {
                at = t.at();
            }
        }
        return at;
    }

    boolean isConnected() {
        IceConnectionState s = agent.connectionState();
        return s == IceConnectionState.CONNECTED || s == IceConnectionState.COMPLETED;
    }

    @Override
    public String toString() {
        return name;
    }
}
