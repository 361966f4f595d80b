package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.dtls.DtlsException.Reason;
import dev.tributary.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** The DTLS client side of WebRTC: offers DTLS-SRTP, authenticates with our certificate. */
final class WebRtcTlsClient extends AbstractTlsClient {

    private final HandshakePolicy policy;

    WebRtcTlsClient(HandshakePolicy policy) {
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

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // BouncyCastle's API predates generics
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector groups = new Vector();
        TlsUtils.addIfSupported(groups, getCrypto(), HandshakePolicy.NAMED_GROUPS);
        return groups;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithms() {
        return HandshakePolicy.peerSignatureAlgorithms();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(policy.srtpProfileIds(), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    /** RFC 5764 §4.1.1: the server picks exactly one of our profiles, without an MKI we did not ask for. */
    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null) {
            throw policy.abort(Reason.NO_COMMON_SRTP_PROFILE, "the server selected no DTLS-SRTP protection profile",
                    AlertDescription.handshake_failure);
        }
        int[] profiles = chosen.getProtectionProfiles();
        SrtpProfile profile = profiles.length == 1 ? policy.offered(profiles[0]) : null;
        if (profile == null || chosen.getMki().length != 0) {
            throw policy.abort(Reason.PROTOCOL_ERROR, "the server's use_srtp answer is not one profile we offered",
                    AlertDescription.illegal_parameter);
        }
        policy.selected(profile);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                policy.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return policy.signer(context, request.getSupportedSignatureAlgorithms());
            }
        };
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
