package dev.tributary.webrtc.udp;

import dev.tributary.webrtc.ice.IceAgent;
import dev.tributary.webrtc.stun.StunMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-port mode: every peer connection shares one UDP port, so that a server needs one
 * firewall rule and one port to expose (8189 by default in the ingest service).
 *
 * <p>{@link #bind} binds the port once per gathered address rather than on the wildcard
 * address: a datagram read from a wildcard socket does not say which local address it was sent
 * to, and ICE needs that address, the base of the local candidate the check arrived on, to pick
 * the candidate pair and to answer from the same address. One socket per address gives it
 * directly. Each socket has a reader platform thread, which costs less per datagram than a
 * virtual one (see {@code BoundSocket#start}) and is one OS thread per address, not per
 * connection.
 *
 * <p>Each {@link #open} registers a connection by its local ICE ufrag ({@link UdpTransport#addLocalUfrag}
 * adds more, for an ICE restart). A datagram from a source address S goes:
 * <ol>
 *   <li>if it is a STUN Binding request (RFC 7983 first byte, a well-formed STUN header), to the
 *       connection registered with the ufrag its USERNAME names ({@link IceAgent#requestedUfrag}),
 *       and S is mapped to that connection from then on; a request naming no registered ufrag is
 *       dropped;</li>
 *   <li>otherwise to the connection S is mapped to (DTLS, SRTP, STUN responses and indications);</li>
 *   <li>otherwise nowhere: it is dropped and counted in {@link #unroutedDatagrams()}.</li>
 * </ol>
 * A connection that sends to an address no connection has maps it too, so that the responses to
 * a full agent's own checks come back before the peer has sent any request.
 *
 * <p>Trade-offs. A Binding request naming connection B's ufrag from a source mapped to
 * connection A moves the source to B: the mux cannot check MESSAGE-INTEGRITY (it does not hold
 * the passwords), and the ICE agent that receives the request authenticates it. So someone who
 * knows B's ufrag and can send from (or spoof) A's peer's address can divert A's traffic to B,
 * where it fails to decrypt, until A's peer sends its next check (consent freshness, RFC 7675,
 * every few seconds) and moves it back. A send does not take an address from another connection,
 * so a peer cannot divert traffic by listing someone else's address as its candidate. Each
 * connection keeps at most {@value #MAX_ADDRESSES_PER_TRANSPORT} addresses and forgets the
 * oldest beyond that, so that sources claiming a known ufrag cannot grow memory; a forgotten
 * address is mapped again by its next Binding request. Two connections whose peers use the same
 * remote address (both ends in single-port mode) cannot be told apart outside STUN: the address
 * goes to whichever sent the last request.
 *
 * <p>Handlers run on the reader threads with no lock held, so a handler may send, add a ufrag or
 * close its transport (or the mux). They must not block: the reader serves every connection on
 * its socket.
 */
public final class UdpMux implements UdpTransportFactory, AutoCloseable {

    /** Remote addresses one connection may be mapped to at once. */
    static final int MAX_ADDRESSES_PER_TRANSPORT = 64;

    private static final int BINDING_REQUEST = 0x0001;

    private final List<BoundSocket> sockets;
    private final List<InetSocketAddress> localAddresses;
    private final BoundSocket.Counters counters = new BoundSocket.Counters();
    private final AtomicLong unrouted = new AtomicLong();

    /** Guards registration, mapping and closing; routing reads the two maps without it. */
    private final Object lock = new Object();
    private final ConcurrentHashMap<String, MuxTransport> byUfrag = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, MuxTransport> byAddress = new ConcurrentHashMap<>();
    private final Set<MuxTransport> transports = new HashSet<>();
    private boolean closed;

    private UdpMux(List<BoundSocket> sockets) {
        this.sockets = List.copyOf(sockets);
        this.localAddresses = sockets.stream().map(BoundSocket::localAddress).toList();
    }

    /**
     * Binds {@code port} on every address the filter gathers and starts reading.
     *
     * @param port the UDP port, 1..65535; 0 for an ephemeral port (each address then gets its
     *     own, which suits tests)
     * @param filter which local addresses to bind
     * @return the mux, to be closed by its owner
     * @throws UdpException if no address is gathered or the port cannot be bound on one of them
     *     (those already bound are closed again)
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    public static UdpMux bind(int port, AddressFilter filter) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        List<InetAddress> addresses = HostAddresses.gather(filter);
        if (addresses.isEmpty()) {
            throw new UdpException("no local address to bind: every interface address is filtered out by " + filter);
        }
        List<BoundSocket> sockets = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            try {
                sockets.add(BoundSocket.bind(new InetSocketAddress(address, port)));
            } catch (IOException e) {
                BoundSocket.closeAll(sockets);
                throw new UdpException("cannot bind UDP port " + port + " on " + address.getHostAddress(), e);
            }
        }
        UdpMux mux = new UdpMux(sockets);
        sockets.forEach(socket -> socket.start(mux::route, mux.counters, true));
        return mux;
    }

    /** The local socket addresses the mux receives on, one per gathered address. */
    public List<InetSocketAddress> localAddresses() {
        return localAddresses;
    }

    /**
     * Registers a connection.
     *
     * @param localUfrag the connection's local ICE ufrag
     * @param handler receives the datagrams routed to the connection
     * @throws UdpException if the ufrag is registered already or the mux is closed
     * @throws IllegalArgumentException if the ufrag is empty or holds a colon (it could never be
     *     named by a USERNAME)
     */
    @Override
    public UdpTransport open(String localUfrag, DatagramHandler handler) {
        checkUfrag(localUfrag);
        Objects.requireNonNull(handler, "handler");
        synchronized (lock) {
            if (closed) {
                throw new UdpException("the UDP mux is closed");
            }
            MuxTransport transport = new MuxTransport(handler);
            register(localUfrag, transport);
            transports.add(transport);
            return transport;
        }
    }

    /** Datagrams dropped because no connection was registered for their ufrag or source. */
    public long unroutedDatagrams() {
        return unrouted.get();
    }

    /** Datagrams longer than {@value BoundSocket#MAX_DATAGRAM} bytes, dropped. */
    public long truncatedDatagrams() {
        return counters.truncated.get();
    }

    /** Datagrams whose handler threw (the reader goes on). */
    public long handlerFailures() {
        return counters.handlerFailures.get();
    }

    /**
     * Closes every connection registered here and every socket, and waits for the readers to
     * end: the port and the descriptors are released on return. Idempotent.
     */
    @Override
    public void close() {
        List<MuxTransport> open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(transports);
        }
        open.forEach(MuxTransport::close);
        BoundSocket.closeAll(sockets);
    }

    /** The reader thread of each socket. */
    List<Thread> readerThreads() {
        return sockets.stream().map(BoundSocket::reader).toList();
    }

    /** Registered ufrags and mapped addresses, for tests to see that closing leaves none. */
    int routes() {
        return byUfrag.size() + byAddress.size();
    }

    /** Routes one datagram read from a socket; see the class comment. Runs on the reader. */
    void route(InetSocketAddress localAddress, InetSocketAddress source, byte[] buf, int off, int len) {
        MuxTransport target;
        if (isBindingRequest(buf, off, len)) {
            Optional<String> ufrag = IceAgent.requestedUfrag(buf, off, len);
            target = ufrag.isEmpty() ? null : byUfrag.get(ufrag.get());
            if (target != null && byAddress.get(source) != target) {
                map(source, target, true);
            }
        } else {
            target = byAddress.get(source);
        }
        if (target == null) {
            unrouted.incrementAndGet();
            return;
        }
        target.deliver(localAddress, source, buf, off, len);
    }

    private static boolean isBindingRequest(byte[] buf, int off, int len) {
        return DatagramKind.classify(buf, off, len) == DatagramKind.STUN
                && StunMessage.isStun(buf, off, len)
                && ((buf[off] & 0xFF) << 8 | (buf[off + 1] & 0xFF)) == BINDING_REQUEST;
    }

    /**
     * Maps {@code address} to {@code transport}, taking it from another connection only when
     * {@code take} is set, and forgets the transport's oldest address beyond the bound.
     */
    private void map(InetSocketAddress address, MuxTransport transport, boolean take) {
        synchronized (lock) {
            if (transport.closed) {
                return;
            }
            MuxTransport previous = byAddress.get(address);
            if (previous == transport || (previous != null && !take)) {
                return;
            }
            if (previous != null) {
                previous.addresses.remove(address);
            }
            byAddress.put(address, transport);
            transport.addresses.addLast(address);
            if (transport.addresses.size() > MAX_ADDRESSES_PER_TRANSPORT) {
                byAddress.remove(transport.addresses.removeFirst(), transport);
            }
        }
    }

    /** Called with the lock held. */
    private void register(String ufrag, MuxTransport transport) {
        MuxTransport owner = byUfrag.putIfAbsent(ufrag, transport);
        if (owner == null) {
            transport.ufrags.add(ufrag);
        } else if (owner != transport) {
            throw new UdpException("ICE ufrag '" + ufrag + "' is registered already on this UDP mux");
        }
    }

    private static void checkUfrag(String ufrag) {
        Objects.requireNonNull(ufrag, "localUfrag");
        if (ufrag.isEmpty() || ufrag.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not an ICE ufrag: '" + ufrag + "'");
        }
    }

    /** One connection's registration. */
    final class MuxTransport implements UdpTransport {

        private final DatagramHandler handler;
        private final AtomicLong sendFailures = new AtomicLong();
        /** Guarded by the mux lock. */
        private final List<String> ufrags = new ArrayList<>(2);
        /** Guarded by the mux lock; oldest first. */
        private final ArrayDeque<InetSocketAddress> addresses = new ArrayDeque<>();
        /** Written under the mux lock. */
        private volatile boolean closed;

        private MuxTransport(DatagramHandler handler) {
            this.handler = handler;
        }

        /** The mux's addresses: every connection receives on all of them. */
        @Override
        public List<InetSocketAddress> localAddresses() {
            return localAddresses;
        }

        /**
         * {@inheritDoc} The destination is mapped to this connection unless another one has it.
         *
         * @throws IllegalArgumentException if {@code localAddress} is not one of
         *     {@link #localAddresses()} or {@code off}/{@code len} are not a range of {@code buf}
         */
        @Override
        public void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off, int len) {
            Objects.requireNonNull(destination, "destination");
            Ranges.check(buf, off, len);
            BoundSocket socket = BoundSocket.find(sockets, localAddress);
            if (closed) {
                return;
            }
            if (byAddress.get(destination) == null) {
                map(destination, this, false);
            }
            if (!socket.send(destination, buf, off, len)) {
                sendFailures.incrementAndGet();
            }
        }

        /**
         * {@inheritDoc}
         *
         * @throws UdpException if another connection on this mux has the ufrag
         * @throws IllegalArgumentException if the ufrag is empty or holds a colon
         */
        @Override
        public void addLocalUfrag(String localUfrag) {
            checkUfrag(localUfrag);
            synchronized (lock) {
                if (!closed) {
                    register(localUfrag, this);
                }
            }
        }

        @Override
        public long sendFailures() {
            return sendFailures.get();
        }

        /**
         * Unregisters the connection: its ufrags are free for another at once and nothing more
         * is delivered to it (but for a datagram its handler is being called with right now).
         */
        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                ufrags.forEach(ufrag -> byUfrag.remove(ufrag, this));
                addresses.forEach(address -> byAddress.remove(address, this));
                ufrags.clear();
                addresses.clear();
                transports.remove(this);
            }
        }

        private void deliver(InetSocketAddress localAddress, InetSocketAddress source, byte[] buf, int off, int len) {
            if (!closed) {
                handler.onDatagram(localAddress, source, buf, off, len);
            }
        }
    }
}
