package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;

/**
 * Reads big-endian bit fields and exp-Golomb codes (H.264 §9.1) from a byte range; running past
 * the end throws {@link ParseException}, so header parsers need no bounds checks of their own.
 */
final class BitReader {

    private final byte[] buf;
    private final int start;
    private final int endBit;
    private int bit;

    BitReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.endBit = 8 * length;
    }

    int bit() {
        if (bit >= endBit) {
            throw new ParseException("bit field runs past the end of " + endBit / 8 + " bytes", bit / 8);
        }
        int value = buf[start + (bit >>> 3)] >>> (7 - (bit & 7)) & 1;
        bit++;
        return value;
    }

    boolean flag() {
        return bit() == 1;
    }

    /** @param count 0 to 31 bits */
    int bits(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 1 | bit();
        }
        return value;
    }

    /** ue(v): unsigned exp-Golomb, at most 2<sup>32</sup>-2. */
    long ue() {
        int leadingZeros = 0;
        while (bit() == 0) {
            if (++leadingZeros > 31) {
                throw new ParseException("exp-Golomb code with more than 31 leading zeros", bit / 8);
            }
        }
        long suffix = 0;
        for (int i = 0; i < leadingZeros; i++) {
            suffix = suffix << 1 | bit();
        }
        return (1L << leadingZeros) - 1 + suffix;
    }

    /** ue(v) that must not exceed {@code max}. */
    int ue(String field, int max) {
        long value = ue();
        if (value > max) {
            throw new ParseException(field + " = " + value + " exceeds " + max, bit / 8);
        }
        return (int) value;
    }

    /** se(v): signed exp-Golomb. */
    long se() {
        long k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
