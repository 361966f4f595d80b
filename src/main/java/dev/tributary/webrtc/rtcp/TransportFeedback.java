package dev.tributary.webrtc.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1, RTPFB FMT 15): for a range of transport-wide sequence numbers, which packets arrived and
 * when.
 *
 * <p>The model is what sender and receiver work with rather than the chunk layout: the range
 * ({@link #baseSequence}, {@link #packetStatusCount}), the reference time, and the received
 * packets with their receive deltas; every other sequence number in the range was not received.
 * Writing chooses the chunks: run-length chunks for runs of at least 14 equal statuses (and for a
 * final run), one-bit status vectors where 14 statuses need no large delta, and otherwise
 * run-length chunks for runs of at least 7 or two-bit vectors. Symbols beyond the status count in
 * a final vector are "not received" (Pion reads the whole vector and would otherwise look for
 * deltas of packets that do not exist), and 1–3 zero bytes pad the deltas to a 32-bit boundary
 * without setting the padding bit, as the draft's figure shows, so the packet may stand anywhere
 * in a compound; libwebrtc and Pion parse this. Parsing also accepts libwebrtc's padding-bit form.
 *
 * <p>Parsing allocates one record per received packet and nothing per lost one, so a small packet
 * announcing 65535 statuses in run-length chunks stays small (libwebrtc's model is the same).
 *
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the media source SSRC (libwebrtc sends the SSRC of one of its media streams;
 *     the feedback is about all of them)
 * @param baseSequence the transport-wide sequence number of the first status, {@code 0..65535}
 * @param packetStatusCount how many sequence numbers from the base are reported, {@code 1..65535}
 * @param referenceTime the 24-bit signed reference time in units of 64 ms
 *     ({@link #referenceTimeMicros()}); its origin is the receiver's and it wraps, so only
 *     differences between feedback packets mean something
 * @param feedbackPacketCount the 8-bit count of feedback packets sent, to detect lost feedback
 * @param receivedPackets the received packets in sequence order, each in the reported range
 */
public record TransportFeedback(
        long senderSsrc,
        long mediaSsrc,
        int baseSequence,
        int packetStatusCount,
        int referenceTime,
        int feedbackPacketCount,
        List<ReceivedPacket> receivedPackets)
        implements FeedbackMessage {

    /** The unit of receive deltas. */
    public static final int DELTA_TICK_MICROS = 250;

    /** The unit of the reference time. */
    public static final int REFERENCE_TICK_MICROS = 64_000;

    /** SSRCs, base sequence, status count, reference time and feedback packet count. */
    private static final int FIXED_LENGTH = Wire.HEADER_LENGTH + 16;
    private static final int MAX_RUN_LENGTH = 0x1FFF;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int TWO_BIT_CAPACITY = 7;
    private static final int SYMBOL_NOT_RECEIVED = 0;
    private static final int SYMBOL_SMALL_DELTA = 1;
    private static final int SYMBOL_LARGE_DELTA = 2;

    /**
     * @throws IllegalArgumentException if a field does not fit its wire size, or the received
     *     packets are not in strictly increasing order within the reported range
     * @throws NullPointerException if the list or a packet is null
     */
    public TransportFeedback {
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
        Wire.checkRange(baseSequence, 0, 0xFFFF, "baseSequence");
        Wire.checkRange(packetStatusCount, 1, 0xFFFF, "packetStatusCount");
        Wire.checkRange(referenceTime, -(1 << 23), (1 << 23) - 1, "referenceTime");
        Wire.checkRange(feedbackPacketCount, 0, 255, "feedbackPacketCount");
        receivedPackets = List.copyOf(receivedPackets);
        int previous = -1;
        for (ReceivedPacket packet : receivedPackets) {
            int offset = (packet.sequence() - baseSequence) & 0xFFFF;
            if (offset <= previous || offset >= packetStatusCount) {
                throw new IllegalArgumentException("received packet " + packet.sequence()
                        + " is out of order or outside " + packetStatusCount + " statuses from "
                        + baseSequence);
            }
            previous = offset;
        }
    }

    /**
     * Starts feedback for sequence numbers from {@code baseSequence}, whose reference time is
     * {@code referenceTimeMicros} (on the receiver's clock) rounded down to 64 ms.
     *
     * @throws IllegalArgumentException if an SSRC, the base sequence or the feedback packet count
     *     does not fit its field
     */
    public static Builder builder(
            long senderSsrc,
            long mediaSsrc,
            int baseSequence,
            long referenceTimeMicros,
            int feedbackPacketCount) {
        return new Builder(senderSsrc, mediaSsrc, baseSequence, referenceTimeMicros, feedbackPacketCount);
    }

    /** The reference time in microseconds: {@code referenceTime * 64000}. */
    public long referenceTimeMicros() {
        return (long) referenceTime * REFERENCE_TICK_MICROS;
    }

    /**
     * The arrival time of each received packet (same order as {@link #receivedPackets()}) in
     * microseconds on the receiver's clock: the reference time plus the deltas so far.
     */
    public long[] arrivalTimesMicros() {
        long[] times = new long[receivedPackets.size()];
        long time = referenceTimeMicros();
        for (int i = 0; i < times.length; i++) {
            time += receivedPackets.get(i).deltaMicros();
            times[i] = time;
        }
        return times;
    }

    @Override
    public int fmt() {
        return FMT_TWCC;
    }

    @Override
    public int packetType() {
        return TYPE_RTPFB;
    }

    @Override
    public int encodedLength() {
        ChunkEncoder chunks = new ChunkEncoder(this);
        int chunkCount = 0;
        while (chunks.hasNext()) {
            chunks.next();
            chunkCount++;
        }
        return Wire.paddedTo4(FIXED_LENGTH + 2 * chunkCount + deltaBytes());
    }

    private int deltaBytes() {
        int bytes = 0;
        for (ReceivedPacket packet : receivedPackets) {
            bytes += packet.symbol();
        }
        return bytes;
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeFeedbackHeader(buf, off, this, length);
        Wire.put16(buf, pos, baseSequence);
        Wire.put16(buf, pos + 2, packetStatusCount);
        Wire.put24(buf, pos + 4, referenceTime);
        buf[pos + 7] = (byte) feedbackPacketCount;
        pos += 8;
        ChunkEncoder chunks = new ChunkEncoder(this);
        while (chunks.hasNext()) {
            Wire.put16(buf, pos, chunks.next());
            pos += 2;
        }
        for (ReceivedPacket packet : receivedPackets) {
            int ticks = packet.deltaTicks();
            if (packet.symbol() == SYMBOL_SMALL_DELTA) {
                buf[pos++] = (byte) ticks;
            } else {
                Wire.put16(buf, pos, ticks);
                pos += 2;
            }
        }
        while (pos < off + length) {
            buf[pos++] = 0;
        }
        return length;
    }

    /**
     * Parses the FCI of transport-wide feedback. The chunks are walked once to check that they
     * cover the status count and that the deltas they call for are present before anything is
     * allocated, so the allocation is bounded by the packet length and not by the count field.
     */
    static TransportFeedback decode(WireReader r, long senderSsrc, long mediaSsrc) {
        r.need(8, "transport-wide CC header");
        int baseSequence = r.u16();
        int statusCount = r.u16();
        int referenceTime = r.s24();
        int feedbackPacketCount = r.u8();
        if (statusCount == 0) {
            throw r.error("transport-wide CC feedback with a packet status count of 0");
        }
        WireReader chunkReader = r.duplicate();
        StatusRuns runs = new StatusRuns(chunkReader, statusCount);
        int received = 0;
        int deltaBytes = 0;
        while (runs.advance()) {
            if (runs.symbol != SYMBOL_NOT_RECEIVED) {
                received += runs.length;
                deltaBytes += runs.length * runs.symbol;
            }
        }
        WireReader deltas = chunkReader.duplicate();
        deltas.need(deltaBytes, received, "receive deltas");
        if (deltas.remaining() - deltaBytes > 3) {
            throw deltas.error((deltas.remaining() - deltaBytes) + " bytes after the receive deltas");
        }
        ReceivedPacket[] packets = new ReceivedPacket[received];
        runs = new StatusRuns(r, statusCount);
        int offset = 0;
        int index = 0;
        while (runs.advance()) {
            if (runs.symbol == SYMBOL_NOT_RECEIVED) {
                offset += runs.length;
                continue;
            }
            for (int i = 0; i < runs.length; i++) {
                int ticks = runs.symbol == SYMBOL_SMALL_DELTA ? deltas.u8() : deltas.s16();
                int sequence = (baseSequence + offset) & 0xFFFF;
                packets[index++] = new ReceivedPacket(sequence, (long) ticks * DELTA_TICK_MICROS);
                offset++;
            }
        }
        return new TransportFeedback(senderSsrc, mediaSsrc, baseSequence, statusCount, referenceTime,
                feedbackPacketCount, Arrays.asList(packets));
    }

    /** How many symbols a status vector chunk of {@code bits}-bit symbols holds. */
    private static int capacity(int bits) {
        return bits == 1 ? ONE_BIT_CAPACITY : TWO_BIT_CAPACITY;
    }

    /**
     * A received packet and its receive delta: the time since the previous received packet of the
     * feedback, or since the reference time for the first.
     *
     * @param sequence the transport-wide sequence number, {@code 0..65535}
     * @param deltaMicros a multiple of 250 µs in {@code -8192000..8191750} (16-bit signed ticks);
     *     deltas of 0..63750 µs take one byte on the wire, others two
     */
    public record ReceivedPacket(int sequence, long deltaMicros) {

        /**
         * @throws IllegalArgumentException if the sequence number does not fit 16 bits or the
         *     delta is not a multiple of 250 µs in the 16-bit signed tick range
         */
        public ReceivedPacket {
            Wire.checkRange(sequence, 0, 0xFFFF, "sequence");
            if (deltaMicros % DELTA_TICK_MICROS != 0
                    || deltaMicros < (long) Short.MIN_VALUE * DELTA_TICK_MICROS
                    || deltaMicros > (long) Short.MAX_VALUE * DELTA_TICK_MICROS) {
                throw new IllegalArgumentException(
                        "deltaMicros must be a multiple of 250 in 16 signed bits of ticks: " + deltaMicros);
            }
        }

        int deltaTicks() {
            return (int) (deltaMicros / DELTA_TICK_MICROS);
        }

        /** The status symbol, which is also the delta's size in bytes. */
        int symbol() {
            int ticks = deltaTicks();
            return ticks >= 0 && ticks <= 0xFF ? SYMBOL_SMALL_DELTA : SYMBOL_LARGE_DELTA;
        }
    }

    /**
     * Builds feedback the way a receiver collects it: packet by packet as they arrive, with
     * arrival times on its own clock. Deltas are rounded to 250 µs against the running sum of
     * earlier rounded deltas, so rounding errors do not accumulate. Not thread-safe.
     */
    public static final class Builder {

        private final long senderSsrc;
        private final long mediaSsrc;
        private final int baseSequence;
        private final int referenceTime;
        private final int feedbackPacketCount;
        private final List<ReceivedPacket> packets = new ArrayList<>();
        private long lastMicros;
        private int statusCount;

        private Builder(
                long senderSsrc,
            long mediaSsrc,
            int baseSequence,
            long referenceTimeMicros,
            int feedbackPacketCount) {
            this.senderSsrc = Wire.checkU32(senderSsrc, "senderSsrc");
            this.mediaSsrc = Wire.checkU32(mediaSsrc, "mediaSsrc");
            this.baseSequence = Wire.checkRange(baseSequence, 0, 0xFFFF, "baseSequence");
            this.feedbackPacketCount = Wire.checkRange(feedbackPacketCount, 0, 255, "feedbackPacketCount");
            long ticks = Math.floorDiv(referenceTimeMicros, REFERENCE_TICK_MICROS);
            this.referenceTime = (int) (ticks << 40 >> 40);
            this.lastMicros = ticks * REFERENCE_TICK_MICROS;
        }

        /**
         * Adds a packet that arrived at {@code arrivalMicros}; sequence numbers skipped since the
         * previous one are reported as not received.
         *
         * @return false, adding nothing, if the packet cannot be added to this feedback: its
         *     sequence number is not after the last one added (wrap-aware), the status count would
         *     exceed 65535, or its delta does not fit 16 signed bits of 250 µs (start a new
         *     feedback packet then, as libwebrtc does)
         * @throws IllegalArgumentException if {@code sequence} is not in {@code 0..65535}
         */
        public boolean addReceived(int sequence, long arrivalMicros) {
            Wire.checkRange(sequence, 0, 0xFFFF, "sequence");
            int offset = (sequence - baseSequence) & 0xFFFF;
            // Newer than the last status means 1..2^15-1 ahead of it, modulo 2^16 (RFC 3550 A.1).
            int aheadOfLast = offset - (statusCount - 1);
            if (offset < statusCount || aheadOfLast >= 0x8000 || offset == 0xFFFF) {
                return false;
            }
            long ticks = Math.floorDiv(arrivalMicros - lastMicros + DELTA_TICK_MICROS / 2, DELTA_TICK_MICROS);
            if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
                return false;
            }
            packets.add(new ReceivedPacket(sequence, ticks * DELTA_TICK_MICROS));
            lastMicros += ticks * DELTA_TICK_MICROS;
            statusCount = offset + 1;
            return true;
        }

        /** Statuses so far: from the base sequence to the last packet added. */
        public int packetStatusCount() {
            return statusCount;
        }

        /**
         * The feedback with the packets added so far.
         *
         * @throws IllegalArgumentException if no packet was added (empty feedback is invalid:
         *     libwebrtc rejects a status count of 0)
         */
        public TransportFeedback build() {
            return new TransportFeedback(senderSsrc, mediaSsrc, baseSequence, statusCount, referenceTime,
                    feedbackPacketCount, packets);
        }
    }

    /**
     * Reads packet status chunks as runs of equal symbols: a run-length chunk is one run, each
     * symbol of a status vector a run of one. Stops after the status count, ignoring the unused
     * tail of the last vector.
     */
    private static final class StatusRuns {

        private final WireReader r;
        private final int count;
        private int covered;
        private int vector;
        private int vectorBits;
        private int vectorIndex;
        private int vectorSize;
        int symbol;
        int length;

        StatusRuns(WireReader r, int count) {
            this.r = r;
            this.count = count;
        }

        /** Moves to the next run; false once the status count is covered. */
        boolean advance() {
            while (covered < count) {
                if (vectorIndex < vectorSize) {
                    int shift = vectorBits * (capacity(vectorBits) - 1 - vectorIndex);
                    vectorIndex++;
                    return take((vector >>> shift) & ((1 << vectorBits) - 1), 1);
                }
                r.need(2, count - covered, "statuses left without packet status chunks");
                int chunk = r.u16();
                if ((chunk & 0x8000) == 0) {
                    int run = Math.min(chunk & MAX_RUN_LENGTH, count - covered);
                    if (run > 0) {
                        return take((chunk >>> 13) & 3, run);
                    }
                } else {
                    vector = chunk;
                    vectorBits = (chunk & 0x4000) == 0 ? 1 : 2;
                    vectorIndex = 0;
                    vectorSize = Math.min(capacity(vectorBits), count - covered);
                }
            }
            return false;
        }


        private boolean take(int runSymbol, int runLength) {
            if (runSymbol == 3) {
                throw r.error("reserved packet status symbol 3 for status " + covered);
            }
            symbol = runSymbol;
            length = runLength;
            covered += runLength;
            return true;
        }
    }

    /**
     * Chooses the packet status chunks for a feedback's statuses, one chunk per {@link #next()},
     * without materialising a status per sequence number.
     */
    private static final class ChunkEncoder {

        private final List<ReceivedPacket> packets;
        private final int base;
        private final int count;
        private final int[] window = new int[ONE_BIT_CAPACITY];
        private int pos;
        private int next;

        ChunkEncoder(TransportFeedback feedback) {
            this.packets = feedback.receivedPackets;
            this.base = feedback.baseSequence;
            this.count = feedback.packetStatusCount;
        }

        boolean hasNext() {
            return pos < count;
        }

        int next() {
            int remaining = count - pos;
            int width = Math.min(ONE_BIT_CAPACITY, remaining);
            boolean oneBitFits = fillWindow(width);
            int symbol = window[0];
            int run = Math.min(runLength(symbol), MAX_RUN_LENGTH);
            int chunk;
            if (run >= ONE_BIT_CAPACITY || run == remaining) {
                chunk = runLengthChunk(symbol, run);
            } else if (oneBitFits) {
                chunk = vectorChunk(1, width);
            } else if (run >= TWO_BIT_CAPACITY) {
                chunk = runLengthChunk(symbol, run);
            } else {
                chunk = vectorChunk(2, Math.min(TWO_BIT_CAPACITY, remaining));
            }
            return chunk;
        }

        private int offset(int index) {
            return (packets.get(index).sequence() - base) & 0xFFFF;
        }

        /** Sets the symbols of the next {@code width} statuses; true if none is a large delta. */
        private boolean fillWindow(int width) {
            Arrays.fill(window, SYMBOL_NOT_RECEIVED);
            boolean oneBitFits = true;
            for (int i = next; i < packets.size() && offset(i) < pos + width; i++) {
                int symbol = packets.get(i).symbol();
                window[offset(i) - pos] = symbol;
                oneBitFits &= symbol != SYMBOL_LARGE_DELTA;
            }
            return oneBitFits;
        }

        /** How many statuses from the current one share its symbol. */
        private int runLength(int symbol) {
            if (symbol == SYMBOL_NOT_RECEIVED) {
                return (next < packets.size() ? offset(next) : count) - pos;
            }
            int i = next;
            while (i < packets.size() && offset(i) == pos + (i - next) && packets.get(i).symbol() == symbol) {
                i++;
            }
            return i - next;
        }

        private int runLengthChunk(int symbol, int run) {
            advance(run);
            return (symbol << 13) | run;
        }

        private int vectorChunk(int bits, int size) {
            int chunk = bits == 1 ? 0x8000 : 0xC000;
            for (int i = 0; i < size; i++) {
                chunk |= window[i] << (bits * (capacity(bits) - 1 - i));
            }
            advance(size);
            return chunk;
        }

        private void advance(int statuses) {
            pos += statuses;
            while (next < packets.size() && offset(next) < pos) {
                next++;
            }
        }
    }
}
