package dev.tributary.webrtc.udp;

import java.net.InetSocketAddress;

/**
 * Takes the datagrams a {@link UdpTransport} receives. Called on the transport's reader thread;
 * the buffer is reused after the call returns, so an implementation that keeps the bytes copies
 * them. An implementation must not block: a slow handler delays every connection behind the
 * same socket.
 */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * @param localAddress the local socket address the datagram arrived on (an ICE base)
     * @param source the remote address it came from
     */
    void onDatagram(InetSocketAddress localAddress, InetSocketAddress source, byte[] buf, int off, int len);
}
