package dev.tributary.webrtc.srtp;

import java.util.Optional;

/**
 * An SRTP protection profile as negotiated by the DTLS {@code use_srtp} extension (RFC 5764
 * §4.1.2, RFC 7714 §14.2): cipher, key and salt lengths, and authentication tag lengths.
 *
 * <p>The declaration order is the order of preference this stack offers: the AEAD profiles first
 * (one pass over the payload and a 128-bit tag), then the AES-CM profiles for peers that lack
 * GCM.
 *
 * <p>Master Key Identifiers (MKI) are not supported: DTLS-SRTP as used by WebRTC never sends one.
 */
public enum SrtpProfile {

    /** {@code SRTP_AEAD_AES_128_GCM} (RFC 7714 §14.2): AES-128-GCM, 16-octet tag, 12-octet salt. */
    SRTP_AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16, true),

    /** {@code SRTP_AEAD_AES_256_GCM} (RFC 7714 §14.2): AES-256-GCM, 16-octet tag, 12-octet salt. */
    SRTP_AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16, true),

    /**
     * {@code SRTP_AES128_CM_HMAC_SHA1_80} (RFC 5764 §4.1.2): AES-128 counter mode and an 80-bit
     * HMAC-SHA1 tag on SRTP and SRTCP.
     */
    SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10, false),

    /**
     * {@code SRTP_AES128_CM_HMAC_SHA1_32} (RFC 5764 §4.1.2): as {@link #SRTP_AES128_CM_HMAC_SHA1_80}
     * but with a 32-bit tag on SRTP; SRTCP keeps the 80-bit tag.
     */
    SRTP_AES128_CM_HMAC_SHA1_32(0x0002, 16, 14, 4, 10, false);

    /** Length of the HMAC-SHA1 session authentication key of the AES-CM profiles (RFC 3711 §8.2). */
    static final int HMAC_KEY_LENGTH = 20;

    private final int dtlsId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final boolean aead;

    SrtpProfile(int dtlsId, int masterKeyLength, int masterSaltLength, int rtpTagLength,
            int rtcpTagLength, boolean aead) {
        this.dtlsId = dtlsId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.aead = aead;
    }

    /**
     * The profile with this DTLS-SRTP protection profile identifier (the two octets of
     * {@code SRTPProtectionProfile} in the {@code use_srtp} extension), if this stack supports it.
     */
    public static Optional<SrtpProfile> fromDtlsId(int dtlsId) {
        for (SrtpProfile profile : values()) {
            if (profile.dtlsId == dtlsId) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** The DTLS-SRTP protection profile identifier (IANA "DTLS-SRTP Protection Profiles"). */
    public int dtlsId() {
        return dtlsId;
    }

    /** Length in octets of the master key (and of the derived session encryption key). */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Length in octets of the master salt (and of the derived session salt). */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Length in octets of the authentication tag appended to an SRTP packet. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Length in octets of the authentication tag in an SRTCP packet. */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /**
     * Octets that {@link SrtpSession#protectRtp} adds to an RTP packet: the caller's buffer must
     * have this much room after the packet.
     */
    public int rtpOverhead() {
        return rtpTagLength;
    }

    /**
     * Octets that {@link SrtpSession#protectRtcp} adds to an RTCP packet: the tag and the 4-octet
     * E-flag and SRTCP index word (RFC 3711 §3.4).
     */
    public int rtcpOverhead() {
        return rtcpTagLength + 4;
    }

    /**
     * Length in octets of the DTLS-SRTP keying material to export for this profile (RFC 5764
     * §4.2): a master key and a master salt for each of client and server.
     */
    public int keyingMaterialLength() {
        return 2 * (masterKeyLength + masterSaltLength);
    }

    /** Whether this is an AEAD (AES-GCM, RFC 7714) profile rather than AES-CM with HMAC-SHA1. */
    boolean isAead() {
        return aead;
    }
}
