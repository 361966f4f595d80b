package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.ReportBlock;
import java.util.Arrays;

/**
 * Reception statistics of one remote SSRC, as RFC 3550 Appendix A computes them: sequence number
 * tracking with restart detection (A.1, without the probation of new sources, since WebRTC
 * negotiates its SSRCs), loss counts (A.3) and interarrival jitter in the integer form of A.8.
 * Also counts duplicates over the last {@value #DUPLICATE_WINDOW} sequence numbers. Allocates
 * nothing per packet.
 */
final class ReceptionStatistics {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    static final int DUPLICATE_WINDOW = 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    final long ssrc;
    private final int clockRate;

    private boolean started;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private int badSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long firstArrival;
    private boolean hasTransit;
    private int transit;
    private long jitterQ4;

    /** Bit {@code ext % 1024} set: that extended sequence number arrived (within the window). */
    private final long[] seen = new long[DUPLICATE_WINDOW / 64];
    private long seenHighest;

    boolean heardSinceReport;
    int lastFractionLost;
    long payloadBytes;
    long headerBytes;
    long duplicates;

    /** LSR of the last sender report from this SSRC, and when it arrived; valid if {@link #hasSr}. */
    boolean hasSr;
    long lastSrMiddle32;
    long lastSrArrival;

    ReceptionStatistics(long ssrc, int clockRate) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /**
     * Counts one packet of this SSRC.
     *
     * @param retransmission a retransmitted copy: counted, but not fed to the jitter estimate, whose
     *     transit time would then include the NACK round trip
     */
    void onPacket(long now, int seq, long timestamp, int payload, int header, boolean retransmission) {
        heardSinceReport = true;
        payloadBytes += payload;
        headerBytes += header;
        if (!started) {
            started = true;
            firstArrival = now;
            init(seq);
        } else if (!updateSeq(seq)) {
            return;
        }
        received++;
        if (!markSeen(seq)) {
            duplicates++;
            return;
        }
        if (!retransmission) {
            updateJitter(now, timestamp);
        }
    }

    private void init(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        hasTransit = false;
        Arrays.fill(seen, 0);
        seenHighest = seq;
    }

    /** RFC 3550 A.1 {@code update_seq}: false for a packet that does not count (a first jump). */
    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
            // Two sequential packets after a jump: the source restarted; start over with it.
            init(seq);
        }
        return true;
    }

    /** Marks the packet's extended sequence number; false if it was already there (a duplicate). */
    private boolean markSeen(int seq) {
        long ext = extendedHighest() + (short) (seq - maxSeq);
        if (ext > seenHighest) {
            long clearFrom = Math.max(seenHighest + 1, ext - DUPLICATE_WINDOW + 1);
            for (long s = clearFrom; s <= ext; s++) {
                seen[(int) (s & (DUPLICATE_WINDOW - 1)) >>> 6] &= ~(1L << s);
            }
            seenHighest = ext;
        } else if (ext <= seenHighest - DUPLICATE_WINDOW) {
            return true;
        }
        int word = (int) (ext & (DUPLICATE_WINDOW - 1)) >>> 6;
        long bit = 1L << ext;
        if ((seen[word] & bit) != 0) {
            return false;
        }
        seen[word] |= bit;
        return true;
    }

    /** RFC 3550 A.8: arrival and timestamp both in RTP units; 32-bit arithmetic absorbs the wraps. */
    private void updateJitter(long now, long timestamp) {
        int arrival = (int) rtpUnits(now - firstArrival);
        int packetTransit = arrival - (int) timestamp;
        if (hasTransit) {
            int d = Math.abs(packetTransit - transit);
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        transit = packetTransit;
        hasTransit = true;
    }

    private long rtpUnits(long nanos) {
        // Split so that nanos × clock rate cannot overflow however long the stream runs.
        return nanos / NANOS_PER_SECOND * clockRate + nanos % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND;
    }

    boolean started() {
        return started;
    }

    long extendedHighest() {
        return cycles + maxSeq;
    }

    long received() {
        return received;
    }

    /** Expected minus received since the start; negative when duplicates outnumber losses. */
    long cumulativeLost() {
        return started ? extendedHighest() - baseSeq + 1 - received : 0;
    }

    /** @return the jitter estimate in RTP timestamp units */
    long jitter() {
        return jitterQ4 >> 4;
    }

    double jitterSeconds() {
        return (double) jitter() / clockRate;
    }

    /** Records the last sender report's LSR for the next report blocks. */
    void onSenderReport(long now, long ntpTimestamp) {
        hasSr = true;
        lastSrMiddle32 = NtpTime.middle32(ntpTimestamp);
        lastSrArrival = now;
    }

    /**
     * The report block for this SSRC (RFC 3550 §6.4.1, A.3), starting a new loss interval.
     */
    ReportBlock reportBlock(long now) {
        long expected = extendedHighest() - baseSeq + 1;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        lastFractionLost = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        heardSinceReport = false;
        return new ReportBlock(ssrc, Math.min(lastFractionLost, 255),
                ReportBlock.clampCumulativeLost(cumulativeLost()), extendedHighest() & 0xFFFF_FFFFL,
                Math.min(jitter(), 0xFFFF_FFFFL), hasSr ? lastSrMiddle32 : 0,
                hasSr ? NtpTime.toDlsr(now - lastSrArrival) : 0);
    }
}
