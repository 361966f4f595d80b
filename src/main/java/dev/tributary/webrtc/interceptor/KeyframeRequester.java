package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.FullIntraRequest;
import dev.tributary.webrtc.rtcp.PictureLossIndication;
import dev.tributary.webrtc.rtcp.RtcpPacket;

/**
 * Keyframe requests for one video stream: PLI where {@code nack pli} was negotiated, otherwise FIR
 * (RFC 5104 §4.3.1) with a command sequence number that grows with every request sent, since a
 * repeated request is sent because the keyframe did not arrive and so must count as new.
 *
 * <p>Requests for the same SSRC are at least the minimum interval apart: one asked for sooner is
 * deferred to the end of the interval, and several collapse into one. A persistent request
 * repeats every retry interval until {@link #keyframeReceived()}.
 */
final class KeyframeRequester {

    private final boolean pli;
    private final long minInterval;
    private final long retryInterval;

    private int firSequence;
    private boolean sentBefore;
    private long lastSentAt;
    private boolean persistent;
    private long dueAt = Long.MAX_VALUE;

    long pliCount;
    long firCount;

    KeyframeRequester(boolean pli, InterceptorConfig.Keyframes config) {
        this.pli = pli;
        this.minInterval = config.minInterval().toNanos();
        this.retryInterval = config.retryInterval().toNanos();
    }

    /** Schedules a request as soon as the rate limit allows; with {@code untilKeyframe}, repeating. */
    void request(long now, boolean untilKeyframe) {
        long earliest = sentBefore ? Math.max(now, lastSentAt + minInterval) : now;
        dueAt = Math.min(dueAt, earliest);
        persistent |= untilKeyframe;
    }

    /** A keyframe arrived: stop repeating and drop a request that has not gone out yet. */
    void keyframeReceived() {
        persistent = false;
        dueAt = Long.MAX_VALUE;
    }

    boolean pending() {
        return dueAt != Long.MAX_VALUE;
    }

    long deadline() {
        return dueAt;
    }

    /** @return the request to send at {@code now}, or null if none is due */
    RtcpPacket poll(long now, long localSsrc, long mediaSsrc) {
        if (now < dueAt) {
            return null;
        }
        sentBefore = true;
        lastSentAt = now;
        dueAt = persistent ? now + retryInterval : Long.MAX_VALUE;
        if (pli) {
            pliCount++;
            return new PictureLossIndication(localSsrc, mediaSsrc);
        }
        firCount++;
        FullIntraRequest fir = FullIntraRequest.of(localSsrc, mediaSsrc, firSequence);
        firSequence = (firSequence + 1) & 0xFF;
        return fir;
    }
}
