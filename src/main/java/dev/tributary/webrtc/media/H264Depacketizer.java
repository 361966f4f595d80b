package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * H.264 depacketizer (RFC 6184), packetization modes 0 and 1: single NAL unit packets, STAP-A and
 * FU-A. The interleaved mode's FU-B, STAP-B, MTAP16 and MTAP24 are counted as {@link
 * DropReason#UNSUPPORTED} and dropped.
 *
 * <p>Frames are access units in Annex B byte-stream form, every NAL unit behind a 4-byte start
 * code. An access unit with an IDR slice (NAL type 5) is a keyframe; if it lacks the SPS or PPS,
 * the latest ones seen in-band are inserted at its front (after an access unit delimiter), so
 * that each keyframe can be decoded on its own. {@link #sps()}, {@link #pps()} and {@link
 * #spsInfo()} give the current parameter sets for the muxer's avcC record.
 *
 * <p>Only the latest SPS and PPS are kept: a stream that switches between several parameter set
 * IDs gets the latest one of each inserted.
 */
public final class H264Depacketizer extends Depacketizer {

    private static final int STAP_A = 24;
    private static final int FU_A = 28;
    private static final int SPS = 7;
    private static final int PPS = 8;
    private static final int IDR = 5;
    private static final int AUD = 9;

    private byte[] sps;
    private byte[] pps;
    private H264Sps spsInfo;
    private int parameterSetChanges;
    private long invalidSps;

    /** Index in {@code out} of the start code of the FU being reassembled, or -1. */
    private int fuStart = -1;
    private int fuType;
    private boolean fragmentDiscarded;
    private boolean auHasIdr;
    private boolean auHasSps;
    private boolean auHasPps;
    /** End of a leading access unit delimiter in {@code out}, 0 if the access unit has none. */
    private int audEnd;
    private int auNalCount;

    /** Creates a depacketizer that has seen no parameter sets. */
    public H264Depacketizer() {
        super(Codec.H264);
    }

    /** @return the latest SPS NAL unit seen (header byte included, no start code), a copy */
    public Optional<byte[]> sps() {
        return Optional.ofNullable(sps).map(byte[]::clone);
    }

    /** @return the latest PPS NAL unit seen (header byte included, no start code), a copy */
    public Optional<byte[]> pps() {
        return Optional.ofNullable(pps).map(byte[]::clone);
    }

    /** @return the fields of the latest SPS, empty if none was seen or it did not parse */
    public Optional<H264Sps> spsInfo() {
        return Optional.ofNullable(spsInfo);
    }

    /** @return how often the SPS or PPS changed; a muxer rebuilds its extradata when it moves */
    public int parameterSetChanges() {
        return parameterSetChanges;
    }

    /** @return SPS NAL units that did not parse (they are still passed on and kept) */
    public long invalidSps() {
        return invalidSps;
    }

    @Override
    boolean startsFrame(byte[] buf, int offset, int length) {
        int type = buf[offset] & 0x1F;
        if (type == STAP_A) {
            return length > 3 && beginsAccessUnit(buf, offset + 3, length - 3);
        }
        if (type == FU_A) {
            if (length < 3 || (buf[offset + 1] & 0x80) == 0) {
                return false;
            }
            return beginsAccessUnit(buf[offset + 1] & 0x1F, buf, offset + 2, length - 2);
        }
        return beginsAccessUnit(buf, offset, length);
    }

    /** Whether a NAL unit is one that can only come first in an access unit (§7.4.1.2.3). */
    private static boolean beginsAccessUnit(byte[] buf, int offset, int length) {
        return length > 0 && beginsAccessUnit(buf[offset] & 0x1F, buf, offset + 1, length - 1);
    }

    private static boolean beginsAccessUnit(int type, byte[] buf, int bodyOffset, int bodyLength) {
        return switch (type) {
            case AUD, SPS, PPS, 6 -> true;
            // first_mb_in_slice is ue(v) and 0 is the single bit 1
            case 1, IDR -> bodyLength > 0 && (buf[bodyOffset] & 0x80) != 0;
            default -> false;
        };
    }

    @Override
    boolean depacketize(byte[] buf, int offset, int length) {
        int header = buf[offset] & 0xFF;
        if ((header & 0x80) != 0) {
            drop(DropReason.MALFORMED);
            return false;
        }
        int type = header & 0x1F;
        if (type >= 1 && type <= 23) {
            abandonFragment();
            appendNal(buf, offset, length);
            return true;
        }
        return switch (type) {
            case STAP_A -> stapA(buf, offset, length);
            case FU_A -> fuA(buf, offset, length);
            case 25, 26, 27, 29 -> {
                drop(DropReason.UNSUPPORTED);
                yield false;
            }
            default -> {
                drop(DropReason.MALFORMED);
                yield false;
            }
        };
    }

    private boolean stapA(byte[] buf, int offset, int length) {
        int end = offset + length;
        int pos = offset + 1;
        if (pos == end) {
            drop(DropReason.MALFORMED);
            return false;
        }
        while (pos < end) {
            int size = pos + 2 <= end ? (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF : 0;
            if (size == 0 || size > end - pos - 2 || (buf[pos + 2] & 0x80) != 0) {
                drop(DropReason.MALFORMED);
                return false;
            }
            pos += 2 + size;
        }
        abandonFragment();
        for (pos = offset + 1; pos < end; ) {
            int size = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
            appendNal(buf, pos + 2, size);
            pos += 2 + size;
        }
        return true;
    }

    private boolean fuA(byte[] buf, int offset, int length) {
        if (length < 3) {
            drop(DropReason.MALFORMED);
            return false;
        }
        int fuHeader = buf[offset + 1] & 0xFF;
        boolean start = (fuHeader & 0x80) != 0;
        boolean end = (fuHeader & 0x40) != 0;
        int type = fuHeader & 0x1F;
        if (start && end || type == 0 || type > 23) {
            drop(DropReason.MALFORMED);
            return false;
        }
        if (start) {
            abandonFragment();
            fuStart = outLength;
            fuType = type;
            writeStartCode();
            out[outLength++] = (byte) (buf[offset] & 0xE0 | type);
        } else if (fuStart < 0) {
            drop(DropReason.ORPHAN_FRAGMENT);
            return false;
        } else if (type != fuType) {
            abandonFragment();
            drop(DropReason.MALFORMED);
            return false;
        }
        append(buf, offset + 2, length - 2);
        if (end) {
            int nalStart = fuStart + 4;
            fuStart = -1;
            nalAppended(nalStart, outLength - nalStart);
        }
        return true;
    }

    private void appendNal(byte[] buf, int offset, int length) {
        writeStartCode();
        int nalStart = outLength;
        append(buf, offset, length);
        nalAppended(nalStart, length);
    }

    private void writeStartCode() {
        out[outLength] = 0;
        out[outLength + 1] = 0;
        out[outLength + 2] = 0;
        out[outLength + 3] = 1;
        outLength += 4;
    }

    /** Bookkeeping for a whole NAL unit now at {@code out[start, start + length)}. */
    private void nalAppended(int start, int length) {
        int type = out[start] & 0x1F;
        if (auNalCount++ == 0 && type == AUD) {
            audEnd = start + length;
        }
        switch (type) {
            case IDR -> auHasIdr = true;
            case SPS -> {
                auHasSps = true;
                if (!sameBytes(sps, start, length)) {
                    sps = Arrays.copyOfRange(out, start, start + length);
                    parameterSetChanges++;
                    try {
                        spsInfo = H264Sps.parse(sps, 0, sps.length);
                    } catch (ParseException e) {
                        spsInfo = null;
                        invalidSps++;
                    }
                }
            }
            case PPS -> {
                auHasPps = true;
                if (!sameBytes(pps, start, length)) {
                    pps = Arrays.copyOfRange(out, start, start + length);
                    parameterSetChanges++;
                }
            }
            default -> { }
        }
    }

    private boolean sameBytes(byte[] kept, int start, int length) {
        return kept != null && Arrays.equals(kept, 0, kept.length, out, start, start + length);
    }

    /** Drops the FU being reassembled, if any: its end will never come. */
    private void abandonFragment() {
        if (fuStart >= 0) {
            outLength = fuStart;
            fuStart = -1;
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
        frameKeyframe = auHasIdr;
        if (auHasIdr && outLength > 0) {
            // A PPS must follow the SPS it refers to, so a missing PPS brings the SPS along.
            boolean addPps = pps != null && !auHasPps;
            boolean addSps = sps != null && (!auHasSps || addPps);
            insertParameterSets(addSps ? sps : null, addPps ? pps : null);
        }
        fragmentDiscarded = false;
        auHasIdr = false;
        auHasSps = false;
        auHasPps = false;
        audEnd = 0;
        auNalCount = 0;
        return intact;
    }

    private void insertParameterSets(byte[] first, byte[] second) {
        int extra = (first == null ? 0 : 4 + first.length) + (second == null ? 0 : 4 + second.length);
        if (extra == 0) {
            return;
        }
        ensureCapacity(outLength + extra);
        System.arraycopy(out, audEnd, out, audEnd + extra, outLength - audEnd);
        int end = outLength + extra;
        outLength = audEnd;
        if (first != null) {
            writeStartCode();
            append(first, 0, first.length);
        }
        if (second != null) {
            writeStartCode();
            append(second, 0, second.length);
        }
        outLength = end;
    }
}
