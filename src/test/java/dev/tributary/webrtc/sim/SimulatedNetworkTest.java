package dev.tributary.webrtc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    static final InetSocketAddress A = new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 1000);
    static final InetSocketAddress B = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.2"), 2000);
    static final long MS = 1_000_000;

    private static List<Datagram> drain(SimulatedNetwork net, long until) {
        List<Datagram> out = new ArrayList<>();
        Datagram d;
        while ((d = net.poll(until)) != null) {
            out.add(d);
        }
        return out;
    }

    @Test
    void deliversAfterTheDelayInOrderOfArrival() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.setConditions(A.getAddress(), B.getAddress(), LinkConditions.of(0, Duration.ofMillis(30), Duration.ZERO));
        net.send(0, new Datagram(A, B, new byte[] {1}));
        net.send(5 * MS, new Datagram(B, A, new byte[] {2}));
        assertThat(net.nextDeliveryTime()).isEqualTo(30 * MS);
        assertThat(net.poll(29 * MS)).isNull();
        List<Datagram> got = drain(net, 35 * MS);
        assertThat(got).extracting(d -> d.data()[0]).containsExactly((byte) 1, (byte) 2);
        assertThat(got.get(0).from()).isEqualTo(A);
        assertThat(got.get(0).to()).isEqualTo(B);
        assertThat(net.counts()).containsExactly(2L, 2L, 0L);
    }

    @Test
    void lossAndJitterAreSeededAndJitterReorders() {
        List<Integer> first = run(7);
        assertThat(run(7)).isEqualTo(first);
        assertThat(first.size()).isBetween(150, 250);
        assertThat(first).isNotEqualTo(first.stream().sorted().toList());
    }

    private static List<Integer> run(long seed) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.setDefaultConditions(LinkConditions.of(0.8, Duration.ofMillis(50), Duration.ofMillis(20)));
        for (int i = 0; i < 1000; i++) {
            net.send(i * MS, new Datagram(A, B, new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        return drain(net, Long.MAX_VALUE).stream().map(d -> (d.data()[0] & 0xFF) | (d.data()[1] & 0xFF) << 8).toList();
    }

    @Test
    void cutLinksDropUntilRestored() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        net.setCut(B.getAddress(), A.getAddress(), true);
        net.send(0, new Datagram(A, B, new byte[1]));
        net.send(0, new Datagram(B, A, new byte[1]));
        net.setCut(A.getAddress(), B.getAddress(), false);
        net.send(0, new Datagram(A, B, new byte[1]));
        assertThat(drain(net, Long.MAX_VALUE)).hasSize(1);
        assertThat(net.counts()).containsExactly(3L, 1L, 2L);
    }

    @Test
    void natMapsOutgoingAndFiltersIncomingByAddress() {
        SimulatedNetwork net = new SimulatedNetwork(1);
        InetSocketAddress inside = new InetSocketAddress(InetAddress.ofLiteral("10.0.0.2"), 3000);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.ofLiteral("203.0.113.1"), 40000);
        InetSocketAddress stranger = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.9"), 9);
        net.addNat(inside.getAddress(), InetAddress.ofLiteral("203.0.113.1"));

        // Outside nobody can reach the private address, nor the public one before a mapping exists.
        net.send(0, new Datagram(B, inside, new byte[1]));
        net.send(0, new Datagram(B, mapped, new byte[1]));
        assertThat(drain(net, Long.MAX_VALUE)).isEmpty();

        net.send(0, new Datagram(inside, B, new byte[1]));
        Datagram out = drain(net, Long.MAX_VALUE).getFirst();
        assertThat(out.from()).isEqualTo(mapped);
        // The same mapping towards any destination (endpoint-independent).
        net.send(0, new Datagram(inside, A, new byte[1]));
        assertThat(drain(net, Long.MAX_VALUE).getFirst().from()).isEqualTo(mapped);

        // Replies from addresses it sent to get in, to the private address; others do not.
        net.send(0, new Datagram(new InetSocketAddress(B.getAddress(), 2999), mapped, new byte[1]));
        net.send(0, new Datagram(stranger, mapped, new byte[1]));
        List<Datagram> in = drain(net, Long.MAX_VALUE);
        assertThat(in).hasSize(1);
        assertThat(in.getFirst().to()).isEqualTo(inside);
    }

    @Test
    void simulationDrivesEndpointsInVirtualTime() {
        VirtualClock clock = new VirtualClock(100);
        Simulation sim = new Simulation(new SimulatedNetwork(1), clock);
        Echo a = new Echo(A, B, 3);
        Echo b = new Echo(B, A, 0);
        sim.add(a);
        sim.add(b);
        assertThat(sim.runUntil(Duration.ofSeconds(1), () -> a.received == 3)).isTrue();
        // A sends at 100 ns, 1 ms later B echoes it, 1 ms later A gets it back; three times.
        assertThat(clock.now()).isEqualTo(100 + 6 * MS);
        sim.runFor(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo(100 + 6 * MS + 1000 * MS);
        assertThat(a.received).isEqualTo(3);
    }

    /** Sends {@code count} pings one after another; answers what it receives when count is 0. */
    private static final class Echo implements Simulation.Endpoint {
        final InetSocketAddress self;
        final InetSocketAddress peer;
        int toSend;
        int received;
        Datagram out;
        boolean start;

        Echo(InetSocketAddress self, InetSocketAddress peer, int count) {
            this.self = self;
            this.peer = peer;
            this.toSend = count;
            this.start = count > 0;
        }

        @Override
        public boolean owns(InetSocketAddress address) {
            return address.equals(self);
        }

        @Override
        public void receive(long now, Datagram d) {
            received++;
            if (toSend == 0 && !start) {
                out = new Datagram(self, d.from(), d.data());
            } else if (--toSend > 0) {
                out = new Datagram(self, peer, new byte[1]);
            }
        }

        @Override
        public void timeout(long now) {
            start = false;
            out = new Datagram(self, peer, new byte[1]);
        }

        @Override
        public long nextTimeout() {
            return start ? 0 : Long.MAX_VALUE;
        }

        @Override
        public Datagram poll() {
            Datagram d = out;
            out = null;
            return d;
        }
    }
}
