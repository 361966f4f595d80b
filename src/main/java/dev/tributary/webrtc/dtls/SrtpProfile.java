package dev.tributary.webrtc.dtls;

/**
 * The DTLS-SRTP protection profiles this transport can negotiate, with the master key and salt
 * lengths that size the exported keying material (RFC 5764 §4.1.2 and §4.2, RFC 7714 §14.2).
 */
enum SrtpProfile {
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
    AES128_CM_HMAC_SHA1_32(0x0002, 16, 14),
    AEAD_AES_128_GCM(0x0007, 16, 12),
    AEAD_AES_256_GCM(0x0008, 32, 12);

    final int id;
    final int keyLength;
    final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The length of the keying material to export: both directions' keys and salts. */
    int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** The profile with this registry id, or null if this transport does not support it. */
    static SrtpProfile byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        return null;
    }
}
