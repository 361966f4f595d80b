package dev.tributary.webrtc.rtcp;

/**
 * A reception report block of an SR or RR (RFC 3550 §6.4.1): what the reporter received from one
 * source.
 *
 * @param ssrc the source this block reports on
 * @param fractionLost packets lost since the previous report as a fixed-point fraction of 256,
 *     {@code 0..255}
 * @param cumulativeLost packets lost since the start, a 24-bit signed value (duplicates can make
 *     it negative), {@code -2^23..2^23-1}; see {@link #clampCumulativeLost}
 * @param extendedHighestSequence the highest sequence number received, extended with the count of
 *     sequence number cycles in the upper 16 bits
 * @param jitter the interarrival jitter estimate in RTP timestamp units
 * @param lastSenderReport LSR: the middle 32 bits of the NTP timestamp of the last SR received
 *     from the source ({@link NtpTime#middle32}), 0 if none
 * @param delaySinceLastSenderReport DLSR: the delay between receiving that SR and sending this
 *     block, in units of 1/65536 s ({@link NtpTime#toDlsr}), 0 if no SR was received
 */
public record ReportBlock(
        long ssrc,
        int fractionLost,
        int cumulativeLost,
        long extendedHighestSequence,
        long jitter,
        long lastSenderReport,
        long delaySinceLastSenderReport) {

    /** Bytes per block on the wire. */
    static final int LENGTH = 24;

    /** The smallest value of the 24-bit signed cumulative-lost field. */
    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);

    /** The largest value of the 24-bit signed cumulative-lost field. */
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    /**
     * @throws IllegalArgumentException if a field does not fit its wire size
     */
    public ReportBlock {
        Wire.checkU32(ssrc, "ssrc");
        Wire.checkRange(fractionLost, 0, 255, "fractionLost");
        Wire.checkRange(cumulativeLost, MIN_CUMULATIVE_LOST, MAX_CUMULATIVE_LOST, "cumulativeLost");
        Wire.checkU32(extendedHighestSequence, "extendedHighestSequence");
        Wire.checkU32(jitter, "jitter");
        Wire.checkU32(lastSenderReport, "lastSenderReport");
        Wire.checkU32(delaySinceLastSenderReport, "delaySinceLastSenderReport");
    }

    /**
     * Clamps a cumulative loss count to the 24-bit signed field, as RFC 3550 §6.4.1 leaves a
     * receiver no other choice once the count outgrows it.
     */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }

    static ReportBlock read(WireReader r) {
        long ssrc = r.u32();
        int fractionLost = r.u8();
        int cumulativeLost = r.s24();
        return new ReportBlock(ssrc, fractionLost, cumulativeLost, r.u32(), r.u32(), r.u32(), r.u32());
    }

    int write(byte[] buf, int off) {
        Wire.put32(buf, off, ssrc);
        buf[off + 4] = (byte) fractionLost;
        Wire.put24(buf, off + 5, cumulativeLost);
        Wire.put32(buf, off + 8, extendedHighestSequence);
        Wire.put32(buf, off + 12, jitter);
        Wire.put32(buf, off + 16, lastSenderReport);
        Wire.put32(buf, off + 20, delaySinceLastSenderReport);
        return off + LENGTH;
    }
}
