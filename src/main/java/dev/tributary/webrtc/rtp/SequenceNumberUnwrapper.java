package dev.tributary.webrtc.rtp;

/**
 * Extends 16-bit sequence numbers of one stream to 64-bit extended ones that keep counting across
 * the wrap from 65535 to 0, in the manner of RFC 3550 Appendix A.1: the extended number is
 * {@code cycles × 65536 + sequence number}.
 *
 * <p>Each sequence number is placed in the cycle that puts it closest to the highest extended
 * number seen so far (at most 32767 ahead or 32768 behind), so packets reordered around the wrap
 * land in the right cycle: after 65535 and 0 (extended 65536), a late 65534 is still 65534, not
 * 131070. The first sequence number is taken as is (cycle 0), so a packet older than the first one
 * across a wrap yields a negative extended number. Jumps of half the number space or more (a
 * restarted sender) cannot be told from reordering here; RFC 3550's probation logic for that
 * belongs to the receiver statistics. Not thread-safe.
 */
public final class SequenceNumberUnwrapper {

    private long highest = -1;

    /** Creates an unwrapper that has seen no packet. */
    public SequenceNumberUnwrapper() {}

    /**
     * @param sequenceNumber the packet's sequence number, 0 to 65535
     * @return its extended sequence number
     * @throws IllegalArgumentException if the sequence number is out of range
     */
    public long unwrap(int sequenceNumber) {
        RtpFormat.checkRange("sequence number", sequenceNumber, 0xFFFF);
        if (highest < 0) {
            highest = sequenceNumber;
            return highest;
        }
        long extended = highest + SequenceNumbers.distance((int) highest, sequenceNumber);
        highest = Math.max(highest, extended);
        return extended;
    }

    /**
     * @return the highest extended sequence number seen, or -1 before the first packet; its low 16
     *     bits are RFC 3550's {@code max_seq}, the rest the count of cycles
     */
    public long highest() {
        return highest;
    }
}
