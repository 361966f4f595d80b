package dev.tributary.webrtc.media;

import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketBuilder;
import java.util.Objects;

/**
 * Splits coded frames into RTP packets of one stream: payload format headers, marker bit on the
 * last packet of a video frame, consecutive sequence numbers, the frame's timestamp.
 *
 * <p>Packets are written into one reused array and handed to a {@link PacketSink}, valid only
 * during its call; once the array exists, packetizing allocates nothing. The RTP header comes
 * from {@link #header()}, a builder the owner may give header extensions (they count against
 * the maximum packet size). Not thread-safe.
 */
public abstract sealed class Packetizer
        permits H264Packetizer, Vp8Packetizer, Vp9Packetizer, Av1Packetizer, OpusPacketizer {

    /** A common maximum RTP packet size for WebRTC: fits in IPv6 + UDP + SRTP + TURN on a 1280+ MTU. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 1200;

    private final RtpPacketBuilder header;
    private final byte[] packet;
    private int sequenceNumber;
    private long timestamp;
    private int headerLength;
    private long packets;

    Packetizer(int payloadType, long ssrc, int firstSequenceNumber, int maxPacketSize) {
        if (maxPacketSize < 64 || maxPacketSize > 65_535) {
            throw new IllegalArgumentException("maximum packet size " + maxPacketSize + " outside 64..65535");
        }
        this.header = RtpPacket.builder().payloadType(payloadType).ssrc(ssrc).sequenceNumber(firstSequenceNumber);
        this.sequenceNumber = firstSequenceNumber;
        this.packet = new byte[maxPacketSize];
    }

    /**
     * The builder of the RTP header: set header extensions or CSRCs on it between frames. Marker,
     * sequence number and timestamp are overwritten per packet.
     *
     * @return the header builder
     */
    public final RtpPacketBuilder header() {
        return header;
    }

    /** @return the sequence number the next packet gets */
    public final int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** @return packets written so far */
    public final long packets() {
        return packets;
    }

    /**
     * Packetizes one frame.
     *
     * @param frame the array holding the frame, in the form the matching {@link Depacketizer}
     *     emits (H.264 Annex B, AV1 low-overhead OBUs, a VP8/VP9 frame, an Opus packet)
     * @param offset index of the frame's first byte
     * @param length frame length
     * @param rtpTimestamp the frame's RTP timestamp; only its low 32 bits are used, so an
     *     unwrapped timestamp may be passed
     * @param sink receives each packet, valid only during its call
     * @return the number of packets written
     * @throws dev.tributary.webrtc.ParseException if the frame is not in its codec's form; no
     *     packet was written then
     * @throws IllegalArgumentException if the frame cannot be packetized within the maximum
     *     packet size (e.g. a NAL unit too large for packetization mode 0), or the header leaves
     *     no room for payload
     */
    public final int packetize(byte[] frame, int offset, int length, long rtpTimestamp, PacketSink sink) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        Objects.requireNonNull(sink, "sink");
        timestamp = rtpTimestamp & 0xFFFF_FFFFL;
        headerLength = header.headerLength();
        if (packet.length - headerLength < 16) {
            throw new IllegalArgumentException("an RTP header of " + headerLength
                    + " bytes leaves no room for payload in " + packet.length + "-byte packets");
        }
        long before = packets;
        write(frame, offset, length, sink);
        return (int) (packets - before);
    }

    /** Writes the packets of one frame by {@link #payloadBuffer()} and {@link #emit}. */
    abstract void write(byte[] frame, int offset, int length, PacketSink sink);

    /** @return the array payload is written into, from {@link #payloadOffset()} */
    final byte[] payloadBuffer() {
        return packet;
    }

    /** @return where the payload starts in {@link #payloadBuffer()} */
    final int payloadOffset() {
        return headerLength;
    }

    /** @return the most payload bytes one packet takes */
    final int payloadCapacity() {
        return packet.length - headerLength;
    }

    /** Writes the header in front of {@code payloadLength} bytes already in place and hands the packet on. */
    final void emit(int payloadLength, boolean marker, PacketSink sink) {
        header.marker(marker).sequenceNumber(sequenceNumber).timestamp(timestamp).padding(0);
        header.writeHeaderTo(packet, 0);
        sequenceNumber = sequenceNumber + 1 & 0xFFFF;
        packets++;
        sink.onPacket(packet, 0, headerLength + payloadLength);
    }
}
