package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.dtls.DtlsException.Reason;
import dev.tributary.webrtc.srtp.SrtpProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * What the BouncyCastle client and server of one {@link DtlsTransport} share: the configuration,
 * the checks that make WebRTC's DTLS fail closed, and what the handshake found out. The
 * BouncyCastle callbacks run on the transport's virtual thread; the fields they set are volatile
 * because {@link DtlsTransport#close()} may read them from another thread.
 */
final class HandshakePolicy {

    /**
     * The JDK's own providers do the cryptography: its AES-GCM uses CPU intrinsics, and it has
     * X25519 and P-256 built in. One instance serves all transports.
     */
    static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

    /**
     * What browsers negotiate with an ECDSA certificate; AEAD only, forward secret only.
     * ChaCha20-Poly1305 is left out: BouncyCastle's JCA crypto looks for the BouncyCastle
     * provider's "ChaCha7539" and "Poly1305", not the JDK's "ChaCha20-Poly1305", and every
     * browser offers AES-GCM anyway.
     */
    private static final int[] ECDSA_CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    /**
     * A client also accepts servers with RSA certificates (GStreamer's webrtcbin generates
     * those); a server can only offer suites its own ECDSA certificate can sign.
     */
    private static final int[] RSA_CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    };

    /** IANA names of the suites above, for {@link DtlsResult#cipherSuite()} and statistics. */
    private static final Map<Integer, String> CIPHER_SUITE_NAMES = Map.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    /** The key exchange groups offered and accepted, in preference order. */
    static final int[] NAMED_GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1};

    /** Our certificate signs with ECDSA and one of these hashes, whichever the peer takes first. */
    private static final short[] SIGNATURE_HASHES = {HashAlgorithm.sha256, HashAlgorithm.sha384, HashAlgorithm.sha512};

    /** The signatures a peer may sign with; see {@link #peerSignatureAlgorithms()}. */
    private static final short[] PEER_SIGNATURES = {SignatureAlgorithm.ecdsa, SignatureAlgorithm.rsa};

    final DtlsRole role;
    final DtlsCertificate certificate;
    final List<DtlsFingerprint> remoteFingerprints;
    final List<SrtpProfile> srtpProfiles;
    final int handshakeTimeoutMillis;
    final int retransmitMillis;

    private volatile DtlsException failure;
    private volatile X509Certificate remoteCertificate;
    private volatile SrtpProfile selectedProfile;
    private volatile boolean closeNotifyReceived;
    private volatile DtlsResult result;

    HandshakePolicy(DtlsRole role, DtlsCertificate certificate, List<DtlsFingerprint> remoteFingerprints,
            List<SrtpProfile> srtpProfiles, int handshakeTimeoutMillis, int retransmitMillis) {
        this.role = role;
        this.certificate = certificate;
        this.remoteFingerprints = List.copyOf(remoteFingerprints);
        this.srtpProfiles = List.copyOf(srtpProfiles);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.retransmitMillis = retransmitMillis;
    }

    int[] cipherSuites() {
        int[] suites = ECDSA_CIPHER_SUITES;
        if (role == DtlsRole.CLIENT) {
            suites = new int[ECDSA_CIPHER_SUITES.length + RSA_CIPHER_SUITES.length];
            System.arraycopy(ECDSA_CIPHER_SUITES, 0, suites, 0, ECDSA_CIPHER_SUITES.length);
            System.arraycopy(RSA_CIPHER_SUITES, 0, suites, ECDSA_CIPHER_SUITES.length, RSA_CIPHER_SUITES.length);
        }
        return TlsUtils.getSupportedCipherSuites(CRYPTO, suites);
    }

    /** Our profile ids in preference order, for the use_srtp extension. */
    int[] srtpProfileIds() {
        return srtpProfiles.stream().mapToInt(SrtpProfile::dtlsId).toArray();
    }

    /**
     * The server's choice (RFC 5764 §4.1.1): our most preferred profile among those the client
     * offered, or null if there is none.
     */
    SrtpProfile choose(int[] offered) {
        for (SrtpProfile profile : srtpProfiles) {
            for (int id : offered) {
                if (id == profile.dtlsId()) {
                    return profile;
                }
            }
        }
        return null;
    }

    /** Whether we offered the profile with this id, for checking the server's choice. */
    SrtpProfile offered(int id) {
        for (SrtpProfile profile : srtpProfiles) {
            if (profile.dtlsId() == id) {
                return profile;
            }
        }
        return null;
    }

    void selected(SrtpProfile profile) {
        selectedProfile = profile;
    }

    SrtpProfile selectedProfile() {
        return selectedProfile;
    }

    X509Certificate remoteCertificate() {
        return remoteCertificate;
    }

    /**
     * Called by BouncyCastle once both Finished messages are verified: exports the SRTP keying
     * material (RFC 5764 §4.2). Checks once more that a profile was selected and the peer
     * authenticated, so that no path through BouncyCastle can yield keys without both.
     *
     * @throws TlsFatalAlert to abort instead
     */
    void handshakeComplete(TlsContext context) throws TlsFatalAlert {
        SrtpProfile profile = selectedProfile;
        X509Certificate peer = remoteCertificate;
        if (profile == null) {
            throw abort(Reason.NO_COMMON_SRTP_PROFILE, "no DTLS-SRTP protection profile was negotiated",
                    AlertDescription.handshake_failure);
        }
        if (peer == null) {
            throw abort(Reason.NO_CERTIFICATE, "the peer did not authenticate", AlertDescription.handshake_failure);
        }
        byte[] material = context.exportKeyingMaterial(DtlsResult.EXPORTER_LABEL, null, profile.keyingMaterialLength());
        String cipherSuite = CIPHER_SUITE_NAMES.get(context.getSecurityParametersConnection().getCipherSuite());
        result = new DtlsResult(role, profile, material, peer, cipherSuite);
    }

    /** The outcome once {@link #handshakeComplete} succeeded, else null. */
    DtlsResult result() {
        return result;
    }

    /** Why this side aborted the handshake, if one of the checks here did. */
    DtlsException failure() {
        return failure;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    void alertReceived(short level, short description) {
        if (level == AlertLevel.warning && description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    /**
     * Accepts the peer's certificate only if it matches one of the peer's SDP fingerprints (RFC
     * 8122 §5, RFC 5763 §5); a missing certificate fails too, as WebRTC authenticates both sides.
     *
     * @throws TlsFatalAlert to abort the handshake, with the reason recorded in {@link #failure()}
     */
    void verifyPeerCertificate(Certificate chain) throws TlsFatalAlert {
        if (chain == null || chain.isEmpty()) {
            throw abort(Reason.NO_CERTIFICATE, "the peer sent no certificate", AlertDescription.handshake_failure);
        }
        byte[] der;
        try {
            der = chain.getCertificateAt(0).getEncoded();
        } catch (IOException e) {
            throw abort(Reason.PROTOCOL_ERROR, "the peer's certificate cannot be encoded", AlertDescription.bad_certificate);
        }
        boolean matched = false;
        for (DtlsFingerprint fingerprint : remoteFingerprints) {
            matched |= fingerprint.matches(der);
        }
        if (!matched) {
            throw abort(Reason.FINGERPRINT_MISMATCH, "the peer's certificate matches none of its "
                    + remoteFingerprints.size() + " SDP fingerprint(s)", AlertDescription.bad_certificate);
        }
        try {
            remoteCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw abort(Reason.PROTOCOL_ERROR, "the peer's certificate is not X.509", AlertDescription.bad_certificate);
        }
    }

    /**
     * What we list in signature_algorithms (client) and in the CertificateRequest (server): ECDSA
     * and RSA PKCS#1 v1.5, each with SHA-256, SHA-384 or SHA-512. Not RSA-PSS: BouncyCastle's JCA
     * crypto claims it, but verifies it only under the BouncyCastle provider's algorithm names
     * ("SHA256WITHRSAANDMGF1"), which the JDK's providers lack, so a peer that picks it fails the
     * handshake with internal_error. OpenSSL picks it whenever it is listed and its certificate is
     * RSA, as GStreamer's webrtcbin's is; every TLS 1.2 peer with an RSA key also signs PKCS#1.
     */
    static Vector<SignatureAndHashAlgorithm> peerSignatureAlgorithms() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        for (short signature : PEER_SIGNATURES) {
            for (short hash : SIGNATURE_HASHES) {
                SignatureAndHashAlgorithm algorithm = SignatureAndHashAlgorithm.getInstance(hash, signature);
                if (CRYPTO.hasSignatureAndHashAlgorithm(algorithm)) {
                    algorithms.add(algorithm);
                }
            }
        }
        return algorithms;
    }

    /**
     * Our certificate as signing credentials, with the first SHA-2 ECDSA signature algorithm the
     * peer accepts (RFC 5246 §7.4.1.4.1).
     *
     * @param peerSignatureAlgorithms what the peer's signature_algorithms or CertificateRequest
     *     lists, possibly null
     * @throws IOException to abort the handshake if the peer accepts none
     */
    TlsCredentialedSigner signer(TlsContext context, Vector<?> peerSignatureAlgorithms) throws IOException {
        for (short hash : SIGNATURE_HASHES) {
            SignatureAndHashAlgorithm algorithm = SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa);
            if (peerSignatureAlgorithms != null && peerSignatureAlgorithms.contains(algorithm)) {
                TlsCertificate ours = CRYPTO.createCertificate(encoded(certificate.certificate()));
                return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), CRYPTO,
                        certificate.privateKey(), new Certificate(new TlsCertificate[] {ours}), algorithm);
            }
        }
        throw abort(Reason.PROTOCOL_ERROR, "the peer accepts no ECDSA signature with SHA-2",
                AlertDescription.handshake_failure);
    }

    /** Records why the handshake is aborted and makes the alert that aborts it. */
    TlsFatalAlert abort(Reason reason, String message, short alert) {
        failure = new DtlsException(reason, message);
        return new TlsFatalAlert(alert, message);
    }

    private static byte[] encoded(X509Certificate certificate) throws IOException {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IOException("our certificate cannot be encoded", e);
        }
    }
}
