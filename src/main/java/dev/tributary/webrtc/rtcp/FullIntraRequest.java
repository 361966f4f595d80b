package dev.tributary.webrtc.rtcp;

import java.util.Arrays;
import java.util.List;

/**
 * A full intra request, FIR (RFC 5104 §4.3.1, PSFB FMT 4): asks each listed media sender for a
 * decoder refresh point (a keyframe). The target SSRCs are in the FCI entries; the header's media
 * source SSRC is unused and set to 0.
 *
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the header's media source SSRC, 0 by the RFC (kept as received)
 * @param entries the requests, at least one
 */
public record FullIntraRequest(long senderSsrc, long mediaSsrc, List<Entry> entries)
        implements FeedbackMessage {

    /**
     * @throws IllegalArgumentException if an SSRC does not fit 32 bits, there is no entry or too
     *     many for one packet
     * @throws NullPointerException if the list or an entry is null
     */
    public FullIntraRequest {
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a FIR needs at least one entry (RFC 5104 §4.3.1.2)");
        }
        Wire.checkPacketLength(Wire.HEADER_LENGTH + 8 + Entry.LENGTH * entries.size());
    }

    /**
     * A FIR asking one media sender for a keyframe, media source SSRC 0.
     *
     * @param sequenceNumber the command sequence number, incremented for each new request to the
     *     same sender (RFC 5104 §4.3.1.1)
     * @throws IllegalArgumentException if an SSRC or the sequence number does not fit its field
     */
    public static FullIntraRequest of(long senderSsrc, long targetSsrc, int sequenceNumber) {
        return new FullIntraRequest(senderSsrc, 0, List.of(new Entry(targetSsrc, sequenceNumber)));
    }

    @Override
    public int fmt() {
        return FMT_FIR;
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int encodedLength() {
        return Wire.HEADER_LENGTH + 8 + Entry.LENGTH * entries.size();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeFeedbackHeader(buf, off, this, length);
        for (Entry entry : entries) {
            Wire.put32(buf, pos, entry.ssrc());
            // Command sequence number, then 24 reserved bits that must be 0.
            Wire.put32(buf, pos + 4, (long) entry.sequenceNumber() << 24);
            pos += Entry.LENGTH;
        }
        return length;
    }

    /** Parses the FCI of a FIR; the reserved bits are ignored as RFC 5104 §4.3.1.1 asks. */
    static FullIntraRequest decode(WireReader r, long senderSsrc, long mediaSsrc) {
        if (r.remaining() == 0 || r.remaining() % Entry.LENGTH != 0) {
            throw r.error("FIR FCI of " + r.remaining() + " bytes is not one or more 8-byte entries");
        }
        Entry[] entries = new Entry[r.remaining() / Entry.LENGTH];
        for (int i = 0; i < entries.length; i++) {
            long ssrc = r.u32();
            int sequenceNumber = r.u8();
            r.skip(3);
            entries[i] = new Entry(ssrc, sequenceNumber);
        }
        return new FullIntraRequest(senderSsrc, mediaSsrc, Arrays.asList(entries));
    }

    /**
     * One FIR FCI entry.
     *
     * @param ssrc the media sender asked for a keyframe
     * @param sequenceNumber the command sequence number, {@code 0..255}
     */
    public record Entry(long ssrc, int sequenceNumber) {

        static final int LENGTH = 8;

        /**
         * @throws IllegalArgumentException if a field does not fit its wire size
         */
        public Entry {
            Wire.checkU32(ssrc, "ssrc");
            Wire.checkRange(sequenceNumber, 0, 255, "sequenceNumber");
        }
    }
}
