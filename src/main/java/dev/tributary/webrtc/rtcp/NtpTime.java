package dev.tributary.webrtc.rtcp;

import java.time.Instant;

/**
 * The 64-bit NTP timestamp of sender reports (RFC 3550 §4, RFC 5905 §6): unsigned seconds since
 * 1900-01-01T00:00:00Z in the upper 32 bits and a binary fraction of a second in the lower 32.
 * Only era 0 is handled, 1900-01-01 to 2036-02-07T06:28:15Z, which is what RTCP peers send
 * today. Timestamps are {@code long}s holding the 64 bits.
 *
 * <p>Also the two 32-bit quantities reception reports carry (RFC 3550 §6.4.1): LSR, the middle
 * 32 bits of an SR's NTP timestamp, and DLSR, a delay in units of 1/65536 s.
 */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {}

    /**
     * The NTP timestamp of {@code instant}, the fraction rounded to the nearest 2^-32 s.
     *
     * @throws IllegalArgumentException if the instant is outside NTP era 0
     */
    public static long fromInstant(Instant instant) {
        return of(instant.getEpochSecond(), instant.getNano());
    }

    /**
     * The NTP timestamp of a time in nanoseconds since the Unix epoch.
     *
     * @throws IllegalArgumentException if the time is outside NTP era 0
     */
    public static long fromEpochNanos(long epochNanos) {
        return of(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    private static long of(long epochSecond, long nanos) {
        long seconds = epochSecond + UNIX_EPOCH_OFFSET_SECONDS;
        // nanos < 2^30, so nanos << 32 cannot overflow; the rounded fraction stays below 2^32.
        long fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("time is outside NTP era 0 (1900 to 2036): " + epochSecond);
        }
        return (seconds << 32) | fraction;
    }

    /** The instant of an NTP timestamp (era 0), rounded to the nearest nanosecond. */
    public static Instant toInstant(long ntp) {
        return Instant.ofEpochSecond((ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS, fractionToNanos(ntp));
    }

    /** The time of an NTP timestamp (era 0) in nanoseconds since the Unix epoch, rounded. */
    public static long toEpochNanos(long ntp) {
        return ((ntp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS) * NANOS_PER_SECOND + fractionToNanos(ntp);
    }

    private static long fractionToNanos(long ntp) {
        return ((ntp & 0xFFFF_FFFFL) * NANOS_PER_SECOND + (1L << 31)) >>> 32;
    }

    /**
     * The middle 32 bits of an NTP timestamp, as a report block's LSR field carries the last SR's
     * timestamp (RFC 3550 §6.4.1).
     */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * A delay as a DLSR field: units of 1/65536 s, rounded to the nearest, clamped to
     * {@code 0..2^32-1} (about 18 hours).
     */
    public static long toDlsr(long delayNanos) {
        if (delayNanos <= 0) {
            return 0;
        }
        // Split to keep delayNanos * 65536 from overflowing for delays over 1.6 days.
        long seconds = delayNanos / NANOS_PER_SECOND;
        long fraction = delayNanos % NANOS_PER_SECOND;
        long units = (seconds << 16) + ((fraction << 16) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return Math.min(units, 0xFFFF_FFFFL);
    }

    /** A DLSR (or any 1/65536 s count) in nanoseconds, rounded to the nearest. */
    public static long dlsrToNanos(long units) {
        long seconds = units >>> 16;
        long fraction = units & 0xFFFF;
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND + (1 << 15)) >>> 16);
    }

    /**
     * The round-trip time a sender derives from a report block (RFC 3550 §6.4.1): the block's
     * arrival time minus its LSR minus its DLSR, in 32-bit middle-NTP arithmetic.
     *
     * @param arrivalNtp when the report block arrived, as an NTP timestamp
     * @param lastSenderReport the block's LSR
     * @param delaySinceLastSr the block's DLSR
     * @return the round-trip time in nanoseconds; -1 if LSR is 0 (the reporter has no SR yet); 0 if
     *     clocks make it come out negative
     */
    public static long roundTripNanos(long arrivalNtp, long lastSenderReport, long delaySinceLastSr) {
        if (lastSenderReport == 0) {
            return -1;
        }
        int units = (int) (middle32(arrivalNtp) - lastSenderReport - delaySinceLastSr);
        return units <= 0 ? 0 : dlsrToNanos(units);
    }
}
