package dev.tributary.webrtc.dtls;

import static dev.tributary.webrtc.dtls.Peers.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.dtls.DtlsException.Reason;
import dev.tributary.webrtc.srtp.SrtpFailure;
import dev.tributary.webrtc.srtp.SrtpProfile;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsTransportTest {

    @ParameterizedTest(name = "{0} exports {1} bytes")
    @CsvSource({"SRTP_AEAD_AES_128_GCM, 56", "SRTP_AES128_CM_HMAC_SHA1_80, 60", "SRTP_AES128_CM_HMAC_SHA1_32, 60",
        "SRTP_AEAD_AES_256_GCM, 88"})
    void handshakeNegotiatesTheProfileAndBothSidesExportTheSameKeys(SrtpProfile profile, int length) throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.client = builder -> builder.srtpProfiles(profile);
        setup.server = builder -> builder.srtpProfiles(SrtpProfile.SRTP_AEAD_AES_256_GCM, SrtpProfile.SRTP_AEAD_AES_128_GCM,
                SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32);
        try (Peers peers = Peers.create(setup).start()) {
            DtlsResult client = peers.clientResult().get(30, TimeUnit.SECONDS);
            DtlsResult server = peers.serverResult().get(30, TimeUnit.SECONDS);

            assertThat(client.srtpProfile()).isEqualTo(profile);
            assertThat(server.srtpProfile()).isEqualTo(profile);
            assertThat(client.keyingMaterial()).hasSize(length).isEqualTo(server.keyingMaterial());
            assertThat(client.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(server.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(client.role()).isEqualTo(DtlsRole.CLIENT);
            assertThat(server.role()).isEqualTo(DtlsRole.SERVER);
            assertThat(client.remoteCertificate()).isEqualTo(Peers.SERVER_CERTIFICATE.certificate());
            assertThat(server.remoteCertificate()).isEqualTo(Peers.CLIENT_CERTIFICATE.certificate());
            assertThat(peers.client.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(peers.server.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(peers.clientEvents.states()).containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED);
            assertThat(peers.serverEvents.states()).containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED);
        }
    }

    @ParameterizedTest(name = "server prefers {0}")
    @EnumSource(names = {"SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AEAD_AES_128_GCM"})
    void theServersPreferenceOrderDecides(SrtpProfile preferred) throws Exception {
        SrtpProfile other = preferred == SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80
                ? SrtpProfile.SRTP_AEAD_AES_128_GCM
                : SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
        Peers.Setup setup = new Peers.Setup();
        setup.client = builder -> builder.srtpProfiles(other, preferred);
        setup.server = builder -> builder.srtpProfiles(preferred, other);
        try (Peers peers = Peers.create(setup).start()) {
            assertThat(peers.clientResult().get(30, TimeUnit.SECONDS).srtpProfile()).isEqualTo(preferred);
            assertThat(peers.serverResult().get(30, TimeUnit.SECONDS).srtpProfile()).isEqualTo(preferred);
        }
    }

    @Test
    void eachSideDecryptsWithThePeersEncryptionKeys() throws Exception {
        try (Peers peers = Peers.create().start()) {
            DtlsResult client = peers.clientResult().get(30, TimeUnit.SECONDS);
            DtlsResult server = peers.serverResult().get(30, TimeUnit.SECONDS);
            SrtpSessions clientSessions = client.srtpSessions();
            SrtpSessions serverSessions = server.srtpSessions();

            assertThat(client.srtpProfile()).isEqualTo(SrtpProfile.SRTP_AEAD_AES_128_GCM);
            assertThat(clientSessions.outbound().profile()).isEqualTo(SrtpProfile.SRTP_AEAD_AES_128_GCM);
            SrtpRoundTrip.assertDelivers(clientSessions.outbound(), serverSessions.inbound());
            SrtpRoundTrip.assertDelivers(serverSessions.outbound(), clientSessions.inbound());
            byte[] own = SrtpRoundTrip.protect(clientSessions.outbound(), 2);
            assertThat(clientSessions.inbound().unprotectRtp(own, 0, own.length))
                    .as("the client's own write key is not the server's")
                    .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
        }
    }

    @ParameterizedTest(name = "the {0} sees the mismatch")
    @EnumSource(DtlsRole.class)
    void aCertificateThatDoesNotMatchItsFingerprintFailsBothSides(DtlsRole verifier) throws Exception {
        Peers.Setup setup = new Peers.Setup();
        List<DtlsFingerprint> stranger = List.of(DtlsCertificate.generate().fingerprint());
        if (verifier == DtlsRole.CLIENT) {
            setup.clientExpects = stranger;
        } else {
            setup.serverExpects = stranger;
        }
        try (Peers peers = Peers.create(setup).start()) {
            boolean clientVerifies = verifier == DtlsRole.CLIENT;
            assertFails(peers.clientResult(), clientVerifies ? Reason.FINGERPRINT_MISMATCH : Reason.ALERT_RECEIVED);
            assertFails(peers.serverResult(), clientVerifies ? Reason.ALERT_RECEIVED : Reason.FINGERPRINT_MISMATCH);
            assertThat(peers.clientEvents.awaitState(DtlsState.FAILED, WAIT)).isTrue();
            assertThat(peers.serverEvents.awaitState(DtlsState.FAILED, WAIT)).isTrue();
        }
    }

    @Test
    void oneMatchingFingerprintAmongSeveralIsEnough() throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.clientExpects = List.of(
                DtlsCertificate.generate().fingerprint(),
                DtlsFingerprint.of("sha-512", Peers.SERVER_CERTIFICATE.certificate()));
        try (Peers peers = Peers.create(setup).start()) {
            assertThat(peers.clientResult().get(30, TimeUnit.SECONDS).remoteCertificate())
                    .isEqualTo(Peers.SERVER_CERTIFICATE.certificate());
        }
    }

    @Test
    void noCommonSrtpProfileFailsBothSides() throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.client = builder -> builder.srtpProfiles(
                SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32);
        setup.server = builder -> builder.srtpProfiles(
                SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AEAD_AES_256_GCM);
        try (Peers peers = Peers.create(setup).start()) {
            assertFails(peers.serverResult(), Reason.NO_COMMON_SRTP_PROFILE);
            assertFails(peers.clientResult(), Reason.ALERT_RECEIVED);
        }
    }

    @Test
    void aClientWithoutCertificateIsRejected() throws Exception {
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        try (DtlsTransport server = DtlsTransport.builder(DtlsRole.SERVER,
                List.of(Peers.CLIENT_CERTIFICATE.fingerprint()), toClient).certificate(Peers.SERVER_CERTIFICATE).build()) {
            toServer.connectTo(server);
            BarePeer client = new BarePeer(toServer, null, null);
            toClient.connectTo(client::deliver);
            server.start();
            CompletableFuture<Exception> clientOutcome = client.connect();

            assertFails(server.handshake(), Reason.NO_CERTIFICATE);
            assertThat(clientOutcome.get(30, TimeUnit.SECONDS)).isInstanceOf(TlsFatalAlertReceived.class);
        }
    }

    @Test
    void aClientWithAnRsaCertificateIsAccepted() throws Exception {
        KeyPair keys = rsaKeys();
        X509Certificate rsaCertificate = rsaCertificate(keys);
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        try (DtlsTransport server = DtlsTransport.builder(DtlsRole.SERVER,
                List.of(DtlsFingerprint.of("sha-256", rsaCertificate)), toClient).certificate(Peers.SERVER_CERTIFICATE).build()) {
            toServer.connectTo(server);
            BarePeer client = new BarePeer(toServer, rsaCertificate, keys.getPrivate());
            toClient.connectTo(client::deliver);
            server.start();
            CompletableFuture<Exception> clientOutcome = client.connect();

            assertThat(server.handshake().get(30, TimeUnit.SECONDS).remoteCertificate()).isEqualTo(rsaCertificate);
            assertThat(clientOutcome.get(30, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aServerWithAnRsaCertificateIsAccepted() throws Exception {
        KeyPair keys = rsaKeys();
        X509Certificate rsaCertificate = rsaCertificate(keys);
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        try (DtlsTransport client = DtlsTransport.builder(DtlsRole.CLIENT,
                List.of(DtlsFingerprint.of("sha-256", rsaCertificate)), toServer).certificate(Peers.CLIENT_CERTIFICATE).build()) {
            toClient.connectTo(client);
            BarePeer server = new BarePeer(toClient, rsaCertificate, keys.getPrivate());
            toServer.connectTo(server::deliver);
            CompletableFuture<Exception> serverOutcome = server.accept();
            client.start();

            DtlsResult result = client.handshake().get(30, TimeUnit.SECONDS);
            assertThat(result.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(result.srtpProfile()).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
            assertThat(result.remoteCertificate()).isEqualTo(rsaCertificate);
            assertThat(serverOutcome.get(30, TimeUnit.SECONDS)).isNull();
        }
    }

    /**
     * OpenSSL (GStreamer's DTLS) signs with RSA-PSS whenever the other side lists it; the JDK's
     * providers have no verifier under the name BouncyCastle asks for, so neither side may list it.
     */
    @Test
    void aServerWithAnRsaCertificateThatPrefersRsaPssIsAccepted() throws Exception {
        KeyPair keys = rsaKeys();
        X509Certificate rsaCertificate = rsaCertificate(keys);
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        try (DtlsTransport client = DtlsTransport.builder(DtlsRole.CLIENT,
                List.of(DtlsFingerprint.of("sha-256", rsaCertificate)), toServer).certificate(Peers.CLIENT_CERTIFICATE).build()) {
            toClient.connectTo(client);
            BarePeer server = BarePeer.preferringRsaPss(toClient, rsaCertificate, keys.getPrivate());
            toServer.connectTo(server::deliver);
            CompletableFuture<Exception> serverOutcome = server.accept();
            client.start();

            assertThat(client.handshake().get(30, TimeUnit.SECONDS).remoteCertificate()).isEqualTo(rsaCertificate);
            assertThat(serverOutcome.get(30, TimeUnit.SECONDS)).isNull();
            assertThat(server.signedWith()).isEqualTo(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                    SignatureAlgorithm.rsa));
        }
    }

    @Test
    void aClientWithAnRsaCertificateThatPrefersRsaPssIsAccepted() throws Exception {
        KeyPair keys = rsaKeys();
        X509Certificate rsaCertificate = rsaCertificate(keys);
        DatagramPipe toServer = DatagramPipe.perfect();
        DatagramPipe toClient = DatagramPipe.perfect();
        try (DtlsTransport server = DtlsTransport.builder(DtlsRole.SERVER,
                List.of(DtlsFingerprint.of("sha-256", rsaCertificate)), toClient).certificate(Peers.SERVER_CERTIFICATE).build()) {
            toServer.connectTo(server);
            BarePeer client = BarePeer.preferringRsaPss(toServer, rsaCertificate, keys.getPrivate());
            toClient.connectTo(client::deliver);
            server.start();
            CompletableFuture<Exception> clientOutcome = client.connect();

            assertThat(server.handshake().get(30, TimeUnit.SECONDS).remoteCertificate()).isEqualTo(rsaCertificate);
            assertThat(clientOutcome.get(30, TimeUnit.SECONDS)).isNull();
            assertThat(client.signedWith()).isEqualTo(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                    SignatureAlgorithm.rsa));
        }
    }

    /** Seeds whose first handshake datagrams are lost in at least one direction. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 25, 37, 38})
    void theHandshakeCompletesUnderTenPercentLossInBothDirections(long seed) throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.toServer = new DatagramPipe(seed, 0.10, 0);
        setup.toClient = new DatagramPipe(seed + 1000, 0.10, 0);
        try (Peers peers = Peers.create(setup).start()) {
            peers.awaitAgreement();

            assertThat(peers.toServer.lost() + peers.toClient.lost()).isPositive();
        }
    }

    /**
     * Single losses at the two places a DTLS 1.2 handshake is fragile: the client's ChangeCipherSpec
     * overtaking its lost CertificateVerify (a BouncyCastle server deadlocked there, bc-java #229),
     * and the server's last flight, which only the client's retransmission can bring back.
     */
    static Stream<Arguments> singleLosses() {
        return Stream.of(
                Arguments.of("a client sending record by record loses its CertificateVerify", DtlsRole.CLIENT,
                        new LoseFirstPipe(true, record -> DtlsRecords.isHandshake(record, 15))),
                Arguments.of("the server loses its last flight", DtlsRole.SERVER,
                        new LoseFirstPipe(false, datagram -> DtlsRecords.split(datagram, 0, datagram.length).stream()
                                .anyMatch(record -> record[0] == DtlsRecords.CHANGE_CIPHER_SPEC))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleLosses")
    void theHandshakeRecoversFromASingleLoss(String loss, DtlsRole losingSide, LoseFirstPipe pipe) throws Exception {
        Peers.Setup setup = new Peers.Setup();
        if (losingSide == DtlsRole.CLIENT) {
            setup.toServer = pipe;
        } else {
            setup.toClient = pipe;
        }
        try (Peers peers = Peers.create(setup).start()) {
            peers.awaitAgreement();

            assertThat(pipe.lostOne()).as(loss).isTrue();
        }
    }

    @Test
    void datagramsArrivingBeforeStartAreKept() throws Exception {
        try (Peers peers = Peers.create()) {
            peers.client.start();
            Thread.sleep(100);
            peers.server.start();

            assertThat(peers.serverResult().get(30, TimeUnit.SECONDS).srtpProfile())
                    .isEqualTo(peers.clientResult().get(30, TimeUnit.SECONDS).srtpProfile());
        }
    }

    @Test
    void theHandshakeCompletesWithLossDelayAndReordering() throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.toServer = new DatagramPipe(7, 0.10, 40);
        setup.toClient = new DatagramPipe(8, 0.10, 40);
        try (Peers peers = Peers.create(setup).start()) {
            peers.awaitAgreement();
        }
    }

    @Test
    void applicationDataFlowsBothWays() throws Exception {
        try (Peers peers = Peers.create().start()) {
            peers.awaitAgreement();
            byte[] fromClient = "xhello from the client".getBytes(UTF_8);
            byte[] fromServer = new byte[DtlsTransport.MAX_APPLICATION_DATA];
            for (int i = 0; i < fromServer.length; i++) {
                fromServer[i] = (byte) i;
            }

            peers.client.send(fromClient, 1, fromClient.length - 1);
            peers.server.send(fromServer, 0, fromServer.length);

            assertThat(peers.serverEvents.nextData(WAIT)).isEqualTo("hello from the client".getBytes(UTF_8));
            assertThat(peers.clientEvents.nextData(WAIT)).isEqualTo(fromServer);
        }
    }

    @Test
    void closeSendsCloseNotifyAndThePeerMovesToClosed() throws Exception {
        try (Peers peers = Peers.create().start()) {
            peers.awaitAgreement();

            peers.client.close();
            peers.client.close();

            assertThat(peers.client.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(peers.serverEvents.awaitState(DtlsState.CLOSED, WAIT)).isTrue();
            assertThat(peers.server.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(peers.clientEvents.states())
                    .containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED, DtlsState.CLOSED);
            assertThat(peers.serverEvents.states())
                    .containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED, DtlsState.CLOSED);
            byte[] data = {1, 2, 3};
            assertFailsWith(() -> peers.client.send(data, 0, 3), Reason.NOT_CONNECTED);
            assertFailsWith(() -> peers.server.send(data, 0, 3), Reason.NOT_CONNECTED);
        }
    }

    @Test
    void aListenerMayCloseTheTransportFromItsOwnThread() throws Exception {
        AtomicReference<DtlsTransport> self = new AtomicReference<>();
        RecordingListener serverEvents = new RecordingListener();
        DtlsTransport.Listener closingOnData = new DtlsTransport.Listener() {
            @Override
            public void onStateChange(DtlsState state) {
                serverEvents.onStateChange(state);
            }

            @Override
            public void onApplicationData(byte[] data) {
                self.get().close();
            }
        };
        Peers.Setup setup = new Peers.Setup();
        setup.server = builder -> builder.listener(closingOnData);
        try (Peers peers = Peers.create(setup)) {
            self.set(peers.server);
            peers.start();
            peers.awaitAgreement();

            peers.client.send(new byte[] {1}, 0, 1);

            assertThat(serverEvents.awaitState(DtlsState.CLOSED, WAIT)).isTrue();
            assertThat(peers.clientEvents.awaitState(DtlsState.CLOSED, WAIT)).isTrue();
            assertThat(serverEvents.states()).containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED, DtlsState.CLOSED);
        }
    }

    @Test
    void concurrentClosesCloseOnce() throws Exception {
        try (Peers peers = Peers.create().start()) {
            peers.awaitAgreement();
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                closers.add(Thread.ofPlatform().start(peers.client::close));
            }
            for (Thread closer : closers) {
                closer.join();
            }

            assertThat(peers.clientEvents.states())
                    .containsExactly(DtlsState.CONNECTING, DtlsState.CONNECTED, DtlsState.CLOSED);
            assertThat(peers.serverEvents.awaitState(DtlsState.CLOSED, WAIT)).isTrue();
        }
    }

    @Test
    void closeDuringTheHandshakeFailsTheFutureWithClosed() throws Exception {
        Peers peers = Peers.create();
        peers.server.start();

        peers.server.close();
        peers.server.close();

        assertFails(peers.serverResult(), Reason.CLOSED);
        assertThat(peers.server.state()).isEqualTo(DtlsState.CLOSED);
        assertThat(peers.serverEvents.states()).containsExactly(DtlsState.CONNECTING, DtlsState.CLOSED);
        peers.close();
    }

    @Test
    void closeBeforeStartLeavesNothingRunning() throws Exception {
        Peers peers = Peers.create();

        peers.client.close();

        assertThat(peers.client.start()).isSameAs(peers.clientResult());
        assertFails(peers.clientResult(), Reason.CLOSED);
        assertThat(peers.toServer.sent()).isZero();
        assertThat(peers.clientEvents.states()).containsExactly(DtlsState.CLOSED);
        peers.close();
    }

    @Test
    void aHandshakeWithoutAnswerTimesOut() throws Exception {
        Peers.Setup setup = new Peers.Setup();
        setup.client = builder -> builder.handshakeTimeout(Duration.ofMillis(300))
                .initialRetransmitTimeout(Duration.ofMillis(50));
        try (Peers peers = Peers.create(setup)) {
            peers.client.start();

            assertFails(peers.clientResult(), Reason.TIMEOUT);
            assertThat(peers.clientEvents.awaitState(DtlsState.FAILED, WAIT)).isTrue();
            assertThat(peers.toServer.sent()).as("ClientHello and its retransmissions").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aFullQueueDropsAndCounts() {
        Peers.Setup setup = new Peers.Setup();
        setup.server = builder -> builder.receiveQueueCapacity(4);
        try (Peers peers = Peers.create(setup)) {
            byte[] datagram = {22, (byte) 0xfe, (byte) 0xfd};
            int queued = 0;
            for (int i = 0; i < 10; i++) {
                queued += peers.server.handleDatagram(datagram, 0, datagram.length) ? 1 : 0;
            }
            byte[] tooLarge = new byte[QueueDatagramTransport.RECEIVE_LIMIT + 1];

            assertThat(peers.server.handleDatagram(tooLarge, 0, tooLarge.length)).isFalse();
            assertThat(queued).isEqualTo(4);
            assertThat(peers.server.droppedDatagrams()).isEqualTo(7);
        }
    }

    @Test
    void sendingBeforeTheHandshakeIsRefused() {
        try (Peers peers = Peers.create()) {
            assertFailsWith(() -> peers.client.send(new byte[10], 0, 10), Reason.NOT_CONNECTED);
        }
    }

    @Test
    void misuseIsRejectedWithIllegalArgument() {
        try (Peers peers = Peers.create()) {
            assertThatThrownBy(() -> peers.client.handleDatagram(new byte[10], 5, 6))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> peers.client.send(new byte[10], -1, 2))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> peers.client.send(new byte[0], 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        DtlsTransport.Builder builder = DtlsTransport.builder(
                DtlsRole.CLIENT, List.of(Peers.SERVER_CERTIFICATE.fingerprint()), (buf, off, len) -> {});
        assertThatThrownBy(() -> builder.srtpProfiles(
                SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.srtpProfiles()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.srtpProfiles((SrtpProfile) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.receiveQueueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsTransport.builder(DtlsRole.CLIENT, List.of(), (buf, off, len) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsReturnToBaselineAfterManyHandshakes() throws Exception {
        try (Peers warmUp = Peers.create().start()) {
            warmUp.clientResult().get(30, TimeUnit.SECONDS);
        }
        List<String> baseline = ThreadCensus.platformThreads();

        for (int i = 0; i < 200; i++) {
            try (Peers peers = Peers.create().start()) {
                peers.awaitAgreement();
            }
        }

        assertThat(DtlsTransport.liveThreads()).isZero();
        assertThat(ThreadCensus.platformThreads()).hasSizeLessThanOrEqualTo(baseline.size());
    }

    /**
     * Loses the first datagram the predicate picks. With {@code recordByRecord} it first splits
     * every datagram into one per record, as some DTLS stacks send them.
     */
    private static final class LoseFirstPipe extends DatagramPipe {

        private final boolean recordByRecord;
        private final Predicate<byte[]> victim;
        private final AtomicBoolean lostOne = new AtomicBoolean();

        LoseFirstPipe(boolean recordByRecord, Predicate<byte[]> victim) {
            super(0, 0, 0);
            this.recordByRecord = recordByRecord;
            this.victim = victim;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            List<byte[]> datagrams = recordByRecord
                    ? DtlsRecords.split(buf, off, len)
                    : List.of(Arrays.copyOfRange(buf, off, off + len));
            for (byte[] datagram : datagrams) {
                if (!victim.test(datagram) || !lostOne.compareAndSet(false, true)) {
                    super.send(datagram, 0, datagram.length);
                }
            }
        }

        boolean lostOne() {
            return lostOne.get();
        }
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A self-signed RSA certificate like the ones GStreamer's DTLS agent generates. */
    private static X509Certificate rsaCertificate(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=gstreamer");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static void assertFails(CompletableFuture<DtlsResult> future, Reason reason) {
        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(DtlsException.class)
                .extracting(cause -> ((DtlsException) cause).reason())
                .isEqualTo(reason);
    }

    private static void assertFailsWith(ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOf(DtlsException.class)
                .extracting(e -> ((DtlsException) e).reason())
                .isEqualTo(reason);
    }
}
