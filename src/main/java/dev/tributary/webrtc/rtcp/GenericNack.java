package dev.tributary.webrtc.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A generic NACK (RFC 4585 §6.2.1, RTPFB FMT 1): the receiver asks for the retransmission of the
 * listed RTP packets of one media source.
 *
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the SSRC of the media source whose packets were lost
 * @param items the PID/BLP pairs, at least one
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<Item> items) implements FeedbackMessage {

    /**
     * @throws IllegalArgumentException if an SSRC does not fit 32 bits, there is no item, or too
     *     many for one packet
     * @throws NullPointerException if the list or an item is null
     */
    public GenericNack {
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a generic NACK needs at least one item (RFC 4585 §6.2.1)");
        }
        Wire.checkPacketLength(Wire.HEADER_LENGTH + 8 + 4 * items.size());
    }

    /**
     * A NACK for the given lost sequence numbers, packed into the fewest PID/BLP items
     * ({@link #pack}).
     *
     * @throws IllegalArgumentException if an SSRC does not fit 32 bits, no sequence number is
     *     given, or one is outside {@code 0..65535}
     */
    public static GenericNack of(long senderSsrc, long mediaSsrc, Collection<Integer> lostSequenceNumbers) {
        return new GenericNack(senderSsrc, mediaSsrc, pack(lostSequenceNumbers));
    }

    /**
     * Packs lost sequence numbers into the fewest PID/BLP items. Duplicates are ignored. Sequence
     * numbers wrap at 2^16: the set is taken to start just after the widest gap between its
     * members, so {@code 65534, 65535, 0, 1} is one item with PID 65534, whatever order they come
     * in. Greedily starting each item at the first number not yet covered gives the minimal count.
     *
     * @return the items in sequence order, empty if the collection is empty
     * @throws IllegalArgumentException if a number is outside {@code 0..65535}
     * @throws NullPointerException if the collection or a member is null
     */
    public static List<Item> pack(Collection<Integer> lostSequenceNumbers) {
        int[] sorted = lostSequenceNumbers.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        if (sorted.length == 0) {
            return List.of();
        }
        for (int seq : sorted) {
            Wire.checkRange(seq, 0, 0xFFFF, "sequence number");
        }
        int start = startAfterWidestGap(sorted);
        List<Item> items = new ArrayList<>();
        int pid = -1;
        int blp = 0;
        for (int i = 0; i < sorted.length; i++) {
            int seq = sorted[(start + i) % sorted.length];
            int distance = (seq - pid) & 0xFFFF;
            if (pid >= 0 && distance >= 1 && distance <= 16) {
                blp |= 1 << (distance - 1);
            } else {
                if (pid >= 0) {
                    items.add(new Item(pid, blp));
                }
                pid = seq;
                blp = 0;
            }
        }
        items.add(new Item(pid, blp));
        return List.copyOf(items);
    }

    /** Index in {@code sorted} of the member that follows the widest circular gap. */
    private static int startAfterWidestGap(int[] sorted) {
        int start = 0;
        int widest = sorted[0] + 0x10000 - sorted[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) {
            int gap = sorted[i] - sorted[i - 1];
            if (gap > widest) {
                widest = gap;
                start = i;
            }
        }
        return start;
    }

    /** Every sequence number the items ask for, item by item, each PID before its BLP bits. */
    public List<Integer> lostSequenceNumbers() {
        List<Integer> lost = new ArrayList<>();
        for (Item item : items) {
            item.addLostTo(lost);
        }
        return List.copyOf(lost);
    }

    @Override
    public int fmt() {
        return FMT_NACK;
    }

    @Override
    public int packetType() {
        return TYPE_RTPFB;
    }

    @Override
    public int encodedLength() {
        return Wire.HEADER_LENGTH + 8 + 4 * items.size();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeFeedbackHeader(buf, off, this, length);
        for (Item item : items) {
            Wire.put16(buf, pos, item.packetId());
            Wire.put16(buf, pos + 2, item.lostBitmask());
            pos += 4;
        }
        return length;
    }

    /** Parses the FCI of a generic NACK. */
    static GenericNack decode(WireReader r, long senderSsrc, long mediaSsrc) {
        if (r.remaining() == 0 || r.remaining() % 4 != 0) {
            throw r.error("generic NACK FCI of " + r.remaining() + " bytes is not one or more 4-byte items");
        }
        Item[] items = new Item[r.remaining() / 4];
        for (int i = 0; i < items.length; i++) {
            items[i] = new Item(r.u16(), r.u16());
        }
        return new GenericNack(senderSsrc, mediaSsrc, Arrays.asList(items));
    }

    /**
     * One FCI entry: the packet ID (PID) of a lost packet and a bitmask of following lost packets
     * (BLP), bit {@code i} meaning PID+i+1 (RFC 4585 §6.2.1).
     *
     * @param packetId PID, {@code 0..65535}
     * @param lostBitmask BLP, {@code 0..65535}
     */
    public record Item(int packetId, int lostBitmask) {

        /**
         * @throws IllegalArgumentException if a field does not fit 16 bits
         */
        public Item {
            Wire.checkRange(packetId, 0, 0xFFFF, "packetId");
            Wire.checkRange(lostBitmask, 0, 0xFFFF, "lostBitmask");
        }

        /** The PID and then each sequence number the BLP marks, modulo 2^16. */
        public List<Integer> lostSequenceNumbers() {
            List<Integer> lost = new ArrayList<>(17);
            addLostTo(lost);
            return List.copyOf(lost);
        }

        private void addLostTo(List<Integer> lost) {
            lost.add(packetId);
            for (int bit = 0; bit < 16; bit++) {
                if ((lostBitmask & (1 << bit)) != 0) {
                    lost.add((packetId + bit + 1) & 0xFFFF);
                }
            }
        }
    }
}
