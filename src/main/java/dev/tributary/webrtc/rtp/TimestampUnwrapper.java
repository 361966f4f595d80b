package dev.tributary.webrtc.rtp;

/**
 * Extends 32-bit RTP timestamps (RFC 3550 §5.1) of one stream to 64-bit ones that keep counting
 * across the wrap from 2<sup>32</sup>-1 to 0 (after about 13 hours at 90 kHz), so that media time
 * can be computed by subtraction.
 *
 * <p>Each timestamp is placed in the cycle that puts it closest to the highest unwrapped
 * timestamp so far (at most 2<sup>31</sup>-1 ahead or 2<sup>31</sup> behind), so packets
 * reordered near the wrap land in the right cycle. The
 * first timestamp is taken as is; one older than it across a wrap yields a negative value. Not
 * thread-safe.
 */
public final class TimestampUnwrapper {

    private long highest = -1;

    /** Creates an unwrapper that has seen no timestamp. */
    public TimestampUnwrapper() {}

    /**
     * @param timestamp an RTP timestamp as returned by {@link RtpPacketView#timestamp()}, 0 to
     *     2<sup>32</sup>-1
     * @return the unwrapped timestamp
     * @throws IllegalArgumentException if the timestamp is out of range
     */
    public long unwrap(long timestamp) {
        RtpFormat.checkUnsigned32("timestamp", timestamp);
        if (highest < 0) {
            highest = timestamp;
            return highest;
        }
        long unwrapped = highest + (int) (timestamp - highest);
        highest = Math.max(highest, unwrapped);
        return unwrapped;
    }

    /** @return the highest unwrapped timestamp seen, or -1 before the first one */
    public long highest() {
        return highest;
    }
}
