package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors, byte for byte, through {@link SrtpSession}.
 * The RFC gives session keys and salts, not master keys, so the sessions are built on an {@link
 * AesGcmCrypto} keyed directly; the key derivation is covered by {@link KeyDerivationTest} and
 * {@link LibsrtpReferenceTest}.
 */
class Rfc7714VectorsTest {

    private static final byte[] KEY_128 = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] KEY_256 = Hex.bytes(
            "000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f");
    private static final byte[] SALT = Hex.bytes("517569642070726f2071756f");

    private static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c
            69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472
            6573""");

    /** §16.1.1 "Encrypted and tagged packet". */
    private static final byte[] SRTP_128 = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3
            fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf
            8833899d 7f27beb1 6a9152cf 765ee439
            0cce""");

    /** §16.2.1 "Encrypted and tagged packet". */
    private static final byte[] SRTP_256 = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 32b1de78
            a822fe12 ef9f78fa 332e33aa b1801238
            9a58e2f3 b50b2a02 76ffae0f 1ba63799
            b87b7aa3 db36dfff d6b0f9bb 7878d7a7
            6c13""");

    /** §17.1 "Encrypting the following packet" (also §17.2's result and §17.3's input). */
    private static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef""");

    /** §17.1 "Encrypted and tagged packet", SRTCP index 0x5d4. */
    private static final byte[] SRTCP_128 = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c
            a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded
            0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4""");

    /** §17.2 "Decrypting the following packet". */
    private static final byte[] SRTCP_256 = Hex.bytes("""
            81c8000d 4d617273 d50ae4d1 f5ce5d30
            4ba297e4 7d470c28 2c3ece5d bffe0a50
            a2eaa5c1 110555be 8415f658 c61de047
            6f1b6fad 1d1eb30c 4446839f 57ff6f6c
            b26ac3be 800005d4""");

    /** §17.3 "Tagged packet": E-flag clear, nothing encrypted. */
    private static final byte[] SRTCP_TAGGED_128 = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef 841dd968 3dd78ec9 2ae58790
            125f62b3 000005d4""");

    /** §17.4 "Verifying the following packet". */
    private static final byte[] SRTCP_TAGGED_256 = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef 91db4afb feee5a97 8fab4393
            ed2615fe 000005d4""");

    private static SrtpSession session(SrtpProfile profile, byte[] key) {
        return new SrtpSession(profile, new AesGcmCrypto(key, SALT, key, SALT), 16);
    }

    @Test
    void section16_1_1ProtectsWithAes128Gcm() {
        assertProtects(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128, SRTP_128);
    }

    @Test
    void section16_2_1ProtectsWithAes256Gcm() {
        assertProtects(SrtpProfile.SRTP_AEAD_AES_256_GCM, KEY_256, SRTP_256);
    }

    @Test
    void section16_1_2UnprotectsWithAes128Gcm() {
        assertUnprotects(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128, SRTP_128);
    }

    @Test
    void section16_2_2UnprotectsWithAes256Gcm() {
        assertUnprotects(SrtpProfile.SRTP_AEAD_AES_256_GCM, KEY_256, SRTP_256);
    }

    @Test
    void section17_1ProtectsRtcpWithAes128GcmAtIndex0x5d4() {
        SrtpSession sender = session(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128);
        byte[] buf = new byte[RTCP.length + 20];
        // The index is the sender's own count: protect 0x5d4 packets to reach it.
        for (int i = 0; i < 0x5d4; i++) {
            System.arraycopy(RTCP, 0, buf, 0, RTCP.length);
            assertThat(sender.protectRtcp(buf, 0, RTCP.length)).isEqualTo(SRTCP_128.length);
        }
        System.arraycopy(RTCP, 0, buf, 0, RTCP.length);

        int length = sender.protectRtcp(buf, 0, RTCP.length);

        assertThat(Arrays.copyOf(buf, length)).isEqualTo(SRTCP_128);
    }

    @Test
    void section17_1UnprotectsRtcpWithAes128Gcm() {
        assertUnprotectsRtcp(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128, SRTCP_128);
    }

    @Test
    void section17_2UnprotectsRtcpWithAes256Gcm() {
        assertUnprotectsRtcp(SrtpProfile.SRTP_AEAD_AES_256_GCM, KEY_256, SRTCP_256);
    }

    @Test
    void section17_3VerifiesTaggedOnlyRtcpWithAes128Gcm() {
        assertUnprotectsRtcp(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128, SRTCP_TAGGED_128);
    }

    @Test
    void section17_4VerifiesTaggedOnlyRtcpWithAes256Gcm() {
        assertUnprotectsRtcp(SrtpProfile.SRTP_AEAD_AES_256_GCM, KEY_256, SRTCP_TAGGED_256);
    }

    @Test
    void aFlippedBitInTheTaggedOnlyPacketFailsAuthentication() {
        byte[] buf = SRTCP_TAGGED_128.clone();
        buf[20] ^= 0x01;
        SrtpSession receiver = session(SrtpProfile.SRTP_AEAD_AES_128_GCM, KEY_128);

        assertThat(receiver.unprotectRtcp(buf, 0, buf.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
    }

    private static void assertProtects(SrtpProfile profile, byte[] key, byte[] expected) {
        byte[] buf = Arrays.copyOf(RTP, RTP.length + profile.rtpOverhead());

        int length = session(profile, key).protectRtp(buf, 0, RTP.length);

        assertThat(length).isEqualTo(expected.length);
        assertThat(buf).isEqualTo(expected);
    }

    private static void assertUnprotects(SrtpProfile profile, byte[] key, byte[] srtp) {
        byte[] buf = srtp.clone();

        int length = session(profile, key).unprotectRtp(buf, 0, buf.length);

        assertThat(length).isEqualTo(RTP.length);
        assertThat(Arrays.copyOf(buf, length)).isEqualTo(RTP);
    }

    private static void assertUnprotectsRtcp(SrtpProfile profile, byte[] key, byte[] srtcp) {
        byte[] buf = srtcp.clone();

        int length = session(profile, key).unprotectRtcp(buf, 0, buf.length);

        assertThat(length).isEqualTo(RTCP.length);
        assertThat(Arrays.copyOf(buf, length)).isEqualTo(RTCP);
    }
}
