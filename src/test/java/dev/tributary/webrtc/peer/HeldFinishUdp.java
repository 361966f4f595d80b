package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.udp.DatagramHandler;
import dev.tributary.webrtc.udp.UdpTransport;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real UDP transports that hold back what a DTLS server sends from its ChangeCipherSpec on (its
 * last flight, and any repeat of it) until the test releases it, while everything else, media
 * included, goes out at once. The server's side of the handshake is done when it sends that
 * flight, so its media then reaches the client before the client's handshake can be: the order a
 * sender that starts media right behind its last flight (FFmpeg's WHIP muxer) produces, made
 * certain instead of likely.
 */
final class HeldFinishUdp implements UdpTransportFactory {

    /** DTLS record content type of ChangeCipherSpec (RFC 6347 §4.1). */
    private static final int CHANGE_CIPHER_SPEC = 20;

    private final UdpTransportFactory real;
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;
    private boolean released;
    private int rtpSent;

    HeldFinishUdp(UdpTransportFactory real) {
        this.real = real;
    }

    /** Whether the server's last flight is being held. */
    synchronized boolean holding() {
        return holding && !released;
    }

    /** SRTP datagrams sent so far (RTCP not counted). */
    synchronized int rtpSent() {
        return rtpSent;
    }

    /** Sends what was held, in order, and holds nothing from now on. */
    void release() {
        List<Runnable> sends;
        synchronized (this) {
            released = true;
            sends = List.copyOf(held);
            held.clear();
        }
        sends.forEach(Runnable::run);
    }

    @Override
    public UdpTransport open(String localUfrag, DatagramHandler handler) {
        UdpTransport transport = real.open(localUfrag, handler);
        return new ForwardingUdpTransport(transport) {
            @Override
            public void send(InetSocketAddress localAddress, InetSocketAddress destination, byte[] buf, int off,
                    int len) {
                int first = len > 0 ? buf[off] & 0xff : -1;
                boolean dtls = first >= 20 && first <= 63;
                if (dtls) {
                    synchronized (HeldFinishUdp.this) {
                        holding |= first == CHANGE_CIPHER_SPEC;
                        if (holding && !released) {
                            byte[] copy = Arrays.copyOfRange(buf, off, off + len);
                            held.add(() -> super.send(localAddress, destination, copy, 0, copy.length));
                            return;
                        }
                    }
                }
                super.send(localAddress, destination, buf, off, len);
                boolean rtp = first >= 128 && first <= 191 && len > 1 && ((buf[off + 1] & 0xff) < 192
                        || (buf[off + 1] & 0xff) > 223);
                if (rtp) {
                    synchronized (HeldFinishUdp.this) {
                        rtpSent++;
                    }
                }
            }
        };
    }
}
