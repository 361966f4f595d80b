package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.List;

/**
 * W3C {@code RTCRtpSender}: sends RTP in one media section. The application gives complete RTP
 * packets with a negotiated payload type; the sender stamps its own SSRC on them, encrypts and
 * sends them on the connection's selected path.
 */
public final class RTCRtpSender {

    /** Hands a packet to the connection that owns the sender. */
    interface Output {
        void send(RTCRtpSender sender, byte[] packet, int off, int len);
    }

    private final MediaKind kind;
    private final long ssrc;
    private final long rtxSsrc;
    private final Output output;
    private volatile List<RTCRtpCodecParameters> codecs = List.of();

    RTCRtpSender(MediaKind kind, long ssrc, long rtxSsrc, Output output) {
        this.kind = kind;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.output = output;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The SSRC this sender stamps on its packets. */
    public long ssrc() {
        return ssrc;
    }

    /** The SSRC of its RTX stream, or -1. */
    public long rtxSsrc() {
        return rtxSsrc;
    }

    /** The codecs the remote side accepted, in its order of preference; empty until negotiated. */
    public List<RTCRtpCodecParameters> codecs() {
        return codecs;
    }

    /**
     * Sends one RTP packet. The bytes are copied before the call returns. Like UDP it is best
     * effort: before the connection is up, or after it ended, the packet is dropped.
     *
     * @param packet an RTP packet; its SSRC is replaced by {@link #ssrc()}
     */
    public void sendRtp(RtpPacketView packet) {
        output.send(this, packet.buffer(), packet.offset(), packet.length());
    }

    void setCodecs(List<RTCRtpCodecParameters> codecs) {
        this.codecs = List.copyOf(codecs);
    }
}
