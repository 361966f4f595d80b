package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;

/**
 * VP8 packetizer (RFC 7741): a 4-byte payload descriptor (X=1, I=1 with a 15-bit PictureID that
 * counts frames) on every packet, S=1 and PID=0 on the first; payload split into nearly equal
 * parts; marker bit on the last packet of the frame.
 */
public final class Vp8Packetizer extends Packetizer {

    private static final int DESCRIPTOR = 4;

    private int pictureId;

    /**
     * @param payloadType the RTP payload type
     * @param ssrc the SSRC, 0 to 2<sup>32</sup>-1
     * @param firstSequenceNumber the sequence number of the first packet
     * @param firstPictureId the PictureID of the first frame, 0 to 32767
     * @param maxPacketSize the largest RTP packet written, header included
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Vp8Packetizer(int payloadType, long ssrc, int firstSequenceNumber, int firstPictureId,
            int maxPacketSize) {
        super(payloadType, ssrc, firstSequenceNumber, maxPacketSize);
        if (firstPictureId < 0 || firstPictureId > 0x7FFF) {
            throw new IllegalArgumentException("PictureID " + firstPictureId + " outside 0..32767");
        }
        this.pictureId = firstPictureId;
    }

    @Override
    void write(byte[] frame, int offset, int length, PacketSink sink) {
        if (length < 3) {
            throw new ParseException("VP8 frame of " + length + " bytes is shorter than its frame tag", 0);
        }
        int perPacket = payloadCapacity() - DESCRIPTOR;
        int packets = (length + perPacket - 1) / perPacket;
        byte[] packet = payloadBuffer();
        int at = payloadOffset();
        int pos = offset;
        for (int i = 0; i < packets; i++) {
            int size = length / packets + (i < length % packets ? 1 : 0);
            packet[at] = (byte) (i == 0 ? 0x90 : 0x80);
            packet[at + 1] = (byte) 0x80;
            packet[at + 2] = (byte) (0x80 | pictureId >>> 8);
            packet[at + 3] = (byte) pictureId;
            System.arraycopy(frame, pos, packet, at + DESCRIPTOR, size);
            pos += size;
            emit(DESCRIPTOR + size, i == packets - 1, sink);
        }
        pictureId = pictureId + 1 & 0x7FFF;
    }
}
