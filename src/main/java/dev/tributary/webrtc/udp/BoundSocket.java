package dev.tributary.webrtc.udp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One UDP socket bound to one local address, and the thread that reads it.
 *
 * <p>The reader receives into one buffer it reuses and hands each datagram to a
 * {@link DatagramHandler} on its own thread. It is a virtual thread, or a platform thread where
 * one socket carries many connections' traffic (see {@link #start}). {@link #closeAll} closes
 * the channels, which ends the readers, and then waits for the readers to end. The wait is
 * needed: when a thread is blocked in {@link DatagramChannel#receive},
 * {@link DatagramChannel#close()} only wakes it, and the socket is really closed, its port and
 * descriptor released, by that thread as it leaves {@code receive}. Waiting makes "closed" mean released. The wait skips the calling
 * thread when it is a reader itself (a handler closing its connection), and is bounded by
 * {@link #CLOSE_WAIT}: a reader still inside its handler after that is a handler that blocks,
 * which is logged rather than allowed to hang whoever closes (the socket is closed all the same;
 * only that one thread lingers until the handler returns).
 */
final class BoundSocket {

    private static final System.Logger LOG = System.getLogger(BoundSocket.class.getName());

    /**
     * The largest datagram delivered. It is the largest a layer above accepts: one DTLS record of
     * 2^14 bytes plus its header and AEAD expansion (RFC 9147 §4.1; the DTLS transport's receive
     * limit). WebRTC endpoints keep datagrams under the path MTU (about 1200 bytes), but the
     * buffer costs 16 KiB per socket, not per datagram, so the UDP layer need not be the one that
     * refuses a legal record. The receive buffer is one byte longer: a datagram that fills it
     * was truncated by the kernel, and is counted and dropped rather than delivered cut short.
     */
    static final int MAX_DATAGRAM = (1 << 14) + 256;

    /**
     * The receive buffer asked of the kernel (SO_RCVBUF), which caps it at {@code
     * net.core.rmem_max}. The kernel's default of about 200 KiB holds a fifth of a second of one
     * 8 Mbit/s publisher: too little for a sender without a pacer that sends at once what it
     * queued while connecting (GStreamer's webrtcbin does), or for a shared port while its reader
     * is busy with another session's datagrams.
     */
    static final int RECEIVE_BUFFER = 4 << 20;

    /** How long {@link #closeAll} waits for a reader that is inside its handler. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** What the readers of a group of sockets count. */
    static final class Counters {
        final AtomicLong truncated = new AtomicLong();
        final AtomicLong handlerFailures = new AtomicLong();
    }

    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private volatile Thread reader;

    private BoundSocket(DatagramChannel channel, InetSocketAddress localAddress) {
        this.channel = channel;
        this.localAddress = localAddress;
    }

    /**
     * @param address the local address and port (0 for an ephemeral port) to bind
     * @throws IOException if the socket cannot be opened or bound ({@link java.net.BindException}
     *     when the port is taken)
     */
    static BoundSocket bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(address);
            return new BoundSocket(channel, (InetSocketAddress) channel.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Starts the reader thread, named {@code udp-reader-<port>}. Called once.
     *
     * <p>A virtual thread blocked in {@code receive} waits on the JDK's I/O poller: each time the
     * socket becomes readable, a poller thread wakes from {@code epoll_wait} and hands the reader
     * to a carrier, and the reader re-arms the poller when it has drained the socket. A platform
     * thread blocks in the kernel's {@code recvfrom} itself, which costs one wake-up per
     * readable socket instead of three thread hand-offs. That matters for a socket that all
     * connections share, which reads thousands of datagrams a second; it costs an OS thread,
     * which is right for one socket per address, not for one socket per connection.
     *
     * @param platform whether the reader is a platform thread (else a virtual one)
     */
    void start(DatagramHandler handler, Counters counters, boolean platform) {
        Thread.Builder builder = platform ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        reader = builder
                .name("udp-reader-" + localAddress.getPort())
                .start(() -> read(handler, counters));
    }

    private void read(DatagramHandler handler, Counters counters) {
        byte[] array = new byte[MAX_DATAGRAM + 1];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        boolean handlerFailed = false;
        while (true) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                // A receive error on an unconnected UDP socket concerns one datagram (an ICMP
                // error the kernel queued, say), not the socket: drop it and read on.
                LOG.log(System.Logger.Level.DEBUG, "UDP receive on " + localAddress + " failed", e);
                continue;
            }
            int length = buffer.position();
            if (length > MAX_DATAGRAM) {
                counters.truncated.incrementAndGet();
                continue;
            }
            try {
                handler.onDatagram(localAddress, source, array, 0, length);
            } catch (RuntimeException e) {
                counters.handlerFailures.incrementAndGet();
                // The first failure is a bug worth seeing; the rest would flood the log.
                LOG.log(handlerFailed ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                        "datagram handler on " + localAddress + " failed", e);
                handlerFailed = true;
            }
        }
    }

    /**
     * Sends one datagram. Safe from any thread.
     *
     * @return false if it could not be sent; true if it was sent or the socket is closed
     */
    boolean send(InetSocketAddress destination, byte[] buf, int off, int len) {
        try {
            channel.send(ByteBuffer.wrap(buf, off, len), destination);
            return true;
        } catch (ClosedChannelException e) {
            return true;
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: an unresolved destination or one of the other family,
            // which UDP reports as a failed send like any other.
            LOG.log(System.Logger.Level.DEBUG, "UDP send from " + localAddress + " to " + destination + " failed", e);
            return false;
        }
    }

    /**
     * @return the socket of {@code sockets} bound to {@code localAddress}
     * @throws IllegalArgumentException if there is none
     */
    static BoundSocket find(List<BoundSocket> sockets, InetSocketAddress localAddress) {
        for (BoundSocket socket : sockets) {
            if (socket.localAddress.equals(localAddress)) {
                return socket;
            }
        }
        throw new IllegalArgumentException("not a local address of this transport: " + localAddress);
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return the reader thread, null before {@link #start} */
    Thread reader() {
        return reader;
    }

    /**
     * Closes the sockets and waits for their readers to end (see the class comment), so that
     * their ports and descriptors are released on return. Idempotent.
     */
    static void closeAll(List<BoundSocket> sockets) {
        sockets.forEach(socket -> closeQuietly(socket.channel));
        for (BoundSocket socket : sockets) {
            Thread reader = socket.reader;
            if (reader == null || reader == Thread.currentThread()) {
                continue;
            }
            try {
                if (!reader.join(CLOSE_WAIT)) {
                    LOG.log(System.Logger.Level.WARNING, "the reader of " + socket.localAddress
                            + " is still in its datagram handler " + CLOSE_WAIT.toMillis()
                            + " ms after close: a handler must not block");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a UDP socket failed", e);
        }
    }
}
