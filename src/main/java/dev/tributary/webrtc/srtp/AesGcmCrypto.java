package dev.tributary.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM with a 16-octet tag (RFC 7714).
 *
 * <p>SRTP (§8): the RTP header, CSRCs and extension included, is the associated data; the payload
 * is encrypted and the tag appended. SRTCP (§9): the first 8 octets and the E-flag and index word
 * are the associated data; the word follows the ciphertext and tag. When the E-flag is clear
 * (§9.3, only accepted on receipt: this stack always encrypts) the whole RTCP packet is associated
 * data and the "ciphertext" is the tag alone.
 *
 * <p>The JDK's {@code AES/GCM} cipher is used because its AES and GHASH run on the CPU's AES-NI and
 * carry-less multiply instructions; there is no public API to reach GHASH otherwise. It needs an
 * {@code init} with a new {@link GCMParameterSpec} per packet, and {@code init} builds fresh
 * internal state: unlike the AES-CM profiles this path allocates per packet, as every
 * {@code javax.crypto} GCM user does. It also reports a bad tag by throwing {@link
 * AEADBadTagException}, which is caught here and turned into a result; only forged or corrupted
 * packets take that path.
 *
 * <p>Not thread-safe: the ciphers and the IV buffer belong to the owning session.
 */
final class AesGcmCrypto implements PacketCrypto {

    private static final int TAG_LENGTH = 16;
    private static final int IV_LENGTH = 12;
    private static final int SRTCP_TRAILER = 4;

    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[IV_LENGTH];
    private final byte[] word = new byte[SRTCP_TRAILER];
    /** Decryption output, grown to the largest payload seen; see {@link #decrypt}. */
    private byte[] plaintext = new byte[2048];

    /** Derives the session keys and salts from a master key and salt (RFC 7714 §11). */
    static AesGcmCrypto derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        int keyLength = profile.masterKeyLength();
        byte[] rtpKey = KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_ENCRYPTION,
                keyLength);
        byte[] rtcpKey = KeyDerivation.derive(masterKey, masterSalt,
                KeyDerivation.SRTCP_ENCRYPTION, keyLength);
        byte[] rtpSalt = KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTP_SALT,
                IV_LENGTH);
        byte[] rtcpSalt = KeyDerivation.derive(masterKey, masterSalt, KeyDerivation.SRTCP_SALT,
                IV_LENGTH);
        try {
            return new AesGcmCrypto(rtpKey, rtpSalt, rtcpKey, rtcpSalt);
        } finally {
            Arrays.fill(rtpKey, (byte) 0);
            Arrays.fill(rtcpKey, (byte) 0);
        }
    }

    /**
     * From session keys and 12-octet session salts (the form RFC 7714 §16 and §17 give their
     * test vectors in). The salts are retained, the keys copied.
     */
    AesGcmCrypto(byte[] rtpKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpSalt) {
        this.rtpKey = new SecretKeySpec(rtpKey, "AES");
        this.rtcpKey = new SecretKeySpec(rtcpKey, "AES");
        this.rtpSalt = rtpSalt;
        this.rtcpSalt = rtcpSalt;
        try {
            rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES-GCM is not available", e);
        }
    }

    @Override
    public void protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        try {
            init(rtpCipher, Cipher.ENCRYPT_MODE, rtpKey, rtpSalt, ssrc, index);
            rtpCipher.updateAAD(buf, off, headerLength);
            rtpCipher.doFinal(buf, off + headerLength, len - headerLength, buf, off + headerLength);
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public boolean unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc,
            long index) {
        try {
            init(rtpCipher, Cipher.DECRYPT_MODE, rtpKey, rtpSalt, ssrc, index);
            rtpCipher.updateAAD(buf, off, headerLength);
            decrypt(rtpCipher, buf, off + headerLength, len - headerLength);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        int payload = off + SrtpSession.RTCP_HEADER;
        PacketCrypto.putInt(word, 0, SrtpSession.E_FLAG | index);
        try {
            init(rtcpCipher, Cipher.ENCRYPT_MODE, rtcpKey, rtcpSalt, ssrc, index);
            rtcpCipher.updateAAD(buf, off, SrtpSession.RTCP_HEADER);
            rtcpCipher.updateAAD(word);
            rtcpCipher.doFinal(buf, payload, len - SrtpSession.RTCP_HEADER, buf, payload);
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES-GCM encryption failed", e);
        }
        System.arraycopy(word, 0, buf, off + len + TAG_LENGTH, SRTCP_TRAILER);
        return len + TAG_LENGTH + SRTCP_TRAILER;
    }

    @Override
    public boolean unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index,
            boolean encrypted) {
        int trailer = off + len - SRTCP_TRAILER;
        // Associated data: the 8-octet header when encrypted (§9.2), the whole packet when only
        // tagged (§9.3); either way followed by the E-flag and index word.
        int clear = encrypted ? SrtpSession.RTCP_HEADER : len - SRTCP_TRAILER - TAG_LENGTH;
        try {
            init(rtcpCipher, Cipher.DECRYPT_MODE, rtcpKey, rtcpSalt, ssrc, index);
            rtcpCipher.updateAAD(buf, off, clear);
            rtcpCipher.updateAAD(buf, trailer, SRTCP_TRAILER);
            decrypt(rtcpCipher, buf, off + clear, trailer - off - clear);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new SrtpException("AES-GCM decryption failed", e);
        }
    }

    /**
     * Verifies and decrypts ciphertext and tag {@code buf[off, off + len)}, writing the plaintext
     * back at {@code off}. Decrypting in place would leave a forged packet's decrypted garbage in
     * {@code buf}, and the JDK only uses its combined AES-GCM intrinsic when decrypting into
     * another array (in place it makes two passes); the scratch array and copy back keep {@code
     * buf} untouched on a bad tag and measured a few percent faster.
     */
    private void decrypt(Cipher cipher, byte[] buf, int off, int len)
            throws GeneralSecurityException {
        if (plaintext.length < len) {
            plaintext = new byte[len];
        }
        int plaintextLength = cipher.doFinal(buf, off, len, plaintext, 0);
        System.arraycopy(plaintext, 0, buf, off, plaintextLength);
    }

    /**
     * Initialises {@code cipher} with the IV of RFC 7714 §8.1 and §9.1: the session salt XOR
     * (0x0000 || SSRC || index), the index being ROC || SEQ for SRTP and 0x0000 || 0 || SRTCP
     * index for SRTCP, both in the low 48 bits.
     */
    private void init(Cipher cipher, int mode, SecretKeySpec key, byte[] salt, int ssrc,
            long index) throws GeneralSecurityException {
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        for (int i = 6; i < IV_LENGTH; i++) {
            iv[i] = (byte) (salt[i] ^ (index >>> (8 * (IV_LENGTH - 1 - i))));
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
    }
}
