package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.dtls.DtlsException.Reason;
import dev.tributary.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** The DTLS server side of WebRTC: requires a client certificate and a common SRTP profile. */
final class WebRtcTlsServer extends AbstractTlsServer {

    private final HandshakePolicy policy;

    WebRtcTlsServer(HandshakePolicy policy) {
        super(HandshakePolicy.CRYPTO);
        this.policy = policy;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return policy.cipherSuites();
    }

    /** The client's most preferred group among ours; the default would take any curve. */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] clientGroups = context.getSecurityParametersHandshake().getClientSupportedGroups();
        if (clientGroups == null) {
            return HandshakePolicy.NAMED_GROUPS[HandshakePolicy.NAMED_GROUPS.length - 1];
        }
        for (int group : clientGroups) {
            for (int ours : HandshakePolicy.NAMED_GROUPS) {
                if (group == ours && getCrypto().hasNamedGroup(group)) {
                    return group;
                }
            }
        }
        return -1;
    }

    @Override
    @SuppressWarnings("rawtypes") // BouncyCastle's API predates generics
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        SrtpProfile profile = offered == null ? null : policy.choose(offered.getProtectionProfiles());
        if (profile == null) {
            throw policy.abort(Reason.NO_COMMON_SRTP_PROFILE,
                    "the client offers no DTLS-SRTP protection profile we accept", AlertDescription.handshake_failure);
        }
        policy.selected(profile);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        int[] selected = {policy.selectedProfile().dtlsId()};
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(selected, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    /** WebRTC authenticates both sides (RFC 5763 §5): always ask for the client's certificate. */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, HandshakePolicy.peerSignatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        policy.verifyPeerCertificate(clientCertificate);
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        if (context.getSecurityParametersHandshake().getKeyExchangeAlgorithm() != KeyExchangeAlgorithm.ECDHE_ECDSA) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "only ECDHE_ECDSA suites are offered");
        }
        return policy.signer(context, context.getSecurityParametersHandshake().getClientSigAlgs());
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return policy.handshakeTimeoutMillis;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return policy.retransmitMillis;
    }

    /** BouncyCastle exports keying material only from an extended master secret (RFC 7627 §5.4). */
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        policy.handshakeComplete(context);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        policy.alertReceived(level, description);
    }
}
