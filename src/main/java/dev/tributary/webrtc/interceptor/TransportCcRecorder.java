package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.TransportFeedback;
import dev.tributary.webrtc.rtp.SequenceNumberUnwrapper;
import java.util.Arrays;
import java.util.List;

/**
 * Arrival times by transport-wide sequence number, and the feedback that reports them
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).
 *
 * <p>Arrivals live in a ring of the last {@value #HISTORY} extended sequence numbers, so a packet
 * costs no allocation. Feedback covers everything from the first unreported sequence number up
 * to the highest received. A packet arriving after its number was reported as lost moves that
 * start back, so the next feedback reports it (again with the neighbours it was reported with),
 * as libwebrtc's receiver does; a duplicate keeps the first arrival time.
 */
final class TransportCcRecorder {

    /** Sequence numbers remembered: about 30 s at 280 packets/s; a power of two. */
    static final int HISTORY = 1 << 13;
    private static final int MASK = HISTORY - 1;
    private static final long NONE = Long.MIN_VALUE;

    private final long interval;
    private final int maxPackets;

    private SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private final long[] arrival = new long[HISTORY];
    private boolean started;
    private long highest;
    private long nextToReport;
    private int unreported;
    private long mediaSsrc;
    private int feedbackCount;
    private long deadline = Long.MAX_VALUE;

    long feedbackPacketsSent;

    TransportCcRecorder(InterceptorConfig.TransportCc config) {
        this.interval = config.interval().toNanos();
        this.maxPackets = config.maxPacketsPerFeedback();
        Arrays.fill(arrival, NONE);
    }

    /** Records the arrival of transport-wide sequence number {@code sequence} on stream {@code ssrc}. */
    void onPacket(long now, int sequence, long ssrc) {
        long ext = unwrapper.unwrap(sequence);
        mediaSsrc = ssrc;
        if (!started || ext <= highest - HISTORY) {
            // First packet, or so far behind the rest that the sender must have started over.
            Arrays.fill(arrival, NONE);
            unwrapper = new SequenceNumberUnwrapper();
            ext = unwrapper.unwrap(sequence);
            highest = ext;
            nextToReport = ext;
            unreported = 0;
            started = true;
        } else if (ext > highest) {
            for (long s = Math.max(highest + 1, ext - HISTORY + 1); s <= ext; s++) {
                arrival[(int) (s & MASK)] = NONE;
            }
            highest = ext;
            nextToReport = Math.max(nextToReport, highest - HISTORY + 1);
        }
        int slot = (int) (ext & MASK);
        if (arrival[slot] != NONE) {
            return;
        }
        arrival[slot] = now;
        unreported++;
        nextToReport = Math.min(nextToReport, ext);
        if (deadline == Long.MAX_VALUE) {
            deadline = now + interval;
        }
        if (unreported >= maxPackets) {
            deadline = Math.min(deadline, now);
        }
    }

    long deadline() {
        return deadline;
    }

    /** Adds the feedback due at {@code now} to {@code out}: one packet per {@code maxPackets}. */
    void poll(long now, long localSsrc, List<RtcpPacket> out) {
        if (now < deadline) {
            return;
        }
        if (unreported == 0) {
            // Nothing arrived for a whole interval: sleep until something does.
            deadline = Long.MAX_VALUE;
            return;
        }
        deadline = now + interval;
        TransportFeedback.Builder builder = null;
        int added = 0;
        long s = nextToReport;
        while (s <= highest) {
            long time = arrival[(int) (s & MASK)];
            if (time == NONE) {
                s++;
                continue;
            }
            long micros = Math.floorDiv(time, 1000);
            if (builder == null) {
                builder = TransportFeedback.builder(localSsrc, mediaSsrc, (int) (nextToReport & 0xFFFF), micros,
                        feedbackCount);
                feedbackCount = (feedbackCount + 1) & 0xFF;
            }
            if (added == maxPackets || !builder.addReceived((int) (s & 0xFFFF), micros)) {
                // Full, or the delta does not fit: this number starts the next feedback packet.
                out.add(builder.build());
                feedbackPacketsSent++;
                builder = null;
                added = 0;
                nextToReport = s;
                continue;
            }
            added++;
            s++;
        }
        if (builder != null) {
            out.add(builder.build());
            feedbackPacketsSent++;
        }
        nextToReport = highest + 1;
        unreported = 0;
    }
}
