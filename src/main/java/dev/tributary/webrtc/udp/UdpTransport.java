package dev.tributary.webrtc.udp;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The UDP path of one peer connection: the local addresses it can be reached on (the bases of its
 * host candidates), a way to send, and received datagrams delivered to the {@link DatagramHandler}
 * given when it was opened. Thread-safe. Closing is idempotent and releases what the transport
 * holds at once (its own sockets and reader threads, or its registration in a shared mux).
 */
public interface UdpTransport extends AutoCloseable {

    /** The local socket addresses this transport receives on, one per gathered interface address. */
    List<InetSocketAddress> localAddresses();

    /**
     * Sends one datagram from the given local address. Best effort, like UDP: a failure to send
     * is counted, never thrown, and sending after close does nothing.
     *
     * @param localAddress one of {@link #localAddresses()}
     */
    void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off, int len);

    /**
     * Adds a local ICE username fragment that a shared port routes STUN requests by (after an ICE
     * restart the connection answers to the new one). A transport with sockets of its own
     * receives everything sent to them and ignores this.
     */
    void addLocalUfrag(String localUfrag);

    /** Datagrams that could not be sent, since the transport opened. */
    long sendFailures();

    @Override
    void close();
}
