package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;

/**
 * VP9 packetizer (RFC 9628) for one spatial layer in non-flexible mode: each packet carries
 * I=1 with a 15-bit PictureID that counts frames, P=0 on key frames and 1 otherwise, B on the
 * first packet and E on the last; a key frame's first packet adds a scalability structure (V=1)
 * with its resolution. The marker bit is set on the last packet of the frame.
 */
public final class Vp9Packetizer extends Packetizer {

    private static final int DESCRIPTOR = 3;
    private static final int SCALABILITY_STRUCTURE = 5;

    private int pictureId;

    /**
     * @param payloadType the RTP payload type
     * @param ssrc the SSRC, 0 to 2<sup>32</sup>-1
     * @param firstSequenceNumber the sequence number of the first packet
     * @param firstPictureId the PictureID of the first frame, 0 to 32767
     * @param maxPacketSize the largest RTP packet written, header included
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Vp9Packetizer(int payloadType, long ssrc, int firstSequenceNumber, int firstPictureId,
            int maxPacketSize) {
        super(payloadType, ssrc, firstSequenceNumber, maxPacketSize);
        if (firstPictureId < 0 || firstPictureId > 0x7FFF) {
            throw new IllegalArgumentException("PictureID " + firstPictureId + " outside 0..32767");
        }
        this.pictureId = firstPictureId;
    }

    @Override
    void write(byte[] frame, int offset, int length, PacketSink sink) {
        long keyFrameSize = Vp9Header.keyFrameSize(frame, offset, length);
        if (keyFrameSize == Vp9Header.INVALID) {
            throw new ParseException("not a VP9 frame: invalid uncompressed header", 0);
        }
        boolean key = keyFrameSize >= 0;
        // the scalability structure counts as data of the first packet when sharing out sizes
        int extra = key ? SCALABILITY_STRUCTURE : 0;
        int total = length + extra;
        int perPacket = payloadCapacity() - DESCRIPTOR;
        int packets = (total + perPacket - 1) / perPacket;
        byte[] packet = payloadBuffer();
        int pos = offset;
        for (int i = 0; i < packets; i++) {
            boolean first = i == 0;
            boolean last = i == packets - 1;
            int at = payloadOffset();
            packet[at++] = (byte) (0x80 | (key ? 0 : 0x40) | (first ? 0x08 : 0) | (last ? 0x04 : 0)
                    | (first && key ? 0x02 : 0));
            packet[at++] = (byte) (0x80 | pictureId >>> 8);
            packet[at++] = (byte) pictureId;
            if (first && key) {
                int width = (int) (keyFrameSize >>> 32);
                int height = (int) keyFrameSize;
                packet[at++] = 0x10; // N_S=0 (one layer), Y=1, G=0
                packet[at++] = (byte) (width >>> 8);
                packet[at++] = (byte) width;
                packet[at++] = (byte) (height >>> 8);
                packet[at++] = (byte) height;
            }
            int size = total / packets + (i < total % packets ? 1 : 0) - (first ? extra : 0);
            System.arraycopy(frame, pos, packet, at, size);
            pos += size;
            emit(at - payloadOffset() + size, last, sink);
        }
        pictureId = pictureId + 1 & 0x7FFF;
    }
}
