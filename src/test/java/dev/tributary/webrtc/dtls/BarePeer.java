package dev.tributary.webrtc.dtls;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * A plain BouncyCastle DTLS-SRTP peer, to play what {@link DtlsTransport} cannot be: a client
 * that answers the CertificateRequest with no certificate, or a client or server with an RSA
 * certificate (as GStreamer's webrtcbin has). It trusts any peer certificate: the tests are about
 * the {@link DtlsTransport} on the other side. It offers only AES128_CM_HMAC_SHA1_80 and, as
 * server, only ECDHE_RSA. It signs with RSA PKCS#1 v1.5 and SHA-256, or, made with
 * {@link #preferringRsaPss}, with RSA-PSS whenever the other side lists it, as OpenSSL does (the
 * DTLS of GStreamer's webrtcbin).
 */
final class BarePeer {

    private static final int SRTP_PROFILE = 0x0001;

    /** BouncyCastle's JCA crypto signs RSA-PSS only through the BouncyCastle provider. */
    private static final JcaTlsCrypto PSS_CRYPTO = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider())
            .create(new SecureRandom());

    /** One side's blocking BouncyCastle handshake. */
    private interface Handshake {
        DTLSTransport run() throws IOException;
    }

    private final QueueDatagramTransport transport;
    private final X509Certificate certificate;
    private final PrivateKey rsaKey;
    private final boolean preferRsaPss;
    private volatile SignatureAndHashAlgorithm signedWith;

    /**
     * @param certificate the RSA certificate to authenticate with, or null to send none
     * @param rsaKey its private key, or null
     */
    BarePeer(DtlsTransport.Sender sender, X509Certificate certificate, PrivateKey rsaKey) {
        this(sender, certificate, rsaKey, false);
    }

    private BarePeer(DtlsTransport.Sender sender, X509Certificate certificate, PrivateKey rsaKey, boolean preferRsaPss) {
        this.transport = new QueueDatagramTransport(64, sender, null);
        this.certificate = certificate;
        this.rsaKey = rsaKey;
        this.preferRsaPss = preferRsaPss;
    }

    /** A peer that signs with rsa_pss_rsae_sha256 when the other side lists it, else like the others. */
    static BarePeer preferringRsaPss(DtlsTransport.Sender sender, X509Certificate certificate, PrivateKey rsaKey) {
        return new BarePeer(sender, certificate, rsaKey, true);
    }

    /** The signature algorithm this peer signed its handshake with, or null before it signed. */
    SignatureAndHashAlgorithm signedWith() {
        return signedWith;
    }

    void deliver(byte[] datagram) {
        transport.offer(datagram, 0, datagram.length);
    }

    /** Runs a client handshake on a virtual thread; completes with its exception, or null. */
    CompletableFuture<Exception> connect() {
        return run(() -> new DTLSClientProtocol().connect(new Client(), transport));
    }

    /** Runs a server handshake on a virtual thread; completes with its exception, or null. */
    CompletableFuture<Exception> accept() {
        return run(() -> {
            DTLSServerProtocol protocol = new DTLSServerProtocol();
            protocol.setVerifyRequests(false);
            return protocol.accept(new Server(), transport);
        });
    }

    private CompletableFuture<Exception> run(Handshake handshake) {
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                handshake.run().close();
                outcome.complete(null);
            } catch (IOException | RuntimeException e) {
                outcome.complete(e);
            } finally {
                transport.close();
            }
        });
        return outcome;
    }

    /**
     * Our certificate as credentials, signing with what this peer prefers among what the other
     * side accepts ({@code peerAlgorithms}: its signature_algorithms or CertificateRequest).
     */
    private TlsCredentials credentials(TlsContext context, Vector<?> peerAlgorithms) throws IOException {
        if (certificate == null) {
            return null;
        }
        TlsCertificate chain;
        try {
            chain = HandshakePolicy.CRYPTO.createCertificate(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
        SignatureAndHashAlgorithm algorithm = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.rsa);
        JcaTlsCrypto crypto = HandshakePolicy.CRYPTO;
        if (preferRsaPss && peerAlgorithms != null
                && peerAlgorithms.contains(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256)) {
            algorithm = SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
            crypto = PSS_CRYPTO;
        }
        signedWith = algorithm;
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                rsaKey, new Certificate(new TlsCertificate[] {chain}), algorithm);
    }

    private final class Client extends AbstractTlsClient {

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
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {SRTP_PROFILE}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // Trusts any server: the test is about the server's side.
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return credentials(context, request.getSupportedSignatureAlgorithms());
                }
            };
        }
    }

    private final class Server extends AbstractTlsServer {

        Server() {
            super(HandshakePolicy.CRYPTO);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {SRTP_PROFILE}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign},
                    TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) {
            // Trusts any client: the test is about the client's side.
        }

        @Override
        public TlsCredentials getCredentials() throws IOException {
            return credentials(context, context.getSecurityParametersHandshake().getClientSigAlgs());
        }
    }
}
