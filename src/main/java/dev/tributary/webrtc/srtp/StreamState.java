package dev.tributary.webrtc.srtp;

/**
 * Per-SSRC state of one direction: the highest packet index accepted so far and a 128-packet
 * replay window below it (RFC 3711 §3.3.2; 128 as in libsrtp).
 *
 * <p>For SRTP the index is the 48-bit ROC || SEQ, estimated from the 16-bit sequence number
 * (§3.3.1, Appendix A); for SRTCP it is the explicit 31-bit SRTCP index. Nothing here changes
 * until {@link #accept} is called, which the session does only after authentication succeeded.
 */
final class StreamState {

    static final int WINDOW = 128;

    /** No index accepted yet. */
    private static final long NONE = -1;

    int ssrc;
    /** Highest accepted index, or {@link #NONE}. */
    private long highest = NONE;
    /** Bit i of the 128-bit window (low word first) is set if index {@code highest - i} was
     *  accepted. */
    private long windowLow;
    private long windowHigh;

    /** Makes this the state of a stream that has accepted nothing yet. */
    StreamState reset(int ssrc) {
        this.ssrc = ssrc;
        highest = NONE;
        windowLow = 0;
        windowHigh = 0;
        return this;
    }

    /**
     * The 48-bit SRTP index of a packet with sequence number {@code seq} (RFC 3711 Appendix A):
     * the rollover counter is guessed as the one of the highest index, or one less or one more
     * if that puts the packet closer to it. The first packet of a stream has ROC 0.
     *
     * @return the index; negative if it would precede index 0, at least 2^48 if the rollover
     *     counter would overflow
     */
    long estimateSrtpIndex(int seq) {
        if (highest == NONE) {
            return seq;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long guess;
        if (last < 0x8000) {
            guess = seq - last > 0x8000 ? roc - 1 : roc;
        } else {
            guess = last - 0x8000 > seq ? roc + 1 : roc;
        }
        return (guess << 16) | seq;
    }

    /** The SRTCP index to protect the next packet with: one after the last one (§3.4). */
    long nextSrtcpIndex() {
        return highest + 1;
    }

    /**
     * Whether {@code index} was accepted before or is too old to tell: more than {@link #WINDOW}
     * - 1 below the highest, or negative.
     */
    boolean isReplay(long index) {
        if (index < 0) {
            return true;
        }
        if (highest == NONE || index > highest) {
            return false;
        }
        long age = highest - index;
        if (age >= WINDOW) {
            return true;
        }
        return age < 64
                ? (windowLow & (1L << age)) != 0
                : (windowHigh & (1L << (age - 64))) != 0;
    }

    /** Records {@code index} as received (or sent), advancing the window if it is the highest. */
    void accept(long index) {
        if (highest == NONE) {
            highest = index;
            windowLow = 1;
            windowHigh = 0;
            return;
        }
        long shift = index - highest;
        if (shift > 0) {
            if (shift >= WINDOW) {
                windowHigh = 0;
                windowLow = 0;
            } else if (shift >= 64) {
                windowHigh = windowLow << (shift - 64);
                windowLow = 0;
            } else {
                windowHigh = (windowHigh << shift) | (windowLow >>> (64 - shift));
                windowLow <<= shift;
            }
            windowLow |= 1;
            highest = index;
        } else {
            long age = -shift;
            if (age < 64) {
                windowLow |= 1L << age;
            } else {
                windowHigh |= 1L << (age - 64);
            }
        }
    }
}
