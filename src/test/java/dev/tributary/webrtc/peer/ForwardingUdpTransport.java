package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.udp.UdpTransport;
import java.net.InetSocketAddress;
import java.util.List;

/** A UDP transport that does what another does; tests override what they change. */
class ForwardingUdpTransport implements UdpTransport {

    private final UdpTransport delegate;

    ForwardingUdpTransport(UdpTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetSocketAddress> localAddresses() {
        return delegate.localAddresses();
    }

    @Override
    public void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off, int len) {
        delegate.send(localAddress, destination, buf, off, len);
    }

    @Override
    public void addLocalUfrag(String localUfrag) {
        delegate.addLocalUfrag(localUfrag);
    }

    @Override
    public long sendFailures() {
        return delegate.sendFailures();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
