package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A DTLS client and server wired together through two {@link DatagramPipe}s. */
final class Peers implements AutoCloseable {

    static final DtlsCertificate CLIENT_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();
    static final Duration WAIT = Duration.ofSeconds(30);

    final DtlsTransport client;
    final DtlsTransport server;
    final RecordingListener clientEvents = new RecordingListener();
    final RecordingListener serverEvents = new RecordingListener();
    final DatagramPipe toServer;
    final DatagramPipe toClient;

    /** What a test may change; everything else is a working default. */
    static final class Setup {
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        List<DtlsFingerprint> clientExpects = List.of(SERVER_CERTIFICATE.fingerprint());
        List<DtlsFingerprint> serverExpects = List.of(CLIENT_CERTIFICATE.fingerprint());
        UnaryOperator<DtlsTransport.Builder> client = UnaryOperator.identity();
        UnaryOperator<DtlsTransport.Builder> server = UnaryOperator.identity();
    }

    private Peers(Setup setup) {
        toServer = setup.toServer;
        toClient = setup.toClient;
        client = setup.client.apply(DtlsTransport.builder(DtlsRole.CLIENT, setup.clientExpects, toServer)
                .certificate(CLIENT_CERTIFICATE)
                .listener(clientEvents)).build();
        server = setup.server.apply(DtlsTransport.builder(DtlsRole.SERVER, setup.serverExpects, toClient)
                .certificate(SERVER_CERTIFICATE)
                .listener(serverEvents)).build();
        toServer.connectTo(server);
        toClient.connectTo(client);
    }

    /** Builds both transports without starting them. */
    static Peers create(Setup setup) {
        return new Peers(setup);
    }

    static Peers create() {
        return new Peers(new Setup());
    }

    /** Starts the server, then the client, as a WebRTC answerer and offerer would. */
    Peers start() {
        server.start();
        client.start();
        return this;
    }

    /**
     * Waits for both handshakes and checks that both sides exported the same keying material.
     *
     * @return the client's result
     */
    DtlsResult awaitAgreement() throws Exception {
        DtlsResult client = clientResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        DtlsResult server = serverResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(client.keyingMaterial()).isEqualTo(server.keyingMaterial());
        return client;
    }

    CompletableFuture<DtlsResult> clientResult() {
        return client.handshake();
    }

    CompletableFuture<DtlsResult> serverResult() {
        return server.handshake();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
