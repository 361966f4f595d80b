package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtp.SequenceNumberUnwrapper;
import java.util.Arrays;

/**
 * The missing sequence numbers of one stream and when to ask for them again (RFC 4585 §6.2.1).
 *
 * <p>State lives in rings over the last {@value #WINDOW} extended sequence numbers, so memory is
 * fixed and a packet costs no allocation. A gap is asked for after the reorder delay, then again
 * every retry interval (1.25 round-trip times, so the answer to the previous NACK has had time to
 * arrive) until the packet arrives, the retries run out or it is older than the maximum age. A
 * packet that slides out of the window while still missing is given up too.
 */
final class NackGenerator {

    /** Sequence numbers tracked; a power of two. */
    static final int WINDOW = 1024;
    private static final int MASK = WINDOW - 1;

    private final long reorderDelay;
    private final long minRetryInterval;
    private final int maxRetries;
    private final long maxAge;
    private final int maxGap;

    private SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private boolean started;
    private long highest;
    private final long[] missing = new long[WINDOW / 64];
    private final long[] detectedAt = new long[WINDOW];
    private final long[] lastSentAt = new long[WINDOW];
    private final byte[] sends = new byte[WINDOW];
    private int missingCount;
    /** When something is next due, MAX_VALUE with nothing missing. */
    private long deadline = Long.MAX_VALUE;

    /** Sequence numbers given up since the last {@link #takeGivenUp()}. */
    private long givenUp;
    long nackedPackets;

    NackGenerator(InterceptorConfig.Nack config) {
        this.reorderDelay = config.reorderDelay().toNanos();
        this.minRetryInterval = config.minRetryInterval().toNanos();
        this.maxRetries = config.maxRetries();
        this.maxAge = config.maxAge().toNanos();
        this.maxGap = config.maxGap();
    }

    /**
     * Notes an arriving packet.
     *
     * @return the round-trip time the packet shows in nanos, or -1: only a packet that was asked
     *     for exactly once and arrives as a retransmission gives an unambiguous sample (Karn's rule)
     */
    long onPacket(long now, int sequenceNumber, boolean retransmission) {
        long ext = unwrapper.unwrap(sequenceNumber);
        if (!started || ext <= highest - WINDOW) {
            // First packet, or so far behind that the sender must have restarted its sequence.
            restart(sequenceNumber);
            return -1;
        }
        if (ext > highest) {
            advance(now, ext);
            return -1;
        }
        int slot = (int) (ext & MASK);
        if (!isMissing(slot)) {
            return -1;
        }
        clear(slot);
        return retransmission && sends[slot] == 1 ? now - lastSentAt[slot] : -1;
    }

    private void restart(int sequenceNumber) {
        givenUp += missingCount;
        Arrays.fill(missing, 0);
        missingCount = 0;
        deadline = Long.MAX_VALUE;
        unwrapper = new SequenceNumberUnwrapper();
        highest = unwrapper.unwrap(sequenceNumber);
        started = true;
    }

    private void advance(long now, long ext) {
        long gap = ext - highest - 1;
        if (gap > maxGap) {
            givenUp += missingCount + gap;
            Arrays.fill(missing, 0);
            missingCount = 0;
            deadline = Long.MAX_VALUE;
            highest = ext;
            return;
        }
        for (long s = highest + 1; s <= ext; s++) {
            int slot = (int) (s & MASK);
            if (isMissing(slot)) {
                // The slot's previous owner, WINDOW numbers back, is still missing: out of reach now.
                clear(slot);
                givenUp++;
            }
            if (s < ext) {
                missing[slot >>> 6] |= 1L << slot;
                detectedAt[slot] = now;
                sends[slot] = 0;
                missingCount++;
            }
        }
        highest = ext;
        if (gap > 0) {
            deadline = Math.min(deadline, now + reorderDelay);
        }
    }

    private boolean isMissing(int slot) {
        return (missing[slot >>> 6] & (1L << slot)) != 0;
    }

    private void clear(int slot) {
        missing[slot >>> 6] &= ~(1L << slot);
        if (--missingCount == 0) {
            deadline = Long.MAX_VALUE;
        }
    }

    long deadline() {
        return deadline;
    }

    /**
     * Collects the sequence numbers to ask for at {@code now} and gives up those past their
     * retries or age.
     *
     * @param roundTripTime the current round-trip estimate in nanos
     * @param out receives the 16-bit sequence numbers, oldest first
     * @return how many were written to {@code out}
     */
    int collectDue(long now, long roundTripTime, int[] out) {
        if (missingCount == 0 || now < deadline) {
            return 0;
        }
        long retryInterval = Math.max(minRetryInterval, roundTripTime + roundTripTime / 4);
        long next = Long.MAX_VALUE;
        int count = 0;
        for (long s = highest - WINDOW + 1; s < highest; s++) {
            int slot = (int) (s & MASK);
            if (!isMissing(slot)) {
                continue;
            }
            long due = sends[slot] == 0 ? detectedAt[slot] + reorderDelay : lastSentAt[slot] + retryInterval;
            long expiry = detectedAt[slot] + maxAge;
            if (now >= expiry || (due <= now && sends[slot] >= maxRetries)) {
                clear(slot);
                givenUp++;
                continue;
            }
            if (due <= now) {
                out[count++] = (int) (s & 0xFFFF);
                sends[slot]++;
                lastSentAt[slot] = now;
                nackedPackets++;
                due = now + retryInterval;
            }
            next = Math.min(next, Math.min(due, expiry));
        }
        deadline = next;
        return count;
    }

    /** @return the sequence numbers given up since the last call, and resets the count */
    long takeGivenUp() {
        long result = givenUp;
        givenUp = 0;
        return result;
    }
}
