package dev.tributary.webrtc.srtp;

/** Hand-built RTP and RTCP packets for the tests (also the dtls package's SRTP keying tests). */
public final class Packets {

    private Packets() {}

    /** A plain RTP packet with a 12-octet header and a payload of octets counting up from 1. */
    public static byte[] rtp(int seq, int ssrc, int payloadLength) {
        return rtp(seq, ssrc, 0, 0, 0, payloadLength);
    }

    /**
     * An RTP packet (RFC 3550 §5.1) with {@code csrcs} CSRCs, a header extension of {@code
     * extensionWords} 32-bit words when positive, and {@code padding} octets of padding (P bit set,
     * the last octet holding the count) after {@code payloadLength} payload octets.
     */
    static byte[] rtp(int seq, int ssrc, int csrcs, int extensionWords, int padding,
            int payloadLength) {
        int header = 12 + 4 * csrcs + (extensionWords > 0 ? 4 + 4 * extensionWords : 0);
        byte[] packet = new byte[header + payloadLength + padding];
        packet[0] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords > 0 ? 0x10 : 0)
                | csrcs);
        packet[1] = 96;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        putInt(packet, 4, 0x01020304 + seq);
        putInt(packet, 8, ssrc);
        for (int i = 0; i < csrcs; i++) {
            putInt(packet, 12 + 4 * i, 0xC0000000 + i);
        }
        if (extensionWords > 0) {
            int at = 12 + 4 * csrcs;
            packet[at] = (byte) 0xBE;
            packet[at + 1] = (byte) 0xDE;
            packet[at + 3] = (byte) extensionWords;
            for (int i = 0; i < 4 * extensionWords; i++) {
                packet[at + 4 + i] = (byte) (0xE0 + i);
            }
        }
        for (int i = 0; i < payloadLength; i++) {
            packet[header + i] = (byte) (i + 1);
        }
        if (padding > 0) {
            packet[packet.length - 1] = (byte) padding;
        }
        return packet;
    }

    /** A receiver report (RFC 3550 §6.4.2) from {@code ssrc} with one report block. */
    public static byte[] rtcp(int ssrc) {
        byte[] packet = new byte[32];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        packet[3] = 7;
        putInt(packet, 4, ssrc);
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    static void putInt(byte[] buf, int off, int value) {
        PacketCrypto.putInt(buf, off, value);
    }

    static int getInt(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 24 | (buf[off + 1] & 0xFF) << 16 | (buf[off + 2] & 0xFF) << 8
                | buf[off + 3] & 0xFF;
    }
}
