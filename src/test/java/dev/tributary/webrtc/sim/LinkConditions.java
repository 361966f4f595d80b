package dev.tributary.webrtc.sim;

import java.time.Duration;

/**
 * How a link between two hosts treats datagrams, in each direction.
 *
 * @param loss the probability that a datagram is lost, 0..1
 * @param delay the one-way delay
 * @param jitter extra delay, uniform in 0..jitter per datagram; more than the gap between two
 *     datagrams reorders them
 * @param cut whether nothing gets through at all
 */
public record LinkConditions(double loss, Duration delay, Duration jitter, boolean cut) {

    /** No loss, 1 ms delay, no jitter. */
    public static final LinkConditions GOOD = new LinkConditions(0, Duration.ofMillis(1), Duration.ZERO, false);

    /** @throws IllegalArgumentException if loss is not 0..1 or a duration is negative */
    public LinkConditions {
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be 0..1: " + loss);
        }
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative");
        }
    }

    /**
     * @param loss the probability of loss
     * @param delay the one-way delay
     * @param jitter the extra random delay
     * @return a link that is not cut
     */
    public static LinkConditions of(double loss, Duration delay, Duration jitter) {
        return new LinkConditions(loss, delay, jitter, false);
    }

    /** @return the same link, cut */
    public LinkConditions withCut(boolean cut) {
        return new LinkConditions(loss, delay, jitter, cut);
    }
}
