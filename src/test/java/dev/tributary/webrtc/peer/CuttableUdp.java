package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.udp.DatagramHandler;
import dev.tributary.webrtc.udp.UdpTransport;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.net.InetSocketAddress;

/**
 * Real UDP transports that a test can cut: from then on nothing is sent or delivered, as if the
 * peer had vanished (its machine lost power) without a goodbye.
 */
final class CuttableUdp implements UdpTransportFactory {

    private final UdpTransportFactory real;
    private volatile boolean cut;

    CuttableUdp(UdpTransportFactory real) {
        this.real = real;
    }

    void cut() {
        cut = true;
    }

    @Override
    public UdpTransport open(String localUfrag, DatagramHandler handler) {
        UdpTransport transport = real.open(localUfrag, (local, source, buf, off, len) -> {
            if (!cut) {
                handler.onDatagram(local, source, buf, off, len);
            }
        });
        return new ForwardingUdpTransport(transport) {
            @Override
            public void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off,
                    int len) {
                if (!cut) {
                    super.send(localAddress, destination, buf, off, len);
                }
            }
        };
    }
}
