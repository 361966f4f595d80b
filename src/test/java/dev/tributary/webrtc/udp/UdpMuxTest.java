package dev.tributary.webrtc.udp;

import static dev.tributary.webrtc.udp.Loopback.ADDRESS;
import static dev.tributary.webrtc.udp.Loopback.ONLY_LOOPBACK;
import static dev.tributary.webrtc.udp.Loopback.bytes;
import static dev.tributary.webrtc.udp.Loopback.bindingRequest;
import static dev.tributary.webrtc.udp.Loopback.bindingResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.webrtc.udp.Loopback.Peer;
import dev.tributary.webrtc.udp.Received.Inbox;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpMuxTest {

    private final UdpMux mux = UdpMux.bind(0, ONLY_LOOPBACK);
    private final InetSocketAddress muxAddress = mux.localAddresses().getFirst();
    private final Inbox inboxA = new Inbox();
    private final Inbox inboxB = new Inbox();
    private final UdpTransport a = mux.open("ufragA", inboxA);
    private final UdpTransport b = mux.open("ufragB", inboxB);

    @AfterEach
    void closeMux() {
        mux.close();
    }

    @Test
    void routesBindingRequestsByUfragThenEverythingElseFromThatSourceByAddress() throws Exception {
        try (Peer peer1 = new Peer(); Peer peer2 = new Peer()) {
            byte[] requestToA = bindingRequest("ufragA", "remote1");
            peer1.send(muxAddress, requestToA);
            Received first = inboxA.take();
            assertThat(first.data()).isEqualTo(requestToA);
            assertThat(first.localAddress()).isEqualTo(muxAddress);
            assertThat(first.source()).isEqualTo(peer1.address());

            peer2.send(muxAddress, bindingRequest("ufragB", "remote2"));
            assertThat(inboxB.take().source()).isEqualTo(peer2.address());

            peer1.send(muxAddress, bytes("\u0016dtls from 1"));
            peer2.send(muxAddress, bytes("\u0080rtp from 2"));
            assertThat(inboxA.take().text()).isEqualTo("\u0016dtls from 1");
            assertThat(inboxB.take().text()).isEqualTo("\u0080rtp from 2");
            assertThat(inboxA.pending()).isZero();
            assertThat(inboxB.pending()).isZero();

            a.send(muxAddress, peer1.address(), bytes("answer"), 0, 6);
            DatagramPacket answer = peer1.receive();
            assertThat(answer.getSocketAddress()).isEqualTo(muxAddress);
            assertThat(new String(answer.getData(), 0, answer.getLength())).isEqualTo("answer");
            assertThat(mux.unroutedDatagrams()).isZero();
        }
    }

    @Test
    void dropsAndCountsUnknownUfragsAndUnmappedSources() throws Exception {
        try (Peer stranger = new Peer(); Peer known = new Peer()) {
            stranger.send(muxAddress, bindingRequest("nobody", "remote"));
            stranger.send(muxAddress, bytes("\u0017not mapped"));
            stranger.send(muxAddress, bindingResponse());
            stranger.send(muxAddress, new byte[0]);
            await().atMost(Duration.ofSeconds(5)).until(() -> mux.unroutedDatagrams() == 4);

            // A request naming no registered ufrag is dropped even from a mapped source.
            known.send(muxAddress, bindingRequest("ufragA", "remote"));
            inboxA.take();
            known.send(muxAddress, bindingRequest("nobody", "remote"));
            known.send(muxAddress, bytes("marker"));
            assertThat(inboxA.take().text()).isEqualTo("marker");
            assertThat(mux.unroutedDatagrams()).isEqualTo(5);
            assertThat(inboxA.pending()).isZero();
            assertThat(inboxB.pending()).isZero();
        }
    }

    @Test
    void aUfragAddedLaterRoutesAndNoUfragBelongsToTwoConnections() throws Exception {
        a.addLocalUfrag("restartA");
        a.addLocalUfrag("restartA");
        try (Peer peer = new Peer()) {
            peer.send(muxAddress, bindingRequest("restartA", "remote"));
            assertThat(inboxA.take().source()).isEqualTo(peer.address());
        }
        assertThatThrownBy(() -> b.addLocalUfrag("restartA")).isInstanceOf(UdpException.class);
        assertThatThrownBy(() -> mux.open("ufragA", new Inbox())).isInstanceOf(UdpException.class);
        assertThatThrownBy(() -> mux.open("a:b", new Inbox())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mux.open("", new Inbox())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingATransportStopsItsDeliveryAndFreesItsUfrag() throws Exception {
        a.addLocalUfrag("secondA");
        try (Peer peer = new Peer()) {
            peer.send(muxAddress, bindingRequest("ufragA", "remote"));
            inboxA.take();
            assertThat(mux.routes()).isEqualTo(4); // ufragA, secondA, ufragB, the peer

            a.close();
            a.close();
            assertThat(mux.routes()).isEqualTo(1); // ufragB
            peer.send(muxAddress, bytes("after close"));
            peer.send(muxAddress, bindingRequest("ufragA", "remote"));
            peer.send(muxAddress, bindingRequest("secondA", "remote"));
            await().atMost(Duration.ofSeconds(5)).until(() -> mux.unroutedDatagrams() == 3);
            a.send(muxAddress, peer.address(), new byte[1], 0, 1);
            assertThat(a.sendFailures()).isZero();
            a.addLocalUfrag("ignoredAfterClose");

            Inbox inboxA2 = new Inbox();
            try (UdpTransport a2 = mux.open("ufragA", inboxA2)) {
                peer.send(muxAddress, bindingRequest("ufragA", "remote"));
                inboxA2.take();
                peer.send(muxAddress, bytes("to the new one"));
                assertThat(inboxA2.take().text()).isEqualTo("to the new one");
            }
            assertThat(inboxA.pending()).isZero();
            assertThat(mux.routes()).isEqualTo(1);
        }
    }

    @Test
    void aRequestForAnotherUfragMovesTheSource() throws Exception {
        try (Peer peer = new Peer()) {
            peer.send(muxAddress, bindingRequest("ufragA", "remote"));
            inboxA.take();
            peer.send(muxAddress, bindingRequest("ufragB", "remote"));
            inboxB.take();
            peer.send(muxAddress, bytes("now B's"));
            assertThat(inboxB.take().text()).isEqualTo("now B's");
            assertThat(inboxA.pending()).isZero();
            assertThat(mux.routes()).isEqualTo(3);
        }
    }

    @Test
    void sendingMapsAFreeDestinationButDoesNotTakeAnotherConnectionsAddress() throws Exception {
        try (Peer checkedByA = new Peer(); Peer ofB = new Peer()) {
            // A full agent's own check: the response carries no USERNAME, the send mapped it.
            a.send(muxAddress, checkedByA.address(), bytes("check"), 0, 5);
            checkedByA.receive();
            byte[] response = bindingResponse();
            checkedByA.send(muxAddress, response);
            assertThat(inboxA.take().data()).isEqualTo(response);

            ofB.send(muxAddress, bindingRequest("ufragB", "remote"));
            inboxB.take();
            a.send(muxAddress, ofB.address(), bytes("x"), 0, 1);
            ofB.receive();
            ofB.send(muxAddress, bytes("still B's"));
            assertThat(inboxB.take().text()).isEqualTo("still B's");
            assertThat(inboxA.pending()).isZero();
        }
    }

    @Test
    void eachConnectionKeepsABoundedNumberOfAddressesForgettingTheOldest() {
        int bound = UdpMux.MAX_ADDRESSES_PER_TRANSPORT;
        byte[] request = bindingRequest("ufragA", "remote");
        for (int i = 0; i <= bound; i++) {
            mux.route(muxAddress, source(i), request, 0, request.length);
        }
        assertThat(mux.routes()).isEqualTo(2 + bound);
        byte[] data = bytes("\u0080data");
        long unrouted = mux.unroutedDatagrams();
        mux.route(muxAddress, source(0), data, 0, data.length);
        assertThat(mux.unroutedDatagrams()).isEqualTo(unrouted + 1);
        mux.route(muxAddress, source(1), data, 0, data.length);
        mux.route(muxAddress, source(bound), data, 0, data.length);
        assertThat(mux.unroutedDatagrams()).isEqualTo(unrouted + 1);

        // A forgotten address is mapped again by its next request.
        mux.route(muxAddress, source(0), request, 0, request.length);
        mux.route(muxAddress, source(0), data, 0, data.length);
        assertThat(mux.unroutedDatagrams()).isEqualTo(unrouted + 1);
        assertThat(mux.routes()).isEqualTo(2 + bound);
    }

    @Test
    void aThrowingHandlerDoesNotStopTheReaderForOthers() throws Exception {
        UdpTransport faulty = mux.open("faulty", (local, source, buf, off, len) -> {
            throw new IllegalArgumentException("handler bug");
        });
        try (faulty; Peer bad = new Peer(); Peer good = new Peer()) {
            bad.send(muxAddress, bindingRequest("faulty", "remote"));
            good.send(muxAddress, bindingRequest("ufragA", "remote"));
            inboxA.take();
            assertThat(mux.handlerFailures()).isEqualTo(1);
        }
    }

    @Test
    void closingTheMuxClosesEveryConnectionAndReleasesThePort() throws Exception {
        try (Peer peer = new Peer()) {
            peer.send(muxAddress, bindingRequest("ufragA", "remote"));
            inboxA.take();
        }
        long fds = Loopback.openFds();
        mux.close();
        assertThat(Loopback.openFds()).isEqualTo(fds - 1);
        assertThat(mux.readerThreads()).noneMatch(Thread::isAlive);
        mux.close();
        assertThat(mux.routes()).isZero();
        a.send(muxAddress, muxAddress, new byte[1], 0, 1);
        assertThat(a.sendFailures()).isZero();
        assertThatThrownBy(() -> mux.open("late", new Inbox())).isInstanceOf(UdpException.class);
        try (DatagramSocket rebound = new DatagramSocket(muxAddress)) {
            assertThat(rebound.getLocalPort()).isEqualTo(muxAddress.getPort());
        }
    }

    @Test
    void bindingATakenPortFailsAndKeepsNothing() throws IOException {
        assertThat(mux.readerThreads()).extracting(Thread::getName)
                .containsExactly("udp-reader-" + muxAddress.getPort());
        long fds = Loopback.openFds();
        assertThatThrownBy(() -> UdpMux.bind(muxAddress.getPort(), ONLY_LOOPBACK))
                .isInstanceOf(UdpException.class).hasMessageContaining(String.valueOf(muxAddress.getPort()));
        assertThat(Loopback.openFds()).isEqualTo(fds);
        assertThatThrownBy(() -> UdpMux.bind(65536, ONLY_LOOPBACK)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetSocketAddress source(int i) {
        byte[] ip = {(byte) 198, 18, (byte) (i >> 8), (byte) i};
        try {
            return new InetSocketAddress(java.net.InetAddress.getByAddress(ip), 40000 + i);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(Arrays.toString(ip), e);
        }
    }
}
