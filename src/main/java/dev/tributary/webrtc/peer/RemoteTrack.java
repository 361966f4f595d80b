package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.Optional;

/**
 * One media stream the remote side sends: one SSRC of a media section (one simulcast layer when
 * the section has RIDs). It appears through {@link RTCPeerConnection#onTrack} when its first
 * packet arrives and delivers its decrypted RTP packets to its {@link RtpListener}, on the
 * connection's thread. RTX packets that repair it are not delivered here.
 */
public final class RemoteTrack {

    private final String id;
    private final MediaKind kind;
    private final long ssrc;
    private final Optional<String> rid;
    private final RTCRtpReceiver receiver;
    private volatile RTCRtpCodecParameters codec;
    private volatile RtpListener listener;
    private volatile long packetsReceived;
    private volatile long bytesReceived;

    RemoteTrack(String id, MediaKind kind, long ssrc, Optional<String> rid, RTCRtpCodecParameters codec,
            RTCRtpReceiver receiver) {
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

    /** RTP packets received and decrypted for this track. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** RTP bytes (headers included) received and decrypted for this track. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Called on the connection's thread only. */
    void deliver(RtpPacketView packet, RTCRtpCodecParameters packetCodec) {
        packetsReceived++;
        bytesReceived += packet.length();
        if (packetCodec != codec) {
            codec = packetCodec;
        }
        RtpListener current = listener;
        if (current != null) {
            current.onRtp(packet);
        }
    }

    @Override
    public String toString() {
        return "RemoteTrack[" + kind.sdpName() + " ssrc=" + ssrc + rid.map(r -> " rid=" + r).orElse("")
                + " " + codec.mimeType() + "]";
    }
}
