package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.srtp.SrtpProfile;
import dev.tributary.webrtc.srtp.SrtpSession;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What a completed DTLS-SRTP handshake yields: the negotiated protection profile, the keying
 * material exported for SRTP (RFC 5764 §4.2) and the SRTP sessions keyed from it, this endpoint's
 * role and the peer's certificate, which matched the peer's SDP fingerprint. Immutable; byte
 * arrays are returned as copies.
 */
public final class DtlsResult {

    /** The exporter label of RFC 5764 §4.2. */
    static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    private final DtlsRole role;
    private final SrtpProfile profile;
    private final byte[] keyingMaterial;
    private final X509Certificate remoteCertificate;
    private final String cipherSuite;

    DtlsResult(DtlsRole role, SrtpProfile profile, byte[] keyingMaterial, X509Certificate remoteCertificate,
            String cipherSuite) {
        this.role = Objects.requireNonNull(role, "role");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.keyingMaterial = keyingMaterial.clone();
        this.remoteCertificate = Objects.requireNonNull(remoteCertificate, "remoteCertificate");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    /** This endpoint's role in the handshake. */
    public DtlsRole role() {
        return role;
    }

    /** The negotiated DTLS-SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2). */
    public SrtpProfile srtpProfile() {
        return profile;
    }

    /**
     * A copy of the keying material exported with the label {@code EXTRACTOR-dtls_srtp} and no
     * context: {@code 2 * (key + salt)} bytes for the negotiated profile (60 for the CM profiles,
     * 56 for AEAD_AES_128_GCM, 88 for AEAD_AES_256_GCM).
     */
    public byte[] keyingMaterial() {
        return keyingMaterial.clone();
    }

    /**
     * New SRTP sessions keyed from this handshake (RFC 5764 §4.2), each tracking up to
     * {@link SrtpSession#DEFAULT_MAX_SSRCS} SSRCs.
     *
     * @return our outbound and inbound session
     * @throws dev.tributary.webrtc.srtp.SrtpException if the JDK lacks a cipher the profile needs
     * @see #srtpSessions(int)
     */
    public SrtpSessions srtpSessions() {
        return srtpSessions(SrtpSession.DEFAULT_MAX_SSRCS);
    }

    /**
     * New SRTP sessions keyed from this handshake (RFC 5764 §4.2): the outbound one protects with
     * our role's write key and salt, the inbound one unprotects with the peer's. Each call starts
     * fresh replay and rollover state, so an association calls it once.
     *
     * @param maxSsrcs how many SSRCs each session may track (see {@link SrtpSession})
     * @return our outbound and inbound session
     * @throws IllegalArgumentException if {@code maxSsrcs} is not between 1 and 65536
     * @throws dev.tributary.webrtc.srtp.SrtpException if the JDK lacks a cipher the profile needs
     */
    public SrtpSessions srtpSessions(int maxSsrcs) {
        return SrtpSessions.fromKeyingMaterial(profile, keyingMaterial, role, maxSsrcs);
    }

    /** The certificate the peer authenticated with. */
    public X509Certificate remoteCertificate() {
        return remoteCertificate;
    }

    /**
     * The negotiated cipher suite's IANA name, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
     * as the W3C statistics report it ({@code RTCTransportStats.dtlsCipher}).
     */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** Names the role, profile and cipher suite only: keys never go into logs. */
    @Override
    public String toString() {
        return "DtlsResult[role=" + role + ", srtpProfile=" + profile + ", cipherSuite=" + cipherSuite + "]";
    }
}
