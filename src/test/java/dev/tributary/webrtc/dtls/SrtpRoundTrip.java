package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.srtp.Packets;
import dev.tributary.webrtc.srtp.SrtpSession;
import java.util.Arrays;

/** Checks which SRTP sessions understand each other, with the srtp tests' hand-built packets. */
final class SrtpRoundTrip {

    private static final int SSRC = 0xABCDEF01;
    private static final int PAYLOAD_LENGTH = 64;

    private SrtpRoundTrip() {}

    /** The SRTP form of an RTP packet with sequence number {@code seq}, as {@code sender} protects it. */
    static byte[] protect(SrtpSession sender, int seq) {
        byte[] rtp = Packets.rtp(seq, SSRC, PAYLOAD_LENGTH);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().rtpOverhead());
        assertThat(sender.protectRtp(buf, 0, rtp.length)).isEqualTo(buf.length);
        return buf;
    }

    /** Asserts that {@code receiver} recovers an RTP and an RTCP packet that {@code sender} protected. */
    static void assertDelivers(SrtpSession sender, SrtpSession receiver) {
        byte[] rtp = Packets.rtp(1, SSRC, PAYLOAD_LENGTH);
        byte[] srtp = protect(sender, 1);
        assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(rtp.length);
        assertThat(Arrays.copyOf(srtp, rtp.length)).isEqualTo(rtp);

        byte[] rtcp = Packets.rtcp(SSRC);
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + sender.profile().rtcpOverhead());
        assertThat(sender.protectRtcp(buf, 0, rtcp.length)).isEqualTo(buf.length);
        assertThat(receiver.unprotectRtcp(buf, 0, buf.length)).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
    }
}
