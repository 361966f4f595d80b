package dev.tributary.webrtc.udp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sockets of its own for each connection: {@link #open} binds one UDP socket on every address
 * {@link HostAddresses#gather gathered} at that moment, each with a reader virtual thread, so
 * everything that arrives on them belongs to the one connection and the local ufrag is not
 * needed to route. Ports are ephemeral, or the first free one of a configured range (for a
 * firewall that opens only that range).
 *
 * <p>Thread-safe. The factory itself holds no resource; each transport it opens is closed by
 * its owner.
 */
public final class UdpSocketFactory implements UdpTransportFactory {

    private final AddressFilter filter;
    private final int minPort;
    private final int maxPort;
    private final BoundSocket.Counters counters = new BoundSocket.Counters();

    /**
     * Binds ephemeral ports.
     *
     * @param filter which local addresses to bind
     */
    public UdpSocketFactory(AddressFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.minPort = 0;
        this.maxPort = 0;
    }

    /**
     * Binds, on each address, the lowest port of {@code minPort..maxPort} that is free.
     *
     * @param filter which local addresses to bind
     * @param minPort the first port of the range, 1..65535
     * @param maxPort the last port of the range, {@code minPort}..65535
     * @throws IllegalArgumentException if the range is empty or outside 1..65535
     */
    public UdpSocketFactory(AddressFilter filter, int minPort, int maxPort) {
        if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad port range " + minPort + ".." + maxPort);
        }
        this.filter = Objects.requireNonNull(filter, "filter");
        this.minPort = minPort;
        this.maxPort = maxPort;
    }

    /**
     * Binds a socket on each gathered address and starts reading them.
     *
     * @param localUfrag not used: the sockets belong to this connection alone
     * @param handler receives every datagram that arrives on the sockets
     * @throws UdpException if no address is gathered, or a socket cannot be bound (those already
     *     bound are closed again)
     */
    @Override
    public UdpTransport open(String localUfrag, DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<InetAddress> addresses = HostAddresses.gather(filter);
        if (addresses.isEmpty()) {
            throw new UdpException("no local address to bind: every interface address is filtered out by " + filter);
        }
        List<BoundSocket> sockets = new ArrayList<>(addresses.size());
        try {
            for (InetAddress address : addresses) {
                sockets.add(bind(address));
            }
        } catch (UdpException e) {
            BoundSocket.closeAll(sockets);
            throw e;
        }
        sockets.forEach(socket -> socket.start(handler, counters, false));
        return new SocketTransport(sockets);
    }

    private BoundSocket bind(InetAddress address) {
        if (minPort == 0) {
            try {
                return BoundSocket.bind(new InetSocketAddress(address, 0));
            } catch (IOException e) {
                throw new UdpException("cannot bind a UDP socket on " + address.getHostAddress(), e);
            }
        }
        for (int port = minPort; port <= maxPort; port++) {
            try {
                return BoundSocket.bind(new InetSocketAddress(address, port));
            } catch (BindException e) {
                // taken: try the next one
            } catch (IOException e) {
                throw new UdpException("cannot bind UDP port " + port + " on " + address.getHostAddress(), e);
            }
        }
        throw new UdpException("no free UDP port in " + minPort + ".." + maxPort + " on " + address.getHostAddress());
    }

    /** Datagrams longer than {@value BoundSocket#MAX_DATAGRAM} bytes, dropped, on every transport opened. */
    public long truncatedDatagrams() {
        return counters.truncated.get();
    }

    /** Datagrams whose handler threw (the reader goes on), on every transport opened. */
    public long handlerFailures() {
        return counters.handlerFailures.get();
    }

    /** The sockets of one connection. */
    static final class SocketTransport implements UdpTransport {

        private final List<BoundSocket> sockets;
        private final List<InetSocketAddress> localAddresses;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicLong sendFailures = new AtomicLong();

        SocketTransport(List<BoundSocket> sockets) {
            this.sockets = List.copyOf(sockets);
            this.localAddresses = sockets.stream().map(BoundSocket::localAddress).toList();
        }

        @Override
        public List<InetSocketAddress> localAddresses() {
            return localAddresses;
        }

        /**
         * {@inheritDoc}
         *
         * @throws IllegalArgumentException if {@code localAddress} is not one of
         *     {@link #localAddresses()} or {@code off}/{@code len} are not a range of {@code buf}
         */
        @Override
        public void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off, int len) {
            Objects.requireNonNull(destination, "destination");
            Ranges.check(buf, off, len);
            BoundSocket socket = BoundSocket.find(sockets, localAddress);
            if (!closed.get() && !socket.send(destination, buf, off, len)) {
                sendFailures.incrementAndGet();
            }
        }

        /** Does nothing: everything that reaches these sockets is this connection's. */
        @Override
        public void addLocalUfrag(String localUfrag) {
            Objects.requireNonNull(localUfrag, "localUfrag");
        }

        @Override
        public long sendFailures() {
            return sendFailures.get();
        }

        /**
         * Closes every socket at once and waits for the readers to end: the sockets, their
         * ports and descriptors are released on return (see {@link UdpTransport} for a handler
         * that closes its own transport).
         */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                BoundSocket.closeAll(sockets);
            }
        }

        List<Thread> readerThreads() {
            return sockets.stream().map(BoundSocket::reader).toList();
        }
    }
}
