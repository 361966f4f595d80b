package dev.tributary.webrtc.srtp;

/**
 * The streams of one session keyed by SSRC, at most {@code limit} of them: an open-addressing
 * table with linear probing over primitive keys, so that a lookup neither boxes the SSRC nor
 * allocates. Streams are never removed (a session lives as long as its keys).
 */
final class StreamTable {

    private final StreamState[] slots;
    private final int mask;
    private final int hashShift;
    private final int limit;
    private int size;
    private StreamState last;

    StreamTable(int limit) {
        this.limit = limit;
        // At most half full, so probes stay short and always reach an empty slot.
        int capacity = Integer.highestOneBit(Math.max(limit, 2) * 2 - 1) << 1;
        slots = new StreamState[capacity];
        mask = capacity - 1;
        hashShift = Integer.numberOfLeadingZeros(mask);
    }

    /** The stream of {@code ssrc}, or null if it has none yet. */
    StreamState get(int ssrc) {
        StreamState cached = last;
        if (cached != null && cached.ssrc == ssrc) {
            return cached;
        }
        for (int i = slot(ssrc); ; i = (i + 1) & mask) {
            StreamState stream = slots[i];
            if (stream == null || stream.ssrc == ssrc) {
                if (stream != null) {
                    last = stream;
                }
                return stream;
            }
        }
    }

    boolean isFull() {
        return size == limit;
    }

    /** Adds a stream whose SSRC is not in the table; the caller checked {@link #isFull()}. */
    void add(StreamState stream) {
        int i = slot(stream.ssrc);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = stream;
        size++;
        last = stream;
    }

    private int slot(int ssrc) {
        // Fibonacci hashing: the top bits of the product index the table.
        return (ssrc * 0x9E3779B9) >>> hashShift;
    }
}
