package dev.tributary.webrtc.sim;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic simulated IP network carrying datagrams between socket addresses in virtual
 * time, for testing sans-IO protocol cores (ICE, DTLS, SCTP ...) against each other.
 *
 * <p>Each pair of hosts (IP addresses, in either direction) has {@link LinkConditions}: loss drawn
 * from one seeded {@link Random}, delay, jitter that reorders, and a cut. Hosts can sit behind a
 * NAT ({@link #addNat}): an endpoint-independent mapping with address-dependent filtering (the
 * common home router), and their private addresses are unreachable from outside. The same seed
 * and the same sends give the same deliveries.
 */
public final class SimulatedNetwork {

    private record Key(InetAddress a, InetAddress b) {
        static Key of(InetAddress x, InetAddress y) {
            return x.getHostAddress().compareTo(y.getHostAddress()) <= 0 ? new Key(x, y) : new Key(y, x);
        }
    }

    private record Scheduled(long time, long seq, Datagram datagram) {}

    private record Nat(InetAddress publicIp, Map<InetSocketAddress, InetSocketAddress> outbound,
            Map<InetSocketAddress, InetSocketAddress> inbound, Map<InetSocketAddress, Set<InetAddress>> allowed) {}

    private final Random random;
    private final Map<Key, LinkConditions> links = new HashMap<>();
    private final Map<InetAddress, Nat> natByPrivateIp = new HashMap<>();
    private final Map<InetAddress, Nat> natByPublicIp = new HashMap<>();
    private final PriorityQueue<Scheduled> inFlight = new PriorityQueue<>(
            (x, y) -> x.time != y.time ? Long.compare(x.time, y.time) : Long.compare(x.seq, y.seq));
    private LinkConditions defaults = LinkConditions.GOOD;
    private long seq;
    private int nextNatPort = 40_000;
    private long sent;
    private long delivered;
    private long lost;

    /** @param seed the seed of the loss and jitter draws */
    public SimulatedNetwork(long seed) {
        this.random = new Random(seed);
    }

    /** @param conditions the conditions of every link not set explicitly */
    public void setDefaultConditions(LinkConditions conditions) {
        defaults = conditions;
    }

    /**
     * @param a one host
     * @param b the other host
     * @param conditions the conditions of the link between them, both directions
     */
    public void setConditions(InetAddress a, InetAddress b, LinkConditions conditions) {
        links.put(Key.of(a, b), conditions);
    }

    /**
     * @param a one host
     * @param b the other host
     * @return the conditions of the link between them
     */
    public LinkConditions conditions(InetAddress a, InetAddress b) {
        return links.getOrDefault(Key.of(a, b), defaults);
    }

    /**
     * Cuts or restores the link between two hosts, both directions; datagrams in flight still
     * arrive.
     *
     * @param a one host
     * @param b the other host
     * @param cut whether to cut or restore
     */
    public void setCut(InetAddress a, InetAddress b, boolean cut) {
        setConditions(a, b, conditions(a, b).withCut(cut));
    }

    /**
     * Puts a host behind a NAT with a public address. Links are looked up between the hosts'
     * own (private) addresses.
     *
     * @param privateIp the host's address
     * @param publicIp the NAT's public address
     */
    public void addNat(InetAddress privateIp, InetAddress publicIp) {
        Nat nat = natByPublicIp.computeIfAbsent(publicIp, ip -> new Nat(ip, new HashMap<>(), new HashMap<>(),
                new HashMap<>()));
        natByPrivateIp.put(privateIp, nat);
    }

    /**
     * Sends a datagram: translated by NATs on the way, then lost, or scheduled for delivery after
     * the link's delay and jitter.
     *
     * @param now the current time in nanoseconds
     * @param datagram the datagram as the sender sent it
     */
    public void send(long now, Datagram datagram) {
        sent++;
        InetSocketAddress from = datagram.from();
        InetSocketAddress to = datagram.to();
        InetAddress senderHost = from.getAddress();
        Nat outNat = natByPrivateIp.get(from.getAddress());
        Nat privateDestination = natByPrivateIp.get(to.getAddress());
        if (privateDestination != null && privateDestination != outNat) {
            // A private address behind another NAT: not routable from here.
            lost++;
            return;
        }
        if (outNat != null && privateDestination == null) {
            InetSocketAddress mapped = outNat.outbound.computeIfAbsent(from,
                    f -> new InetSocketAddress(outNat.publicIp, nextNatPort++));
            outNat.inbound.putIfAbsent(mapped, from);
            outNat.allowed.computeIfAbsent(mapped, m -> new HashSet<>()).add(to.getAddress());
            from = mapped;
        }
        Nat inNat = natByPublicIp.get(to.getAddress());
        if (inNat != null) {
            InetSocketAddress inside = inNat.inbound.get(to);
            Set<InetAddress> allowed = inNat.allowed.getOrDefault(to, Set.of());
            if (inside == null || !allowed.contains(from.getAddress())) {
                lost++;
                return;
            }
            to = inside;
        }
        LinkConditions link = conditions(senderHost, to.getAddress());
        if (link.cut() || random.nextDouble() < link.loss()) {
            lost++;
            return;
        }
        long jitter = link.jitter().isZero() ? 0 : (long) (random.nextDouble() * link.jitter().toNanos());
        long at = now + link.delay().toNanos() + jitter;
        inFlight.add(new Scheduled(at, seq++, new Datagram(from, to, datagram.data().clone())));
    }

    /** @return when the next datagram arrives, or {@link Long#MAX_VALUE} */
    public long nextDeliveryTime() {
        Scheduled next = inFlight.peek();
        return next == null ? Long.MAX_VALUE : next.time;
    }

    /**
     * @param now the current time in nanoseconds
     * @return the next datagram that has arrived by {@code now}, with the addresses the receiver
     *     sees, or null
     */
    public Datagram poll(long now) {
        Scheduled next = inFlight.peek();
        if (next == null || next.time > now) {
            return null;
        }
        inFlight.poll();
        delivered++;
        return next.datagram;
    }

    /** @return datagrams sent, delivered and lost so far */
    public List<Long> counts() {
        return List.of(sent, delivered, lost);
    }
}
