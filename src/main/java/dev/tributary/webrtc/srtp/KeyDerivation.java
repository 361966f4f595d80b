package dev.tributary.webrtc.srtp;

/**
 * The SRTP key derivation function with the AES-CM PRF and key derivation rate 0 (RFC 3711
 * §4.3.1 and §4.3.3; AES-256 per RFC 6188 §3; the 12-octet GCM master salt per RFC 7714 §11 as
 * corrected by erratum 4938, i.e. multiplied by 2^16).
 */
final class KeyDerivation {

    /** Labels of RFC 3711 §4.3.2. */
    static final int SRTP_ENCRYPTION = 0x00;
    static final int SRTP_AUTHENTICATION = 0x01;
    static final int SRTP_SALT = 0x02;
    static final int SRTCP_ENCRYPTION = 0x03;
    static final int SRTCP_AUTHENTICATION = 0x04;
    static final int SRTCP_SALT = 0x05;

    private KeyDerivation() {}

    /**
     * Derives {@code length} octets for {@code label}: the first octets of the AES-CM keystream
     * under the master key with IV = (label * 2^48 XOR master_salt) * 2^16.
     *
     * @param masterKey 16 or 32 octets
     * @param masterSalt 14 octets, or 12 for the GCM profiles
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] x = new byte[14];
        System.arraycopy(masterSalt, 0, x, 0, masterSalt.length);
        // key_id = label || r with r = 0 (rate 0): the label lands on the 7th octet from the end.
        x[7] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCounterMode(masterKey, x).apply(out, 0, length, 0, 0);
        return out;
    }
}
