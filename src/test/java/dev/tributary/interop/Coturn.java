package dev.tributary.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.webrtc.stun.StunClass;
import dev.tributary.webrtc.stun.StunEncoder;
import dev.tributary.webrtc.stun.StunMessage;
import dev.tributary.webrtc.stun.StunMethod;
import dev.tributary.webrtc.stun.TransactionId;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A coturn TURN server ({@code turnserver}, Debian package {@code coturn}) on 127.0.0.1, on a free
 * UDP port, relaying from 127.0.0.1 only, with one long-term credential. coturn refuses loopback
 * peers unless told otherwise; this one allows them, since the service it relays to is on
 * 127.0.0.1 too. Its log (and its pid file and user database) live in a temporary directory that
 * closing removes.
 */
final class Coturn implements AutoCloseable {

    private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    private static final String REALM = "tributary";
    /** Relay ports tried from a free one upwards; coturn skips any that are taken. */
    private static final int RELAY_PORTS = 50;
    private static final Pattern PEER_USAGE = Pattern.compile("peer usage: realm=<[^>]*>, username=<[^>]*>,"
            + " rp=(\\d+), rb=\\d+, sp=(\\d+), sb=\\d+");

    private final Process process;
    private final Path directory;
    private final int port;
    private final String username;
    private final String password;

    private Coturn(Process process, Path directory, int port, String username, String password) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** Skips the calling test unless coturn is installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(TURNSERVER), TURNSERVER + " is not installed (Debian package coturn)");
    }

    /** Starts a server for {@code username}/{@code password} and waits until it answers STUN. */
    static Coturn start(String username, String password) throws IOException {
        Path directory = Files.createTempDirectory("coturn");
        int port = freeUdpPort();
        int relayFrom = freeUdpPort();
        List<String> command = List.of(TURNSERVER.toString(), "-n", "--listening-ip=127.0.0.1",
                "--relay-ip=127.0.0.1", "--listening-port=" + port, "--min-port=" + relayFrom,
                "--max-port=" + Math.min(65535, relayFrom + RELAY_PORTS), "--lt-cred-mech", "--fingerprint",
                "--user=" + username + ":" + password, "--realm=" + REALM, "--no-tls", "--no-dtls",
                "--no-tcp-relay", "--allow-loopback-peers", "--no-cli", "--verbose", "--log-file=" + directory.resolve("turnserver.log"), "--simple-log",
                "--pidfile=" + directory.resolve("turnserver.pid"), "--userdb=" + directory.resolve("turndb"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("turnserver.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Coturn coturn = new Coturn(process, directory, port, username, password);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IOException("turnserver exited: " + Files.readString(directory.resolve("turnserver.out")));
                        }
                        return coturn.answersBinding();
                    });
        } catch (RuntimeException e) {
            coturn.close();
            throw e;
        }
        return coturn;
    }

    /** The URL an ICE agent is given: {@code turn:127.0.0.1:PORT?transport=udp}. */
    String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /** What the server logged so far. */
    String log() throws IOException {
        Path log = directory.resolve("turnserver.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * The traffic between the relays and their peers of every allocation closed so far, as the
     * server logs it when it deletes the allocation ({@code --verbose}).
     */
    List<PeerUsage> peerUsage() throws IOException {
        return PEER_USAGE.matcher(log()).results().map(m -> new PeerUsage(Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)))).toList();
    }

    /**
     * One allocation's relayed traffic.
     *
     * @param fromPeers datagrams its relay received from peers
     * @param toPeers datagrams its relay sent to peers
     */
    record PeerUsage(long fromPeers, long toPeers) {}

    /** Whether a STUN Binding request to the server is answered with a success response. */
    private boolean answersBinding() throws IOException {
        TransactionId id = TransactionId.random(new SecureRandom());
        byte[] request = StunEncoder.PLAIN.encode(StunMessage.request(StunMethod.BINDING, id, List.of()));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(500);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[1500];
            DatagramPacket response = new DatagramPacket(buffer, buffer.length);
            socket.receive(response);
            StunMessage answer = StunMessage.parse(buffer, 0, response.getLength());
            return answer.messageClass() == StunClass.SUCCESS_RESPONSE && answer.transactionId().equals(id);
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
