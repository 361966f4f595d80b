package dev.tributary.webrtc.udp;

import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunCredentials;
import dev.tributary.webrtc.stun.StunEncoder;
import dev.tributary.webrtc.stun.StunMessage;
import dev.tributary.webrtc.stun.StunMethod;
import dev.tributary.webrtc.stun.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** What the socket tests share: 127.0.0.1, a remote peer's socket, STUN requests, open fds. */
final class Loopback {

    static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();
    static final AddressFilter ONLY_LOOPBACK = AddressFilter.of(ADDRESS);

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    private Loopback() {}

    /** A Binding request as an ICE agent sends it, USERNAME {@code localUfrag:remoteUfrag}. */
    static byte[] bindingRequest(String localUfrag, String remoteUfrag) {
        StunMessage request = StunMessage.request(StunMethod.BINDING, TransactionId.random(RANDOM),
                List.of(new Username(localUfrag + ":" + remoteUfrag)));
        return StunEncoder.PLAIN.withMessageIntegrity(StunCredentials.shortTermKey("password-of-" + localUfrag))
                .withFingerprint().encode(request);
    }

    /** A Binding success response to a fresh transaction: carries no USERNAME. */
    static byte[] bindingResponse() {
        StunMessage request = StunMessage.request(StunMethod.BINDING, TransactionId.random(RANDOM), List.of());
        return StunEncoder.PLAIN.encode(request.successResponse(List.of()));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A remote peer: a plain socket on 127.0.0.1. */
    static final class Peer implements AutoCloseable {

        private final DatagramSocket socket;

        Peer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(ADDRESS, 0));
            socket.setSoTimeout(5000);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void send(InetSocketAddress to, byte[] data) throws IOException {
            socket.send(new DatagramPacket(data, data.length, to));
        }

        /** @return the next datagram, failing the test if none comes within 5 seconds */
        DatagramPacket receive() throws IOException {
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            socket.receive(packet);
            return packet;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Open file descriptors of this process. */
    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
