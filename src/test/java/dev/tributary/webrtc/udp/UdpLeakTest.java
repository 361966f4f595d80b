package dev.tributary.webrtc.udp;

import static dev.tributary.webrtc.udp.Loopback.ONLY_LOOPBACK;
import static dev.tributary.webrtc.udp.Loopback.bindingRequest;
import static dev.tributary.webrtc.udp.Loopback.bytes;
import static dev.tributary.webrtc.udp.Loopback.openFds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.udp.Loopback.Peer;
import dev.tributary.webrtc.udp.Received.Inbox;
import dev.tributary.webrtc.udp.UdpSocketFactory.SocketTransport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of connections opened, used and closed leave the process with the descriptors it had
 * and no reader thread. The counts are exact: close waits for the readers, which release the
 * sockets. Virtual threads are not listed by {@link Thread#getAllStackTraces()}, so the readers
 * are checked through the references the transports keep.
 */
class UdpLeakTest {

    private static final int CONNECTIONS = 300;

    @Test
    void perConnectionSocketsAreAllReleased() throws Exception {
        UdpSocketFactory factory = new UdpSocketFactory(ONLY_LOOPBACK);
        try (Peer peer = new Peer()) {
            // The JDK opens some descriptors once, on first use (the virtual-thread pollers).
            useAndClose(factory, peer, new ArrayList<>());
            long baseline = openFds();

            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                useAndClose(factory, peer, readers);
            }

            assertThat(openFds()).isEqualTo(baseline);
            assertThat(readers).hasSize(CONNECTIONS).noneMatch(Thread::isAlive);
        }
    }

    private static void useAndClose(UdpSocketFactory factory, Peer peer, List<Thread> readers) throws Exception {
        Inbox inbox = new Inbox();
        SocketTransport transport = (SocketTransport) factory.open("u", inbox);
        InetSocketAddress local = transport.localAddresses().getFirst();
        peer.send(local, bytes("ping"));
        assertThat(inbox.take().text()).isEqualTo("ping");
        transport.send(local, peer.address(), bytes("pong"), 0, 4);
        peer.receive();
        readers.addAll(transport.readerThreads());
        transport.close();
    }

    @Test
    void muxRegistrationsAreAllReleased() throws Exception {
        try (Peer peer = new Peer(); Peer checked = new Peer()) {
            try (UdpMux warmUp = UdpMux.bind(0, ONLY_LOOPBACK)) {
                register(warmUp, "warm-up", peer, checked);
            }
            long baseline = openFds();

            UdpMux mux = UdpMux.bind(0, ONLY_LOOPBACK);
            for (int i = 0; i < CONNECTIONS; i++) {
                register(mux, "ufrag" + i, peer, checked);
            }
            assertThat(mux.routes()).isZero();
            assertThat(mux.unroutedDatagrams()).isZero();
            List<Thread> readers = mux.readerThreads();
            mux.close();

            assertThat(openFds()).isEqualTo(baseline);
            assertThat(readers).isNotEmpty().noneMatch(Thread::isAlive);
        }
    }

    /** Registers, gets a source mapped by a request and a destination by a send, closes. */
    private static void register(UdpMux mux, String ufrag, Peer peer, Peer checked) throws Exception {
        Inbox inbox = new Inbox();
        InetSocketAddress local = mux.localAddresses().getFirst();
        try (UdpTransport transport = mux.open(ufrag, inbox)) {
            peer.send(local, bindingRequest(ufrag, "remote"));
            inbox.take();
            transport.send(local, checked.address(), bytes("check"), 0, 5);
            checked.receive();
            assertThat(mux.routes()).isEqualTo(3);
        }
    }
}
