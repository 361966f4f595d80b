package dev.tributary.webrtc.srtp;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * AES-128 counter mode with an HMAC-SHA1 tag (RFC 3711 §4.1.1, §4.2.1), for the profiles of RFC
 * 5764 §4.1.2.
 *
 * <p>SRTP: the tag covers header and encrypted payload followed by the 32-bit rollover counter
 * (§4.2) and is truncated to the profile's SRTP tag length. SRTCP: the E-flag and index word
 * follows the payload and the 80-bit tag covers everything before it (§3.4).
 */
final class AesCmHmacCrypto implements PacketCrypto {

    private static final int SRTCP_TRAILER = 4;

    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    // MessageDigest.isEqual compares whole arrays, so received and expected tags are copied into
    // arrays of exactly the tag length.
    private final byte[] rtpTagReceived;
    private final byte[] rtpTagExpected;
    private final byte[] rtcpTagReceived;
    private final byte[] rtcpTagExpected;

    AesCmHmacCrypto(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        int authLength = SrtpProfile.HMAC_KEY_LENGTH;
        rtpCipher = counterMode(masterKey, masterSalt, keyLength, saltLength,
                KeyDerivation.SRTP_ENCRYPTION, KeyDerivation.SRTP_SALT);
        rtcpCipher = counterMode(masterKey, masterSalt, keyLength, saltLength,
                KeyDerivation.SRTCP_ENCRYPTION, KeyDerivation.SRTCP_SALT);
        rtpMac = mac(masterKey, masterSalt, KeyDerivation.SRTP_AUTHENTICATION, authLength);
        rtcpMac = mac(masterKey, masterSalt, KeyDerivation.SRTCP_AUTHENTICATION, authLength);
        rtpTagLength = profile.rtpTagLength();
        rtcpTagLength = profile.rtcpTagLength();
        rtpTagReceived = new byte[rtpTagLength];
        rtpTagExpected = new byte[rtpTagLength];
        rtcpTagReceived = new byte[rtcpTagLength];
        rtcpTagExpected = new byte[rtcpTagLength];
    }

    private static AesCounterMode counterMode(byte[] masterKey, byte[] masterSalt, int keyLength,
            int saltLength, int keyLabel, int saltLabel) {
        byte[] key = KeyDerivation.derive(masterKey, masterSalt, keyLabel, keyLength);
        byte[] salt = KeyDerivation.derive(masterKey, masterSalt, saltLabel, saltLength);
        AesCounterMode cipher = new AesCounterMode(key, salt);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
        return cipher;
    }

    private static HmacSha1 mac(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] key = KeyDerivation.derive(masterKey, masterSalt, label, length);
        HmacSha1 mac = new HmacSha1(key);
        Arrays.fill(key, (byte) 0);
        return mac;
    }

    @Override
    public void protectRtp(byte[] buf, int off, int len, int headerLength, int ssrc, long index) {
        rtpCipher.apply(buf, off + headerLength, len - headerLength, ssrc, index);
        byte[] tag = rtpMac.mac(buf, off, len, true, roc(index));
        System.arraycopy(tag, 0, buf, off + len, rtpTagLength);
    }

    @Override
    public boolean unprotectRtp(byte[] buf, int off, int len, int headerLength, int ssrc,
            long index) {
        int authenticated = len - rtpTagLength;
        byte[] tag = rtpMac.mac(buf, off, authenticated, true, roc(index));
        if (!tagMatches(tag, buf, off + authenticated, rtpTagExpected, rtpTagReceived)) {
            return false;
        }
        rtpCipher.apply(buf, off + headerLength, authenticated - headerLength, ssrc, index);
        return true;
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        rtcpCipher.apply(buf, off + SrtpSession.RTCP_HEADER, len - SrtpSession.RTCP_HEADER, ssrc,
                index);
        PacketCrypto.putInt(buf, off + len, SrtpSession.E_FLAG | index);
        int authenticated = len + SRTCP_TRAILER;
        byte[] tag = rtcpMac.mac(buf, off, authenticated, false, 0);
        System.arraycopy(tag, 0, buf, off + authenticated, rtcpTagLength);
        return authenticated + rtcpTagLength;
    }

    @Override
    public boolean unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index,
            boolean encrypted) {
        int authenticated = len - rtcpTagLength;
        byte[] tag = rtcpMac.mac(buf, off, authenticated, false, 0);
        if (!tagMatches(tag, buf, off + authenticated, rtcpTagExpected, rtcpTagReceived)) {
            return false;
        }
        if (encrypted) {
            int payload = authenticated - SRTCP_TRAILER - SrtpSession.RTCP_HEADER;
            rtcpCipher.apply(buf, off + SrtpSession.RTCP_HEADER, payload, ssrc, index);
        }
        return true;
    }

    /** The rollover counter: the index above the 16-bit sequence number (RFC 3711 §3.3.1). */
    private static int roc(long index) {
        return (int) (index >>> 16);
    }

    /** Constant-time comparison of the truncated computed tag with the one in the packet. */
    private static boolean tagMatches(byte[] computed, byte[] buf, int tagOffset, byte[] expected,
            byte[] received) {
        System.arraycopy(computed, 0, expected, 0, expected.length);
        System.arraycopy(buf, tagOffset, received, 0, received.length);
        return MessageDigest.isEqual(expected, received);
    }
}
