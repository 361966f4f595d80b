package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;

/**
 * AV1 packetizer (AOM "RTP Payload Format for AV1"). Takes a temporal unit in low-overhead form
 * (OBUs with size fields; the last may lack one), drops temporal delimiters and tile list OBUs,
 * and sends the others as OBU elements without size fields, each behind a leb128 length (W=0),
 * fragmenting OBUs across packets with the Z and Y bits. N=1 marks the first packet of a temporal
 * unit that holds a sequence header and a key frame. The marker bit is set on the last packet.
 */
public final class Av1Packetizer extends Packetizer {

    private int[] obuOffsets = new int[16];
    private int[] obuPayloads = new int[16];
    private int[] obuPayloadLengths = new int[16];
    private int obuCount;

    /**
     * @param payloadType the RTP payload type
     * @param ssrc the SSRC, 0 to 2<sup>32</sup>-1
     * @param firstSequenceNumber the sequence number of the first packet
     * @param maxPacketSize the largest RTP packet written, header included
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Av1Packetizer(int payloadType, long ssrc, int firstSequenceNumber, int maxPacketSize) {
        super(payloadType, ssrc, firstSequenceNumber, maxPacketSize);
    }

    @Override
    void write(byte[] frame, int offset, int length, PacketSink sink) {
        boolean newSequence = findObus(frame, offset, offset + length);
        byte[] packet = payloadBuffer();
        int start = payloadOffset();
        int end = start + payloadCapacity();
        int pos = start + 1;
        boolean z = false;
        boolean firstPacket = true;
        for (int i = 0; i < obuCount; i++) {
            int header = frame[obuOffsets[i]] & 0xFF;
            int headerLength = Av1Obu.headerLength(header);
            int elementLength = headerLength + obuPayloadLengths[i];
            int done = 0;
            while (done < elementLength) {
                int room = end - pos;
                int chunk = Math.min(elementLength - done, room - Av1Obu.leb128Size(room));
                if (chunk <= 0) {
                    flush(packet, start, pos, z, false, newSequence && firstPacket, false, sink);
                    firstPacket = false;
                    z = false;
                    pos = start + 1;
                    continue;
                }
                pos = Av1Obu.writeLeb128(packet, pos, chunk);
                int k = done;
                for (; k < headerLength && k < done + chunk; k++) {
                    packet[pos++] = k == 0 ? (byte) (header & ~Av1Obu.HAS_SIZE_FIELD) : frame[obuOffsets[i] + 1];
                }
                int fromPayload = done + chunk - k;
                System.arraycopy(frame, obuPayloads[i] + k - headerLength, packet, pos, fromPayload);
                pos += fromPayload;
                done += chunk;
                if (done < elementLength) {
                    flush(packet, start, pos, z, true, newSequence && firstPacket, false, sink);
                    firstPacket = false;
                    z = true;
                    pos = start + 1;
                }
            }
        }
        flush(packet, start, pos, z, false, newSequence && firstPacket, true, sink);
    }

    private void flush(byte[] packet, int start, int pos, boolean z, boolean y, boolean n, boolean marker,
            PacketSink sink) {
        packet[start] = (byte) ((z ? 0x80 : 0) | (y ? 0x40 : 0) | (n ? 0x08 : 0));
        emit(pos - start, marker, sink);
    }

    /** Finds the OBUs to send; @return whether the temporal unit starts a coded video sequence. */
    private boolean findObus(byte[] frame, int pos, int end) {
        obuCount = 0;
        boolean sequenceHeader = false;
        boolean keyFrame = false;
        boolean frameHeaderSeen = false;
        boolean reducedStill = false;
        while (pos < end) {
            int header = frame[pos] & 0xFF;
            int headerLength = Av1Obu.headerLength(header);
            if ((header & 0x80) != 0 || pos + headerLength > end) {
                throw new ParseException("malformed OBU header", pos);
            }
            int payload = pos + headerLength;
            int payloadLength = end - payload;
            if ((header & Av1Obu.HAS_SIZE_FIELD) != 0) {
                long leb = Av1Obu.readLeb128(frame, payload, end);
                if (leb < 0 || (leb >>> 8) > end - payload - (leb & 0xFF)) {
                    throw new ParseException("OBU size field runs past the temporal unit", payload);
                }
                payload += (int) (leb & 0xFF);
                payloadLength = (int) (leb >>> 8);
            }
            int type = Av1Obu.type(header);
            if (type == Av1Obu.SEQUENCE_HEADER) {
                sequenceHeader = true;
                reducedStill = Av1Obu.reducedStillPicture(frame, payload, payloadLength);
            } else if ((type == Av1Obu.FRAME || type == Av1Obu.FRAME_HEADER) && !frameHeaderSeen) {
                frameHeaderSeen = true;
                keyFrame = Av1Obu.isKeyFrameHeader(frame, payload, payloadLength, reducedStill);
            }
            if (type != Av1Obu.TEMPORAL_DELIMITER && type != Av1Obu.TILE_LIST) {
                addObu(pos, payload, payloadLength);
            }
            pos = payload + payloadLength;
        }
        if (obuCount == 0) {
            throw new ParseException("temporal unit without OBUs to send", 0);
        }
        return sequenceHeader && keyFrame;
    }

    private void addObu(int offset, int payload, int payloadLength) {
        if (obuCount == obuOffsets.length) {
            obuOffsets = Arrays.copyOf(obuOffsets, 2 * obuCount);
            obuPayloads = Arrays.copyOf(obuPayloads, 2 * obuCount);
            obuPayloadLengths = Arrays.copyOf(obuPayloadLengths, 2 * obuCount);
        }
        obuOffsets[obuCount] = offset;
        obuPayloads[obuCount] = payload;
        obuPayloadLengths[obuCount] = payloadLength;
        obuCount++;
    }
}
