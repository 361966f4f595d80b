package dev.tributary.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * A BouncyCastle DTLS-SRTP client that answers the server's CertificateRequest with no
 * certificate, which a WebRTC endpoint must refuse.
 */
final class AnonymousClient {

    private final QueueDatagramTransport transport;

    AnonymousClient(DtlsTransport.Sender sender) {
        this.transport = new QueueDatagramTransport(64, sender, null);
    }

    void deliver(byte[] datagram) {
        transport.offer(datagram, 0, datagram.length);
    }

    /** Runs the handshake on a virtual thread; completes with its exception, or null on success. */
    CompletableFuture<Exception> connect() {
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                new DTLSClientProtocol().connect(new Client(), transport).close();
                outcome.complete(null);
            } catch (IOException | RuntimeException e) {
                outcome.complete(e);
            } finally {
                transport.close();
            }
        });
        return outcome;
    }

    private static final class Client extends AbstractTlsClient {

        Client() {
            super(HandshakePolicy.CRYPTO);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {0x0007}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // This client trusts anything: the test is about the server's side.
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }
}
