package dev.tributary.ingest.whip;

import dev.tributary.Application;
import dev.tributary.webrtc.peer.MediaKind;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCPeerConnection;
import dev.tributary.webrtc.peer.RTCPeerConnectionState;
import dev.tributary.webrtc.peer.RTCRtpTransceiverDirection;
import dev.tributary.webrtc.peer.RTCSessionDescription;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A WHIP publish into the running service, on 127.0.0.1, as a publisher sees it: from sending the
 * POST with the offer until the publisher's connection state is {@code connected}. Measured: the
 * HTTP exchange and everything the service does to answer (SDP, ICE-lite registration on the
 * shared UDP port, the session and its recording set up), the publisher applying the answer, its
 * ICE checks and nomination, the DTLS handshake (the service is the DTLS client) and SRTP key
 * export. The publisher is our own full ICE agent, controlling, with the default pacing; it sends
 * no media. Not measured (invocation setup and teardown): creating the publisher and its offer,
 * and ending the session. The HTTP client is a plain keep-alive HTTP/1.1 exchange on one socket,
 * so that the figure is the service's and the protocol's, not an HTTP client library's. Read the
 * median (p0.50) and p0.90 of the sample-time output.
 *
 * <p>The service's HTTP and UDP ports are free ones, or {@code -Dwhip.ports=HTTP,UDP} (pass it
 * with JMH's {@code -jvmArgsAppend}) for a packet capture that {@code bench/connect-breakdown.py}
 * reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WhipPublishBenchmark {

    private Path dir;
    private ConfigurableApplicationContext service;
    private int port;
    private Socket http;
    private InputStream in;
    private OutputStream out;
    private int published;

    private RTCPeerConnection publisher;
    private RTCSessionDescription offer;
    private CountDownLatch connected;
    private String location;

    @Setup(Level.Trial)
    public void startService() throws IOException {
        dir = Files.createTempDirectory("whip-bench");
        String[] ports = System.getProperty("whip.ports", "0,0").split(",");
        int udpPort = Integer.parseInt(ports[1].strip());
        if (udpPort == 0) {
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                udpPort = probe.getLocalPort();
            }
        }
        service = new SpringApplicationBuilder(Application.class).run(
                "--server.port=" + Integer.parseInt(ports[0].strip()),
                "--server.address=127.0.0.1",
                "--tributary.webrtc.udp-port=" + udpPort,
                "--tributary.webrtc.interface-addresses=127.0.0.1",
                "--tributary.storage.path=" + dir.resolve("recordings"),
                "--tributary.storage.spool-path=" + dir.resolve("spool"),
                "--logging.level.root=WARN");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
        connect();
    }

    private void connect() throws IOException {
        http = new Socket(InetAddress.getLoopbackAddress(), port);
        http.setTcpNoDelay(true);
        in = new BufferedInputStream(http.getInputStream());
        out = http.getOutputStream();
    }

    @TearDown(Level.Trial)
    public void stopService() throws IOException {
        http.close();
        service.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Setup(Level.Invocation)
    public void preparePublisher() {
        publisher = new RTCPeerConnection(RTCConfiguration.builder()
                .udp(new UdpSocketFactory(AddressFilter.of(InetAddress.getLoopbackAddress()))).build());
        publisher.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDONLY);
        publisher.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        offer = publisher.createOffer();
        publisher.setLocalDescription(offer);
        connected = new CountDownLatch(1);
        publisher.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.countDown();
            }
        });
    }

    @TearDown(Level.Invocation)
    public void endSession() throws IOException {
        publisher.close();
        if (location != null) {
            exchange("DELETE", location, null);
            location = null;
        }
    }

    @Benchmark
    public void postToConnected() throws IOException, InterruptedException {
        Response response = exchange("POST", "/whip/bench-" + published++, offer.sdp());
        if (response.status != 201 || response.location == null) {
            throw new IllegalStateException("publish refused: " + response.status + " " + response.body);
        }
        location = response.location;
        publisher.setRemoteDescription(RTCSessionDescription.answer(response.body));
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected within 10 s of the POST");
        }
    }

    /** What the benchmark needs of an HTTP/1.1 response. */
    private record Response(int status, String location, String body) {}

    /**
     * One request on the kept-alive connection, opened again when the server closes it (Tomcat
     * does after 100 requests).
     */
    private Response exchange(String method, String path, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (body == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String location = null;
        int length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "location" -> location = value;
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        String text = chunked ? readChunked() : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        if (close) {
            http.close();
            connect();
        }
        return new Response(status, location, text);
    }

    private String readChunked() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
            text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            readLine();
        }
        readLine();
        return text.toString();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the service closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
