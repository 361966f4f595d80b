package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.interceptor.ReceivedSenderReport;
import dev.tributary.webrtc.interceptor.RemoteStream;
import dev.tributary.webrtc.interceptor.StreamStatistics;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One media stream the remote side sends: one SSRC of a media section (one simulcast layer when
 * the section has RIDs). It appears through {@link RTCPeerConnection#onTrack} when its first
 * packet arrives and delivers its decrypted RTP packets to its {@link RtpListener}, on the
 * connection's thread. Retransmissions (RTX) reach it as the packets they carry.
 */
public final class RemoteTrack {

    /** What a track asks of the connection that owns it. */
    interface Control {
        void requestKeyframe(RemoteTrack track, boolean untilKeyframe);

        void keyframeReceived(RemoteTrack track);

        StreamStatistics statistics(RemoteTrack track);

        long roundTripTime();
    }

    private final String id;
    private final MediaKind kind;
    private final long ssrc;
    private final Optional<String> rid;
    private final RTCRtpReceiver receiver;
    private final RemoteStream stream;
    private final Control control;
    private volatile RTCRtpCodecParameters codec;
    private volatile RtpListener listener;
    private volatile Consumer<ReceivedSenderReport> senderReportListener;
    private volatile long packetsReceived;
    private volatile long bytesReceived;

    RemoteTrack(String id, MediaKind kind, long ssrc, Optional<String> rid, RTCRtpCodecParameters codec,
            RTCRtpReceiver receiver, RemoteStream stream, Control control) {
        this.stream = stream;
        this.control = control;
        this.id = id;
        this.kind = kind;
        this.ssrc = ssrc;
        this.rid = rid;
        this.codec = codec;
        this.receiver = receiver;
    }

    /** The remote {@code msid} track id, or one made up when the remote side gives none. */
    public String id() {
        return id;
    }

    public MediaKind kind() {
        return kind;
    }

    /** The SSRC of the stream. */
    public long ssrc() {
        return ssrc;
    }

    /** The simulcast RID of the stream, if it has one. */
    public Optional<String> rid() {
        return rid;
    }

    /** The codec of the latest packet. */
    public RTCRtpCodecParameters codec() {
        return codec;
    }

    /** The receiver of the media section this track belongs to. */
    public RTCRtpReceiver receiver() {
        return receiver;
    }

    /**
     * Sets who takes this track's RTP packets; set it inside the {@code onTrack} callback to miss
     * none. Packets arriving while there is no listener are counted and dropped.
     */
    public void setRtpListener(RtpListener listener) {
        this.listener = listener;
    }

    /**
     * Sets who takes the sender reports of this track's SSRC (the NTP ↔ RTP mapping that puts
     * tracks on one timeline), called on the connection's thread. They also reach
     * {@link RTCRtpReceiver#readRtcp}. Set it inside the {@code onTrack} callback to miss none: the
     * latest report that arrived before the track's first packet is delivered right after that
     * callback.
     */
    public void setSenderReportListener(Consumer<ReceivedSenderReport> listener) {
        this.senderReportListener = listener;
    }

    /**
     * Asks the sender for a keyframe: PLI, or FIR where only that was negotiated, rate-limited.
     *
     * @param untilKeyframe keep asking (about once a second) until {@link #keyframeReceived()}
     */
    public void requestKeyframe(boolean untilKeyframe) {
        control.requestKeyframe(this, untilKeyframe);
    }

    /** Tells the connection a keyframe arrived, which ends repeated keyframe requests. */
    public void keyframeReceived() {
        control.keyframeReceived(this);
    }

    /** Reception statistics of this track's stream (RFC 3550 loss and jitter, NACKs, PLIs …). */
    public StreamStatistics statistics() {
        return control.statistics(this);
    }

    /**
     * The connection's round-trip time estimate in nanoseconds (from retransmissions; 100 ms
     * before any was measured), for a jitter buffer's wait.
     */
    public long roundTripTimeNanos() {
        return control.roundTripTime();
    }

    /** RTP packets received and decrypted for this track. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** RTP bytes (headers included) received and decrypted for this track. */
    public long bytesReceived() {
        return bytesReceived;
    }

    RemoteStream stream() {
        return stream;
    }

    RtpListener listener() {
        return listener;
    }

    /** Called on the connection's thread only. */
    void deliverSenderReport(ReceivedSenderReport report) {
        Consumer<ReceivedSenderReport> current = senderReportListener;
        if (current != null) {
            current.accept(report);
        }
    }

    /** Called on the connection's thread only. */
    void deliver(long now, RtpPacketView packet, RTCRtpCodecParameters packetCodec) {
        packetsReceived++;
        bytesReceived += packet.length();
        if (packetCodec != codec) {
            codec = packetCodec;
        }
        RtpListener current = listener;
        if (current != null) {
            current.onRtp(packet, now);
        }
    }

    @Override
    public String toString() {
        return "RemoteTrack[" + kind.sdpName() + " ssrc=" + ssrc + rid.map(r -> " rid=" + r).orElse("")
                + " " + codec.mimeType() + "]";
    }
}
