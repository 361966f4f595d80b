package dev.tributary.webrtc.srtp;

/**
 * The cryptographic transform of one profile family, with the session keys already derived.
 * {@link SrtpSession} has parsed the packet, bounds-checked it and chosen the index; these
 * methods only encrypt, decrypt and tag, in place.
 */
sealed interface PacketCrypto permits AesCmHmacCrypto, AesGcmCrypto {

    /**
     * Encrypts the payload {@code buf[off + headerLength, off + len)} and appends the tag at
     * {@code off + len}.
     */
    void protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /**
     * Verifies the tag at the end of {@code buf[off, off + len)} and, if it verifies, decrypts the
     * payload in place.
     *
     * @return false if authentication failed, leaving the buffer unchanged
     */
    boolean unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index);

    /**
     * Encrypts the RTCP packet after its first 8 octets, appends the E-flag and SRTCP index word
     * and the tag in the profile's order (RFC 3711 §3.4, RFC 7714 §9.2).
     *
     * @return the length of the SRTCP packet
     */
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int index);

    /**
     * Verifies an SRTCP packet of {@code len} octets whose trailer carries {@code index} and,
     * when {@code encrypted} (the E-flag), decrypts it in place.
     *
     * @return false if authentication failed, leaving the buffer unchanged
     */
    boolean unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index, boolean encrypted);

    /** Writes {@code value} big-endian at {@code buf[off, off + 4)}. */
    static void putInt(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
