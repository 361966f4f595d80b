package dev.tributary.webrtc.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * AV1 depacketizer (AOM "RTP Payload Format for AV1", §4.4): the aggregation header's Z, Y, W
 * and N bits, OBU elements with and without length fields, OBUs fragmented across packets.
 *
 * <p>Frames are temporal units in the low-overhead bitstream format AV1-in-Matroska and
 * AV1-in-ISOBMFF want: every OBU with {@code obu_has_size_field} set; temporal delimiters and
 * tile list OBUs dropped. A temporal unit is a keyframe if its first packet has N=1, or if it
 * holds a sequence header and a key frame. {@link #sequenceHeader()} gives the latest sequence
 * header OBU for the muxer's av1C record.
 */
public final class Av1Depacketizer extends Depacketizer {

    private int[] elementOffsets = new int[16];
    private int[] elementLengths = new int[16];

    /** An OBU being reassembled from fragments: {@code fragment[0, fragmentLength)}. */
    private byte[] fragment = new byte[2048];
    private int fragmentLength;
    private boolean fragmentOpen;
    private boolean fragmentDiscarded;

    private int packetsInTemporalUnit;
    private boolean newCodedVideoSequence;
    private boolean tuHasSequenceHeader;
    private boolean tuHasKeyFrameHeader;
    private boolean tuFrameHeaderSeen;

    private byte[] sequenceHeader;
    private boolean reducedStillPicture;
    private int sequenceHeaderChanges;

    /** Creates a depacketizer that has seen no sequence header. */
    public Av1Depacketizer() {
        super(Codec.AV1);
    }

    /**
     * @return the latest sequence header OBU as it appears in the output (header, leb128 size,
     *     payload), a copy; empty before the first one
     */
    public Optional<byte[]> sequenceHeader() {
        return Optional.ofNullable(sequenceHeader).map(byte[]::clone);
    }

    /** @return how often the sequence header changed */
    public int sequenceHeaderChanges() {
        return sequenceHeaderChanges;
    }

    @Override
    boolean startsFrame(byte[] buf, int offset, int length) {
        return (buf[offset] & 0x80) == 0;
    }

    @Override
    boolean depacketize(byte[] buf, int offset, int length) {
        int aggregation = buf[offset] & 0xFF;
        boolean continuation = (aggregation & 0x80) != 0;
        boolean continues = (aggregation & 0x40) != 0;
        int w = aggregation >>> 4 & 3;
        int count = findElements(buf, offset + 1, offset + length, w);
        if (count <= 0) {
            drop(DropReason.MALFORMED);
            return false;
        }
        if (packetsInTemporalUnit++ == 0 && (aggregation & 0x08) != 0) {
            newCodedVideoSequence = true;
        }
        for (int i = 0; i < count; i++) {
            int pos = elementOffsets[i];
            int len = elementLengths[i];
            boolean last = i == count - 1;
            if (i == 0 && continuation) {
                if (!fragmentOpen) {
                    drop(DropReason.ORPHAN_FRAGMENT);
                    fragmentDiscarded = true;
                    continue;
                }
                appendFragment(buf, pos, len);
                if (!(last && continues)) {
                    fragmentOpen = false;
                    writeObu(fragment, 0, fragmentLength);
                }
                continue;
            }
            if (i == 0) {
                abandonFragment();
            }
            if (last && continues) {
                fragmentOpen = true;
                fragmentLength = 0;
                appendFragment(buf, pos, len);
            } else {
                writeObu(buf, pos, len);
            }
        }
        return true;
    }

    /** Finds the OBU elements; @return their number, or -1 if the packet is malformed. */
    private int findElements(byte[] buf, int pos, int end, int w) {
        int count = 0;
        while (pos < end) {
            int len;
            if (w != 0 && count == w - 1) {
                len = end - pos;
            } else {
                long leb = Av1Obu.readLeb128(buf, pos, end);
                if (leb < 0) {
                    return -1;
                }
                pos += (int) (leb & 0xFF);
                long value = leb >>> 8;
                if (value > end - pos) {
                    return -1;
                }
                len = (int) value;
            }
            if (len == 0) {
                return -1;
            }
            if (count == elementOffsets.length) {
                elementOffsets = Arrays.copyOf(elementOffsets, 2 * count);
                elementLengths = Arrays.copyOf(elementLengths, 2 * count);
            }
            elementOffsets[count] = pos;
            elementLengths[count] = len;
            count++;
            pos += len;
            if (w != 0 && count == w) {
                break;
            }
        }
        return w != 0 && (count != w || pos != end) ? -1 : count;
    }

    private void appendFragment(byte[] buf, int pos, int len) {
        if (fragmentLength + len > fragment.length) {
            fragment = Arrays.copyOf(fragment, Math.max(2 * fragment.length, fragmentLength + len));
        }
        System.arraycopy(buf, pos, fragment, fragmentLength, len);
        fragmentLength += len;
    }

    /** Writes one whole OBU in low-overhead form, or counts it malformed. */
    private void writeObu(byte[] buf, int pos, int len) {
        int header = buf[pos] & 0xFF;
        int headerLength = Av1Obu.headerLength(header);
        if ((header & 0x80) != 0 || len < headerLength) {
            drop(DropReason.MALFORMED);
            fragmentDiscarded = true;
            return;
        }
        int payload = pos + headerLength;
        int payloadLength = len - headerLength;
        if ((header & Av1Obu.HAS_SIZE_FIELD) != 0) {
            long leb = Av1Obu.readLeb128(buf, payload, pos + len);
            if (leb < 0 || (leb >>> 8) > pos + len - payload - (leb & 0xFF)) {
                drop(DropReason.MALFORMED);
                fragmentDiscarded = true;
                return;
            }
            payload += (int) (leb & 0xFF);
            payloadLength = (int) (leb >>> 8);
        }
        int type = Av1Obu.type(header);
        if (type == Av1Obu.TEMPORAL_DELIMITER || type == Av1Obu.TILE_LIST) {
            return;
        }
        if (outLength > MAX_FRAME_BYTES - payloadLength - 16) {
            drop(DropReason.OVERSIZED);
            fragmentDiscarded = true;
            return;
        }
        ensureCapacity(outLength + payloadLength + 16);
        int start = outLength;
        out[outLength++] = (byte) (header | Av1Obu.HAS_SIZE_FIELD);
        if (headerLength == 2) {
            out[outLength++] = buf[pos + 1];
        }
        outLength = Av1Obu.writeLeb128(out, outLength, payloadLength);
        append(buf, payload, payloadLength);
        if (type == Av1Obu.SEQUENCE_HEADER) {
            tuHasSequenceHeader = true;
            reducedStillPicture = Av1Obu.reducedStillPicture(buf, payload, payloadLength);
            if (sequenceHeader == null
                    || !Arrays.equals(sequenceHeader, 0, sequenceHeader.length, out, start, outLength)) {
                sequenceHeader = Arrays.copyOfRange(out, start, outLength);
                sequenceHeaderChanges++;
            }
        } else if ((type == Av1Obu.FRAME_HEADER || type == Av1Obu.FRAME) && !tuFrameHeaderSeen) {
            tuFrameHeaderSeen = true;
            tuHasKeyFrameHeader = Av1Obu.isKeyFrameHeader(buf, payload, payloadLength, reducedStillPicture);
        }
    }

    private void abandonFragment() {
        if (fragmentOpen) {
            fragmentOpen = false;
            fragmentDiscarded = true;
            drop(DropReason.INCOMPLETE_FRAGMENT);
        }
    }

    @Override
    void lossInFrame() {
        abandonFragment();
    }

    @Override
    boolean endFrame() {
        abandonFragment();
        boolean intact = !fragmentDiscarded;
        frameKeyframe = newCodedVideoSequence || tuHasSequenceHeader && tuHasKeyFrameHeader;
        fragmentDiscarded = false;
        packetsInTemporalUnit = 0;
        newCodedVideoSequence = false;
        tuHasSequenceHeader = false;
        tuHasKeyFrameHeader = false;
        tuFrameHeaderSeen = false;
        return intact;
    }
}
