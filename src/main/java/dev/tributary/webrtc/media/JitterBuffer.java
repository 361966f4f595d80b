package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.SequenceNumberUnwrapper;
import java.util.Arrays;
import java.util.Objects;

/**
 * Puts the RTP packets of one stream back into sequence order and waits a bounded time for the
 * missing ones, sans-IO: it takes packets and the current time, and tells its owner what to
 * release, which gaps it gave up on and when to call it next. It never reads a clock.
 *
 * <p>One buffer serves one media stream after RTX has been unwrapped (RFC 4588 retransmissions
 * carry the original sequence number by then). Each inserted packet is copied into a slot
 * preallocated at construction, so the caller may reuse its receive buffer at once; the slot is
 * chosen by the packet's extended sequence number modulo the capacity, which makes insertion,
 * duplicate detection and release constant-time and allocation-free.
 *
 * <p>The owner's loop:
 *
 * <pre>{@code
 * buffer.insert(now, buf, off, len);
 * for (RtpPacketView p; (p = buffer.poll(now)) != null; ) depacketizer.push(p);
 * timer.schedule(buffer.nextDeadline());   // call poll(now) again then
 * }</pre>
 *
 * <p>A gap (one or more missing sequence numbers followed by a packet that did arrive) holds the
 * packets after it until {@code noticed + wait}, where {@code noticed} is the arrival time of the
 * first packet beyond the gap and {@code wait} is {@link Config#waitNanos(long, long)} of the round-trip
 * time and jitter last given by the owner, evaluated when asked, so a new estimate applies to gaps
 * already open. Then the gap is given up: {@link GapListener#onGap} reports its first and last
 * sequence number (so that the depacketizer drops the partial frame and a video receiver asks for
 * a keyframe) and the packets after it are released. A packet for a gap that was given up is
 * {@link InsertResult#LATE}.
 *
 * <p>A packet more than {@link Config#maxJump()} sequence numbers away from the stream's current
 * position (either way) means the sender restarted its numbering: the buffer discards what it
 * holds, reports a {@link GapCause#RESET} and starts over from that packet rather than wait for
 * 3000 or more packets that will never come. A packet that does not fit in the capacity behind
 * the oldest unreleased sequence number skips ahead: the oldest sequence numbers are given up
 * (received packets among them discarded) and reported as one {@link GapCause#OVERFLOW} gap.
 *
 * <p>Not thread-safe: one owner calls it.
 */
public final class JitterBuffer {

    /** What {@link #insert} did with a packet. */
    public enum InsertResult {
        /** Stored; released by {@link #poll} in its turn. */
        STORED,
        /** Stored, after the buffer skipped ahead because it was full (an {@link GapCause#OVERFLOW} gap). */
        STORED_AFTER_OVERFLOW,
        /** Stored as the first packet of a restarted sequence (a {@link GapCause#RESET}). */
        STORED_AFTER_RESET,
        /** Dropped: this sequence number is held or was already released. */
        DUPLICATE,
        /** Dropped: its sequence number was already given up, or is too old to tell. */
        LATE,
        /** Dropped: longer than {@link Config#maxPacketSize()}. */
        TOO_LARGE,
        /** Dropped: not a valid RTP packet. */
        MALFORMED
    }

    /** Why sequence numbers were given up. */
    public enum GapCause {
        /** Nothing filled the gap before its deadline. */
        DEADLINE,
        /** The buffer was full: the oldest sequence numbers were given up to make room. */
        OVERFLOW,
        /**
         * The sender restarted its numbering. The range is nominal: from the next sequence number
         * the old numbering expected to the one before the new numbering's first packet.
         */
        RESET
    }

    /**
     * Told of each range of sequence numbers the buffer gave up on, synchronously from inside
     * {@link #insert} or {@link #poll}, before any packet after the range is released.
     */
    @FunctionalInterface
    public interface GapListener {
        /**
         * @param firstSequenceNumber the first sequence number given up, 0 to 65535
         * @param lastSequenceNumber the last one given up (inclusive, may have wrapped past 65535)
         * @param cause why
         */
        void onGap(int firstSequenceNumber, int lastSequenceNumber, GapCause cause);
    }

    /**
     * Sizes and timing of a buffer.
     *
     * <p>The wait for a gap is {@code clamp(rttFactor × RTT + jitterFactor × jitter, minWait,
     * maxWait)}. With NACK, the receiver asks for the missing packet as soon as it notices the
     * gap and the retransmission needs one RTT to arrive; two RTTs leave room for a second NACK
     * round when the first NACK or its retransmission is lost too. The jitter term covers packets
     * that are only reordered or delayed, not lost: three times the RFC 3550 interarrival jitter
     * (a mean deviation) covers nearly all of a packet's delay variation. The floor of 20 ms covers
     * NACK generators that batch their requests on a timer (libwebrtc's runs every 20 ms) when the
     * measured RTT is tiny; the ceiling of 1 s bounds the latency a lossy, high-RTT path adds to a
     * recording and keeps a second of 400-packet/s video within the default 512-packet capacity.
     *
     * @param capacity how many packets the buffer holds, from the oldest unreleased sequence
     *     number on; rounded up to a power of two, 2 to 32768
     * @param maxPacketSize the longest packet accepted, in bytes; each slot has this many bytes
     * @param rttFactor multiplies the round-trip time in the wait
     * @param jitterFactor multiplies the jitter in the wait
     * @param minWaitNanos the shortest wait for a gap
     * @param maxWaitNanos the longest wait for a gap
     * @param maxJump a packet this many or more sequence numbers before or after the stream's
     *     position restarts the buffer; at least the capacity
     */
    public record Config(
            int capacity,
            int maxPacketSize,
            double rttFactor,
            double jitterFactor,
            long minWaitNanos,
            long maxWaitNanos,
            int maxJump,
            long startupHoldNanos) {

        /**
         * The longest packet by default: 1500 bytes. RTP that crossed a path with an Ethernet MTU
         * is at most 1472 bytes (1500 less IPv4 and UDP headers), and less once SRTP's tag is
         * removed; the margin admits senders on paths with a slightly larger MTU. A larger packet
         * is counted and dropped.
         */
        public static final int DEFAULT_MAX_PACKET_SIZE = 1500;

        /**
         * How long the first packet of a stream is held before anything is released, so that
         * packets sent before it but reordered behind it (a keyframe's first packets, the SPS
         * and PPS) still count: without it they would be late and the first picture lost. 30 ms
         * covers the reordering of a loaded sender's pacer and of the network. A buffer that fills
         * up ends the hold early rather than give up packets it received.
         */
        public static final long DEFAULT_STARTUP_HOLD_NANOS = 30_000_000L;

        /** RFC 3550 Appendix A.1's MAX_DROPOUT: a larger jump is a new sequence, not a loss. */
        public static final int DEFAULT_MAX_JUMP = 3000;

        private static final long MILLIS = 1_000_000L;

        /**
         * @throws IllegalArgumentException if a value is out of range
         */
        public Config {
            if (capacity < 2 || capacity > 32768) {
                throw new IllegalArgumentException("capacity must be 2 to 32768: " + capacity);
            }
            capacity = Integer.highestOneBit(capacity - 1) << 1;
            if (maxPacketSize < 12) {
                throw new IllegalArgumentException("maxPacketSize below an RTP header: " + maxPacketSize);
            }
            if (!(rttFactor >= 0) || !(jitterFactor >= 0) || Double.isInfinite(rttFactor)
                    || Double.isInfinite(jitterFactor)) {
                throw new IllegalArgumentException("factors must be finite and not negative");
            }
            if (minWaitNanos < 0 || maxWaitNanos < minWaitNanos) {
                throw new IllegalArgumentException("need 0 <= minWait <= maxWait");
            }
            if (maxJump < capacity || maxJump > 32767) {
                throw new IllegalArgumentException("maxJump must be capacity to 32767: " + maxJump);
            }
            if (startupHoldNanos < 0) {
                throw new IllegalArgumentException("startupHoldNanos must not be negative: " + startupHoldNanos);
            }
        }

        /**
         * Video: 512 packets (about a second of 4 Mbit/s video), 1500-byte slots, 768 KiB.
         *
         * @return the defaults for a video stream
         */
        public static Config video() {
            return new Config(512, DEFAULT_MAX_PACKET_SIZE, 2.0, 3.0, 20 * MILLIS, 1000 * MILLIS, DEFAULT_MAX_JUMP,
                    DEFAULT_STARTUP_HOLD_NANOS);
        }

        /**
         * Audio: 64 packets (1.28 s of 20 ms Opus frames), 1500-byte slots, 96 KiB.
         *
         * @return the defaults for an audio stream
         */
        public static Config audio() {
            return new Config(64, DEFAULT_MAX_PACKET_SIZE, 2.0, 3.0, 20 * MILLIS, 1000 * MILLIS, DEFAULT_MAX_JUMP,
                    DEFAULT_STARTUP_HOLD_NANOS);
        }

        /**
         * The time a gap is waited for.
         *
         * @param rttNanos the round-trip time
         * @param jitterNanos the interarrival jitter
         * @return {@code clamp(rttFactor × rtt + jitterFactor × jitter, minWait, maxWait)} in nanoseconds
         */
        /** This configuration with another startup hold (0: release the first packet at once). */
        public Config withStartupHold(long nanos) {
            return new Config(capacity, maxPacketSize, rttFactor, jitterFactor, minWaitNanos, maxWaitNanos, maxJump,
                    nanos);
        }

        public long waitNanos(long rttNanos, long jitterNanos) {
            double wait = rttFactor * rttNanos + jitterFactor * jitterNanos;
            return (long) Math.max(minWaitNanos, Math.min(maxWaitNanos, wait));
        }
    }

    /** Round-trip time assumed until the owner measures one: libwebrtc's default for NACK, 100 ms. */
    public static final long DEFAULT_RTT_NANOS = 100_000_000L;

    /** Jitter assumed until the owner measures it: 10 ms, a typical figure on the public Internet. */
    public static final long DEFAULT_JITTER_NANOS = 10_000_000L;

    private static final byte MISSING = 0;
    /** How far before the first packet a reordered packet is still taken during the startup hold. */
    static final int STARTUP_REORDER = 64;

    private static final byte STORED = 1;
    private static final byte RELEASED = 2;
    private static final byte GIVEN_UP = 3;

    private final Config config;
    private final GapListener listener;
    private final int mask;
    private final int slotSize;
    /** The buffer holding each slot's packet (null when the slot holds none). */
    private final byte[][] slotData;
    /**
     * Packet buffers not in a slot. Buffers are made only when more packets are held at once than
     * ever before, so memory follows the deepest the buffer has been (a few packets for a stream
     * in order, more under loss) rather than its capacity, and steady state allocates nothing.
     */
    private byte[][] free = new byte[8][];
    private int freeCount;
    private final int[] lengths;
    private final long[] sequence;
    private final byte[] state;
    /** Arrival time for a stored slot; time the gap was noticed for a missing one. */
    private final long[] time;
    private final ReusableRtpPacket parsed = new ReusableRtpPacket();
    private final ReusableRtpPacket released = new ReusableRtpPacket();

    private SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private boolean started;
    /** Arrival of the first packet; until the startup hold after it (or a full buffer) nothing is released. */
    private long startedAt;
    private boolean releasedAny;
    /** Extended sequence number of the next packet to release or give up. */
    private long head;
    /** Highest extended sequence number inserted; head - 1 when nothing is held. */
    private long highest = -1;
    private int depth;
    private long releasedArrival;

    private long rttNanos = DEFAULT_RTT_NANOS;
    private long jitterNanos = DEFAULT_JITTER_NANOS;

    private long receivedCount;
    private long duplicateCount;
    private long lateCount;
    private long lostCount;
    private long overflowCount;
    private long tooLargeCount;
    private long malformedCount;
    private long resetCount;
    private int maxDepth;

    /**
     * @param config sizes and timing
     * @param listener told of every range given up
     */
    public JitterBuffer(Config config, GapListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        int capacity = config.capacity();
        mask = capacity - 1;
        slotSize = config.maxPacketSize();
        slotData = new byte[capacity][];
        lengths = new int[capacity];
        sequence = new long[capacity];
        Arrays.fill(sequence, Long.MIN_VALUE);
        state = new byte[capacity];
        time = new long[capacity];
    }

    /**
     * Takes a received packet: copies it into its slot, or counts and drops it.
     *
     * @param now the current time in nanoseconds, the packet's arrival
     * @param buf the array holding the packet; not kept
     * @param off index of the packet's first byte
     * @param len packet length
     * @return what happened to the packet
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code buf}
     */
    public InsertResult insert(long now, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > slotSize) {
            tooLargeCount++;
            return InsertResult.TOO_LARGE;
        }
        try {
            parsed.wrap(buf, off, len);
        } catch (ParseException e) {
            malformedCount++;
            return InsertResult.MALFORMED;
        }
        receivedCount++;
        int seq = parsed.sequenceNumber();
        long ext = unwrapper.unwrap(seq);
        if (!started) {
            started = true;
            startedAt = now;
            head = ext;
            highest = ext - 1;
        }
        if (!releasedAny && ext < head && head - ext <= STARTUP_REORDER && highest - ext < mask) {
            // reordered behind the first packet that arrived, before anything was released
            for (long s = ext + 1; s < head; s++) {
                int missing = (int) s & mask;
                sequence[missing] = s;
                state[missing] = MISSING;
                time[missing] = now;
            }
            head = ext;
            store(ext, now, buf, off, len);
            return InsertResult.STORED;
        }
        int maxJump = config.maxJump();
        if (ext >= highest + maxJump || ext <= head - maxJump) {
            highest = reset(seq);
            store(highest, now, buf, off, len);
            return InsertResult.STORED_AFTER_RESET;
        }
        int slot = (int) ext & mask;
        if (ext < head) {
            if (sequence[slot] == ext && state[slot] == RELEASED) {
                duplicateCount++;
                return InsertResult.DUPLICATE;
            }
            lateCount++;
            return InsertResult.LATE;
        }
        if (ext <= highest) {
            if (state[slot] == STORED) {
                duplicateCount++;
                return InsertResult.DUPLICATE;
            }
            store(ext, now, buf, off, len);
            return InsertResult.STORED;
        }
        InsertResult result = InsertResult.STORED;
        if (ext - head > mask) {
            skipTo(ext - mask);
            result = InsertResult.STORED_AFTER_OVERFLOW;
        }
        for (long s = Math.max(highest + 1, head); s < ext; s++) {
            int missing = (int) s & mask;
            sequence[missing] = s;
            state[missing] = MISSING;
            time[missing] = now;
        }
        highest = ext;
        store(ext, now, buf, off, len);
        return result;
    }

    private void store(long ext, long now, byte[] buf, int off, int len) {
        int slot = (int) ext & mask;
        if (slotData[slot] == null) {
            slotData[slot] = freeCount > 0 ? free[--freeCount] : new byte[slotSize];
        }
        System.arraycopy(buf, off, slotData[slot], 0, len);
        lengths[slot] = len;
        sequence[slot] = ext;
        state[slot] = STORED;
        time[slot] = now;
        if (++depth > maxDepth) {
            maxDepth = depth;
        }
    }

    /** Returns a slot's packet buffer to the free ones. */
    private void recycle(int slot) {
        byte[] buffer = slotData[slot];
        if (buffer == null) {
            return;
        }
        slotData[slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = buffer;
    }

    /** Gives up everything before {@code newHead}, discarding received packets there. */
    private void skipTo(long newHead) {
        long first = head;
        long end = Math.min(newHead, highest + 1);
        for (long s = head; s < end; s++) {
            int slot = (int) s & mask;
            if (state[slot] == STORED) {
                overflowCount++;
                depth--;
                recycle(slot);
            } else {
                lostCount++;
            }
            state[slot] = GIVEN_UP;
        }
        lostCount += newHead - end;
        head = newHead;
        listener.onGap((int) first & 0xFFFF, (int) (newHead - 1) & 0xFFFF, GapCause.OVERFLOW);
    }

    /** Forgets the old numbering and everything held; returns the new extended sequence number. */
    private long reset(int seq) {
        resetCount++;
        int expected = (int) head & 0xFFFF;
        for (int slot = 0; slot < slotData.length; slot++) {
            recycle(slot);
        }
        Arrays.fill(state, MISSING);
        Arrays.fill(sequence, Long.MIN_VALUE);
        depth = 0;
        unwrapper = new SequenceNumberUnwrapper();
        long ext = unwrapper.unwrap(seq);
        head = ext;
        highest = ext - 1;
        listener.onGap(expected, (seq - 1) & 0xFFFF, GapCause.RESET);
        return ext;
    }

    /**
     * The next packet in sequence order, if it may be released now: the packet right after the
     * last one released, or the first one after a gap whose deadline has passed (the gap is
     * reported to the listener first).
     *
     * @param now the current time in nanoseconds
     * @return the packet, valid until the next call to {@link #insert} or {@link #poll}; or null
     *     if nothing may be released before {@link #nextDeadline()}
     */
    public RtpPacketView poll(long now) {
        if (holding(now)) {
            return null;
        }
        while (head <= highest) {
            releasedAny = true;
            int slot = (int) head & mask;
            if (state[slot] == STORED) {
                state[slot] = RELEASED;
                depth--;
                head++;
                releasedArrival = time[slot];
                byte[] packet = slotData[slot];
                recycle(slot);
                // still valid until the next insert or poll, as documented: only those reuse it
                return released.wrap(packet, 0, lengths[slot]);
            }
            if (now - time[slot] < waitNanos()) {
                return null;
            }
            long first = head;
            while (state[(int) head & mask] == MISSING) {
                state[(int) head & mask] = GIVEN_UP;
                head++;
            }
            lostCount += head - first;
            listener.onGap((int) first & 0xFFFF, (int) (head - 1) & 0xFFFF, GapCause.DEADLINE);
        }
        return null;
    }

    /**
     * When {@link #poll} should be called next.
     *
     * @return {@link Long#MIN_VALUE} if a packet may be released now; the deadline of the gap that
     *     holds the next packet; or {@link Long#MAX_VALUE} if nothing is held
     */
    public long nextDeadline() {
        if (head > highest) {
            return Long.MAX_VALUE;
        }
        int slot = (int) head & mask;
        long deadline = state[slot] == STORED ? Long.MIN_VALUE : time[slot] + waitNanos();
        if (releasedAny || config.startupHoldNanos() == 0 || full()) {
            return deadline;
        }
        return Math.max(deadline, startedAt + config.startupHoldNanos());
    }

    /**
     * Whether the startup hold keeps everything back: until the first release, for the hold after
     * the first packet, but not once the buffer is full. A sender that queued media while
     * connecting sends it at once (GStreamer's webrtcbin does), more than the buffer holds within
     * the hold; the next packet would then make it give up received ones.
     */
    private boolean holding(long now) {
        return !releasedAny && started && now - startedAt < config.startupHoldNanos() && !full();
    }

    /** Whether the held range spans the capacity: a packet after it would overflow. */
    private boolean full() {
        return highest - head >= mask;
    }

    /** @return how long a gap is waited for with the current round-trip time and jitter */
    public long waitNanos() {
        return config.waitNanos(rttNanos, jitterNanos);
    }

    /** @param rttNanos the latest round-trip time estimate in nanoseconds, not negative */
    public void setRoundTripTime(long rttNanos) {
        if (rttNanos < 0) {
            throw new IllegalArgumentException("negative round-trip time: " + rttNanos);
        }
        this.rttNanos = rttNanos;
    }

    /** @param jitterNanos the latest interarrival jitter estimate in nanoseconds, not negative */
    public void setJitter(long jitterNanos) {
        if (jitterNanos < 0) {
            throw new IllegalArgumentException("negative jitter: " + jitterNanos);
        }
        this.jitterNanos = jitterNanos;
    }

    /** @return the arrival time of the packet {@link #poll} returned last */
    public long releasedArrivalTime() {
        return releasedArrival;
    }

    /** @return the configuration, with the capacity as rounded */
    public Config config() {
        return config;
    }

    /** @return valid RTP packets given to {@link #insert} within the size limit, kept or not */
    public long received() {
        return receivedCount;
    }

    /** @return packets dropped because their sequence number was held or released already */
    public long duplicates() {
        return duplicateCount;
    }

    /** @return packets dropped because their sequence number had been given up or was too old */
    public long late() {
        return lateCount;
    }

    /** @return sequence numbers given up without their packet ever arriving (deadline or overflow) */
    public long lost() {
        return lostCount;
    }

    /** @return received packets discarded unreleased because the buffer was full */
    public long overflow() {
        return overflowCount;
    }

    /** @return packets dropped for being longer than {@link Config#maxPacketSize()} */
    public long tooLarge() {
        return tooLargeCount;
    }

    /** @return inputs dropped for not being valid RTP */
    public long malformed() {
        return malformedCount;
    }

    /**
     * @return restarts of the sequence (jumps of {@link Config#maxJump()} or more); the packets
     *     held at a restart are discarded without being counted elsewhere
     */
    public long resets() {
        return resetCount;
    }

    /** @return the number of packets held now */
    public int depth() {
        return depth;
    }

    /** @return the most packets held at once */
    public int maxDepth() {
        return maxDepth;
    }
}
