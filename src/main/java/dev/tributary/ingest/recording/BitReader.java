package dev.tributary.ingest.recording;

/**
 * Reads bits most significant first from a byte array, as codec headers are written. Reading past
 * the end throws {@link RecordingException}, so a truncated header never becomes an
 * {@code IndexOutOfBoundsException}.
 */
final class BitReader {

    private final byte[] data;
    private final int end;
    private long bitPos;

    BitReader(byte[] data, int offset, int length) {
        this.data = data;
        this.end = offset + length;
        this.bitPos = (long) offset * 8;
    }

    int bit() {
        if (bitPos >= (long) end * 8) {
            throw new RecordingException("codec header truncated");
        }
        int b = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }

    boolean flag() {
        return bit() == 1;
    }

    /** Up to 32 bits as an unsigned value. */
    long bits(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    int bitsInt(int n) {
        return (int) bits(n);
    }

    void skip(int n) {
        for (int i = 0; i < n; i++) {
            bit();
        }
    }

    /** Exp-Golomb ue(v) (H.264 §9.1), limited to 31 bits of prefix. */
    int ue() {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 31) {
                throw new RecordingException("invalid Exp-Golomb code");
            }
        }
        return (int) ((1L << zeros) - 1 + bits(zeros));
    }

    /** Exp-Golomb se(v). */
    int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** AV1 uvlc() (AV1 §4.10.3). */
    long uvlc() {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros >= 32) {
                return (1L << 32) - 1;
            }
        }
        return (1L << zeros) - 1 + bits(zeros);
    }
}
