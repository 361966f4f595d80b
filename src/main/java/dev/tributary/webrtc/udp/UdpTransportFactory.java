package dev.tributary.webrtc.udp;

/**
 * Opens the {@link UdpTransport} of a new peer connection: either sockets of its own, or a
 * registration on a single shared port.
 */
public interface UdpTransportFactory {

    /**
     * @param localUfrag the connection's local ICE username fragment, by which a shared port
     *     routes the connectivity checks addressed to it
     * @param handler receives the connection's datagrams
     * @throws UdpException if no socket could be bound or the ufrag is already registered
     */
    UdpTransport open(String localUfrag, DatagramHandler handler);
}
