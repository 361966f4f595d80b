package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.RtcpCompound;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Streams, packets and RTCP draining shared by the interceptor tests. */
final class Media {

    static final long LOCAL_SSRC = 0x1111_1111L;
    static final long VIDEO_SSRC = 0xA0A0_0001L;
    static final long VIDEO_RTX_SSRC = 0xA0A0_0002L;
    static final long AUDIO_SSRC = 0xB0B0_0001L;
    static final int VP8 = 96;
    static final int VP8_RTX = 97;
    static final int OPUS = 111;
    static final int TWCC_ID = 3;
    static final long MS = 1_000_000L;

    private Media() {}

    static StreamInfo video(Set<StreamInfo.Feedback> feedback) {
        return new StreamInfo(VIDEO_SSRC, VIDEO_RTX_SSRC, Set.of(VP8), Map.of(VP8_RTX, VP8), 90_000, true,
                feedback, TWCC_ID);
    }

    static StreamInfo video() {
        return video(EnumSet.allOf(StreamInfo.Feedback.class));
    }

    static StreamInfo audio() {
        return new StreamInfo(AUDIO_SSRC, -1, Set.of(OPUS), Map.of(), 48_000, false,
                Set.of(StreamInfo.Feedback.TRANSPORT_CC), TWCC_ID);
    }

    /** A deterministic 1000-byte-ish payload whose bytes depend on the sequence number. */
    static byte[] payload(int seq, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (seq * 31 + i);
        }
        return payload;
    }

    static RtpPacketBuilder packet(long ssrc, int payloadType, int seq, long timestamp) {
        return RtpPacket.builder().ssrc(ssrc).payloadType(payloadType).sequenceNumber(seq & 0xFFFF)
                .timestamp(timestamp & 0xFFFF_FFFFL).payload(payload(seq, 100));
    }

    static byte[] transportSequence(int seq) {
        return new byte[] {(byte) (seq >>> 8), (byte) seq};
    }

    /** Drains {@link InterceptorChain#pollRtcp()}, checking each compound survives the wire. */
    static List<List<RtcpPacket>> drain(InterceptorChain chain) {
        List<List<RtcpPacket>> compounds = new ArrayList<>();
        for (List<RtcpPacket> compound = chain.pollRtcp(); !compound.isEmpty(); compound = chain.pollRtcp()) {
            compounds.add(RtcpCompound.parse(RtcpCompound.toByteArray(compound)));
        }
        return compounds;
    }

    /** Every packet of type {@code type} in the drained compounds. */
    static <T extends RtcpPacket> List<T> drainAll(InterceptorChain chain, Class<T> type) {
        List<T> packets = new ArrayList<>();
        for (List<RtcpPacket> compound : drain(chain)) {
            for (RtcpPacket packet : compound) {
                if (type.isInstance(packet)) {
                    packets.add(type.cast(packet));
                }
            }
        }
        return packets;
    }
}
