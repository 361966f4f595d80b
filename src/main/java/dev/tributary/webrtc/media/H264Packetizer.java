package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;

/**
 * H.264 packetizer (RFC 6184). Takes an access unit in Annex B form (3- or 4-byte start codes)
 * and sends each NAL unit as a single NAL unit packet when it fits, as FU-A fragments otherwise;
 * consecutive SPS and PPS go together in one STAP-A. In packetization mode 0 only single NAL
 * unit packets are allowed, so every NAL unit must fit. The marker bit is set on the last packet
 * of the access unit.
 */
public final class H264Packetizer extends Packetizer {

    private static final int SPS = 7;
    private static final int PPS = 8;

    private final int mode;
    private int[] nalOffsets = new int[16];
    private int[] nalLengths = new int[16];
    private int nalCount;

    /**
     * @param packetizationMode 0 (single NAL unit only) or 1 (non-interleaved)
     * @param payloadType the RTP payload type
     * @param ssrc the SSRC, 0 to 2<sup>32</sup>-1
     * @param firstSequenceNumber the sequence number of the first packet
     * @param maxPacketSize the largest RTP packet written, header included
     * @throws IllegalArgumentException if an argument is out of range
     */
    public H264Packetizer(int packetizationMode, int payloadType, long ssrc, int firstSequenceNumber,
            int maxPacketSize) {
        super(payloadType, ssrc, firstSequenceNumber, maxPacketSize);
        if (packetizationMode != 0 && packetizationMode != 1) {
            throw new IllegalArgumentException("packetization-mode " + packetizationMode
                    + " is not 0 or 1 (the interleaved mode 2 is not supported)");
        }
        this.mode = packetizationMode;
    }

    @Override
    void write(byte[] frame, int offset, int length, PacketSink sink) {
        findNalUnits(frame, offset, length);
        int capacity = payloadCapacity();
        if (mode == 0) {
            for (int i = 0; i < nalCount; i++) {
                if (nalLengths[i] > capacity) {
                    throw new IllegalArgumentException("NAL unit of " + nalLengths[i] + " bytes does not fit a "
                            + capacity + "-byte payload, and packetization-mode 0 cannot fragment it");
                }
            }
        }
        for (int i = 0; i < nalCount; ) {
            int aggregated = mode == 1 ? parameterSetRun(frame, i, capacity) : 1;
            boolean last = i + aggregated == nalCount;
            if (aggregated > 1) {
                writeStapA(frame, i, aggregated, last, sink);
            } else if (nalLengths[i] <= capacity) {
                System.arraycopy(frame, nalOffsets[i], payloadBuffer(), payloadOffset(), nalLengths[i]);
                emit(nalLengths[i], last, sink);
            } else {
                writeFuA(frame, nalOffsets[i], nalLengths[i], last, sink);
            }
            i += aggregated;
        }
    }

    /** How many SPS/PPS NAL units from {@code first} on fit one STAP-A (1 if no aggregation). */
    private int parameterSetRun(byte[] frame, int first, int capacity) {
        int size = 1;
        int count = 0;
        for (int i = first; i < nalCount; i++) {
            int type = frame[nalOffsets[i]] & 0x1F;
            if (type != SPS && type != PPS || size + 2 + nalLengths[i] > capacity) {
                break;
            }
            size += 2 + nalLengths[i];
            count++;
        }
        return Math.max(1, count);
    }

    private void writeStapA(byte[] frame, int first, int count, boolean marker, PacketSink sink) {
        byte[] packet = payloadBuffer();
        int pos = payloadOffset();
        int nri = 0;
        for (int i = first; i < first + count; i++) {
            nri = Math.max(nri, frame[nalOffsets[i]] & 0x60);
        }
        packet[pos++] = (byte) (nri | 24);
        for (int i = first; i < first + count; i++) {
            packet[pos++] = (byte) (nalLengths[i] >>> 8);
            packet[pos++] = (byte) nalLengths[i];
            System.arraycopy(frame, nalOffsets[i], packet, pos, nalLengths[i]);
            pos += nalLengths[i];
        }
        emit(pos - payloadOffset(), marker, sink);
    }

    /** FU-A fragments of nearly equal size, so that no tiny last packet is sent. */
    private void writeFuA(byte[] frame, int offset, int length, boolean lastNal, PacketSink sink) {
        int header = frame[offset] & 0xFF;
        int body = length - 1;
        int perPacket = payloadCapacity() - 2;
        int fragments = (body + perPacket - 1) / perPacket;
        byte[] packet = payloadBuffer();
        int pos = offset + 1;
        for (int i = 0; i < fragments; i++) {
            int size = body / fragments + (i < body % fragments ? 1 : 0);
            boolean last = i == fragments - 1;
            packet[payloadOffset()] = (byte) (header & 0xE0 | 28);
            packet[payloadOffset() + 1] = (byte) ((i == 0 ? 0x80 : 0) | (last ? 0x40 : 0) | header & 0x1F);
            System.arraycopy(frame, pos, packet, payloadOffset() + 2, size);
            pos += size;
            emit(2 + size, last && lastNal, sink);
        }
    }

    /** Splits an Annex B access unit into NAL units; trailing zero bytes belong to no NAL unit. */
    private void findNalUnits(byte[] frame, int offset, int length) {
        nalCount = 0;
        int end = offset + length;
        int start = AnnexB.nextStartCode(frame, offset, end);
        if (start != offset && !AnnexB.allZero(frame, offset, start)) {
            throw new ParseException("access unit does not begin with a start code", 0);
        }
        while (start < end) {
            int nal = start + AnnexB.startCodeLength(frame, start);
            int next = AnnexB.nextStartCode(frame, nal, end);
            int nalEnd = next;
            while (nalEnd > nal && frame[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > nal) {
                if ((frame[nal] & 0x80) != 0) {
                    throw new ParseException("NAL unit with forbidden_zero_bit set", nal - offset);
                }
                addNal(nal, nalEnd - nal);
            }
            start = next;
        }
        if (nalCount == 0) {
            throw new ParseException("access unit without NAL units", 0);
        }
    }

    private void addNal(int offset, int length) {
        if (nalCount == nalOffsets.length) {
            nalOffsets = Arrays.copyOf(nalOffsets, 2 * nalCount);
            nalLengths = Arrays.copyOf(nalLengths, 2 * nalCount);
        }
        nalOffsets[nalCount] = offset;
        nalLengths[nalCount] = length;
        nalCount++;
    }
}
