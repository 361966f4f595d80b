package dev.tributary.webrtc.udp;

import static dev.tributary.webrtc.udp.Loopback.ADDRESS;
import static dev.tributary.webrtc.udp.Loopback.ONLY_LOOPBACK;
import static dev.tributary.webrtc.udp.Loopback.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.webrtc.udp.Loopback.Peer;
import dev.tributary.webrtc.udp.Received.Inbox;
import dev.tributary.webrtc.udp.UdpSocketFactory.SocketTransport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UdpSocketFactoryTest {

    private final UdpSocketFactory factory = new UdpSocketFactory(ONLY_LOOPBACK);

    @Test
    void twoTransportsExchangeDatagramsBothWays() throws Exception {
        Inbox inboxA = new Inbox();
        Inbox inboxB = new Inbox();
        try (UdpTransport a = factory.open("ufragA", inboxA); UdpTransport b = factory.open("ufragB", inboxB)) {
            InetSocketAddress addressA = a.localAddresses().getFirst();
            InetSocketAddress addressB = b.localAddresses().getFirst();
            assertThat(a.localAddresses()).containsExactly(addressA);
            assertThat(addressA.getAddress()).isEqualTo(ADDRESS);
            assertThat(addressA.getPort()).isNotZero().isNotEqualTo(addressB.getPort());

            byte[] buf = bytes("..to B..");
            a.send(addressA, addressB, buf, 2, 4);
            Received atB = inboxB.take();
            assertThat(atB.localAddress()).isEqualTo(addressB);
            assertThat(atB.source()).isEqualTo(addressA);
            assertThat(atB.text()).isEqualTo("to B");

            b.send(addressB, addressA, bytes("to A"), 0, 4);
            Received atA = inboxA.take();
            assertThat(atA.localAddress()).isEqualTo(addressA);
            assertThat(atA.source()).isEqualTo(addressB);
            assertThat(atA.text()).isEqualTo("to A");

            assertThat(a.sendFailures()).isZero();
            assertThat(b.sendFailures()).isZero();
            assertThat(((SocketTransport) a).readerThreads())
                    .extracting(Thread::getName).containsExactly("udp-reader-" + addressA.getPort());
        }
    }

    @Test
    void deliversTheLargestDatagramWholeAndDropsLongerOnesAsTruncated() throws Exception {
        Inbox inbox = new Inbox();
        try (UdpTransport transport = factory.open("u", inbox); Peer peer = new Peer()) {
            InetSocketAddress local = transport.localAddresses().getFirst();
            byte[] tooLong = new byte[BoundSocket.MAX_DATAGRAM + 1];
            byte[] largest = new byte[BoundSocket.MAX_DATAGRAM];
            Arrays.fill(largest, (byte) 0x5A);
            largest[largest.length - 1] = 1;

            peer.send(local, tooLong);
            peer.send(local, largest);

            assertThat(inbox.take().data()).isEqualTo(largest);
            assertThat(factory.truncatedDatagrams()).isEqualTo(1);
            assertThat(inbox.pending()).isZero();
        }
    }

    /**
     * A sender without a pacer puts what it queued at once on the wire (GStreamer's webrtcbin
     * sends the media of its whole connection set-up when DTLS is up): megabytes faster than one
     * reader takes them. The socket's receive buffer holds such a burst; the kernel's default of
     * about 200 KiB kept some 200 of these datagrams and dropped the rest.
     */
    @Test
    void aBurstArrivingWhileTheHandlerIsBusyIsKeptWhole() throws Exception {
        // readAllLines, not readString: the JDK reads a procfs file of reported size 0 one byte short.
        long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).getFirst().strip());
        assumeTrue(rmemMax >= BoundSocket.RECEIVE_BUFFER,
                "net.core.rmem_max is " + rmemMax + ": the kernel caps every receive buffer below "
                        + BoundSocket.RECEIVE_BUFFER + " bytes");
        int burst = 1500;
        Semaphore busy = new Semaphore(0);
        AtomicInteger received = new AtomicInteger();
        DatagramHandler slow = (localAddress, source, buf, off, len) -> {
            if (received.getAndIncrement() == 0) {
                busy.acquireUninterruptibly();
            }
        };
        try (UdpTransport transport = factory.open("u", slow); Peer peer = new Peer()) {
            InetSocketAddress address = transport.localAddresses().getFirst();
            peer.send(address, new byte[1000]);
            await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 1);
            for (int i = 0; i < burst; i++) {
                peer.send(address, new byte[1000]);
            }
            busy.release();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received.get()).isEqualTo(burst + 1));
        }
    }

    @Test
    void aThrowingHandlerIsCountedAndTheReaderGoesOn() throws Exception {
        Inbox inbox = new Inbox();
        DatagramHandler handler = (local, source, buf, off, len) -> {
            if (buf[off] == 'x') {
                throw new IllegalStateException("handler bug");
            }
            inbox.onDatagram(local, source, buf, off, len);
        };
        try (UdpTransport transport = factory.open("u", handler); Peer peer = new Peer()) {
            InetSocketAddress local = transport.localAddresses().getFirst();
            peer.send(local, bytes("x1"));
            peer.send(local, bytes("ok"));
            assertThat(inbox.take().text()).isEqualTo("ok");
            assertThat(factory.handlerFailures()).isEqualTo(1);
        }
    }

    @Test
    void failedSendsAreCountedNotThrown() throws Exception {
        try (UdpTransport transport = factory.open("u", new Inbox())) {
            InetSocketAddress local = transport.localAddresses().getFirst();
            byte[] buf = bytes("x");
            // An IPv4 socket cannot reach an IPv6 address, nor anything an unresolved name.
            transport.send(local, new InetSocketAddress(InetAddress.getByName("::1"), 9), buf, 0, 1);
            transport.send(local, InetSocketAddress.createUnresolved("peer.invalid", 9), buf, 0, 1);
            assertThat(transport.sendFailures()).isEqualTo(2);
        }
    }

    @Test
    void sendRejectsAnAddressThatIsNotItsOwnAndABadRange() {
        try (UdpTransport transport = factory.open("u", new Inbox())) {
            InetSocketAddress local = transport.localAddresses().getFirst();
            InetSocketAddress elsewhere = new InetSocketAddress(ADDRESS, local.getPort() == 9 ? 10 : 9);
            assertThatThrownBy(() -> transport.send(elsewhere, local, new byte[1], 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> transport.send(local, local, new byte[1], 1, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeReleasesTheSocketAtOnceIsIdempotentAndSilencesSend() throws Exception {
        Inbox inbox = new Inbox();
        SocketTransport transport = (SocketTransport) factory.open("u", inbox);
        InetSocketAddress local = transport.localAddresses().getFirst();
        Thread reader = transport.readerThreads().getFirst();
        assertThat(reader.isAlive()).isTrue();

        long fds = Loopback.openFds();
        transport.close();
        // Released as soon as close returns: the descriptor, the port, the reader.
        assertThat(Loopback.openFds()).isEqualTo(fds - 1);
        assertThat(reader.isAlive()).isFalse();
        try (DatagramSocket rebound = new DatagramSocket(local)) {
            assertThat(rebound.getLocalPort()).isEqualTo(local.getPort());
        }
        transport.close();
        transport.send(local, local, new byte[1], 0, 1);
        assertThat(transport.sendFailures()).isZero();
    }

    @Test
    void aHandlerMayCloseItsOwnTransport() throws Exception {
        CompletableFuture<UdpTransport> self = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        DatagramHandler handler = (local, source, buf, off, len) -> {
            self.join().close();
            closed.complete(null);
        };
        SocketTransport transport = (SocketTransport) factory.open("u", handler);
        self.complete(transport);
        try (Peer peer = new Peer()) {
            peer.send(transport.localAddresses().getFirst(), bytes("bye"));
            closed.get(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !transport.readerThreads().getFirst().isAlive());
    }

    @Test
    void bindsTheFirstFreePortOfARange() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(ADDRESS, 0))) {
            int first = taken.getLocalPort();
            // Ephemeral ports are handed out upwards from a random point, so the range rarely
            // reaches past 65535; keep it inside.
            int last = Math.min(65535, first + 50);
            UdpSocketFactory ranged = new UdpSocketFactory(ONLY_LOOPBACK, first, last);
            SocketTransport transport = (SocketTransport) ranged.open("u", new Inbox());
            try (transport) {
                int port = transport.localAddresses().getFirst().getPort();
                assertThat(port).isGreaterThan(first).isLessThanOrEqualTo(last);
                for (int p = first + 1; p < port; p++) {
                    int candidate = p;
                    assertThatThrownBy(() -> new DatagramSocket(new InetSocketAddress(ADDRESS, candidate)).close())
                            .as("port %d was skipped, so it must be taken", p)
                            .isInstanceOf(java.net.BindException.class);
                }
            }
            long fds = Loopback.openFds();
            UdpSocketFactory full = new UdpSocketFactory(ONLY_LOOPBACK, first, first);
            assertThatThrownBy(() -> full.open("u", new Inbox()))
                    .isInstanceOf(UdpException.class).hasMessageContaining("no free UDP port");
            assertThat(Loopback.openFds()).isEqualTo(fds);
        }
    }

    @Test
    void failsClearlyWhenNoAddressIsLeft() {
        UdpSocketFactory none = new UdpSocketFactory(AddressFilter.DEFAULT.allowingInterfaces("no-such-interface"));
        assertThatThrownBy(() -> none.open("u", new Inbox()))
                .isInstanceOf(UdpException.class).hasMessageContaining("no local address");
        assertThatThrownBy(() -> new UdpSocketFactory(ONLY_LOOPBACK, 10, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UdpSocketFactory(ONLY_LOOPBACK, 0, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
