package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.srtp.SrtpSession;
import java.util.Arrays;

/** Checks which SRTP sessions understand each other, with hand-built RTP and RTCP packets. */
final class SrtpRoundTrip {

    private static final int SSRC = 0xABCDEF01;

    private SrtpRoundTrip() {}

    /** A 12-byte RTP header (RFC 3550 §5.1), payload type 96, and 64 payload bytes counting up from 1. */
    static byte[] rtp(int seq) {
        byte[] packet = new byte[12 + 64];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        putInt(packet, 8, SSRC);
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) (i - 11);
        }
        return packet;
    }

    /** A receiver report (RFC 3550 §6.4.2) with one report block of counting bytes. */
    static byte[] rtcp() {
        byte[] packet = new byte[32];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 201;
        packet[3] = 7;
        putInt(packet, 4, SSRC);
        for (int i = 8; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    /** The SRTP form of {@link #rtp(int)}, as {@code sender} protects it. */
    static byte[] protect(SrtpSession sender, int seq) {
        byte[] rtp = rtp(seq);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().rtpOverhead());
        assertThat(sender.protectRtp(buf, 0, rtp.length)).isEqualTo(buf.length);
        return buf;
    }

    /** Asserts that {@code receiver} recovers an RTP and an RTCP packet that {@code sender} protected. */
    static void assertDelivers(SrtpSession sender, SrtpSession receiver) {
        byte[] srtp = protect(sender, 1);
        assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(rtp(1).length);
        assertThat(Arrays.copyOf(srtp, rtp(1).length)).isEqualTo(rtp(1));

        byte[] rtcp = rtcp();
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + sender.profile().rtcpOverhead());
        assertThat(sender.protectRtcp(buf, 0, rtcp.length)).isEqualTo(buf.length);
        assertThat(receiver.unprotectRtcp(buf, 0, buf.length)).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
    }

    private static void putInt(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
