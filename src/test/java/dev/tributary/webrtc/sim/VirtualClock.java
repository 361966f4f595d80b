package dev.tributary.webrtc.sim;

import java.time.Duration;

/** Virtual time in nanoseconds for sans-IO cores: it moves only when told to. */
public final class VirtualClock {

    private long now;

    /** @param start the time to start at, in nanoseconds */
    public VirtualClock(long start) {
        this.now = start;
    }

    /** @return the current time in nanoseconds */
    public long now() {
        return now;
    }

    /**
     * @param time a time not before {@link #now()}
     * @throws IllegalArgumentException if {@code time} is in the past
     */
    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("time runs forward only: " + time + " < " + now);
        }
        now = time;
    }

    /** @param duration how far to move on */
    public void advance(Duration duration) {
        advanceTo(now + duration.toNanos());
    }
}
