package dev.tributary.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA1 (RFC 2104) over a reused {@link MessageDigest}, for the SRTP authentication tag
 * (RFC 3711 §4.2.1).
 *
 * <p>{@code javax.crypto.Mac} computes the same with the same SHA-1 intrinsic, but its {@code
 * doFinal(byte[], int)} allocates the result array for every packet; writing the inner and outer
 * digests into a reused array avoids that. The key is at most one SHA-1 block (SRTP uses 20
 * octets), so it is used as is.
 *
 * <p>Not thread-safe: the digest and result buffer belong to the owning session.
 */
final class HmacSha1 {

    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] word = new byte[4];
    private final byte[] result = new byte[LENGTH];

    /** @param key at most 64 octets */
    HmacSha1(byte[] key) {
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new SrtpException("SHA-1 is not available", e);
        }
    }

    /**
     * The MAC of {@code buf[off, off + len)}, followed by {@code trailer} as a 32-bit big-endian
     * word when {@code withTrailer} (the SRTP rollover counter, RFC 3711 §4.2).
     *
     * @return a 20-octet array reused by the next call
     */
    byte[] mac(byte[] buf, int off, int len, boolean withTrailer, int trailer) {
        sha1.update(innerPad);
        sha1.update(buf, off, len);
        if (withTrailer) {
            word[0] = (byte) (trailer >>> 24);
            word[1] = (byte) (trailer >>> 16);
            word[2] = (byte) (trailer >>> 8);
            word[3] = (byte) trailer;
            sha1.update(word);
        }
        try {
            sha1.digest(result, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(result);
            sha1.digest(result, 0, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new SrtpException("SHA-1 failed", e);
        }
        return result;
    }
}
