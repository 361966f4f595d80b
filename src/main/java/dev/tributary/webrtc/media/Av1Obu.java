package dev.tributary.webrtc.media;

/** AV1 OBU header fields and leb128 (AV1 bitstream specification §4.10.5, §5.3). */
final class Av1Obu {

    static final int SEQUENCE_HEADER = 1;
    static final int TEMPORAL_DELIMITER = 2;
    static final int FRAME_HEADER = 3;
    static final int FRAME = 6;
    static final int TILE_LIST = 8;

    static final int HAS_SIZE_FIELD = 0x02;
    static final int EXTENSION_FLAG = 0x04;

    private Av1Obu() {}

    static int type(int header) {
        return header >>> 3 & 0xF;
    }

    /** @return 2 if the header has the extension byte, else 1 */
    static int headerLength(int header) {
        return (header & EXTENSION_FLAG) != 0 ? 2 : 1;
    }

    /**
     * Reads a leb128 of at most 8 bytes whose value is at most 2<sup>32</sup>-1.
     *
     * @return the value shifted left by 8 bits, ORed with the number of bytes read; -1 if the
     *     field runs past {@code end} or is too large
     */
    static long readLeb128(byte[] buf, int pos, int end) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            if (pos + i >= end) {
                return -1;
            }
            int b = buf[pos + i] & 0xFF;
            value |= (long) (b & 0x7F) << 7 * i;
            if ((b & 0x80) == 0) {
                return value > 0xFFFF_FFFFL ? -1 : value << 8 | (i + 1);
            }
        }
        return -1;
    }

    static int leb128Size(int value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** @return the position after the written value */
    static int writeLeb128(byte[] buf, int pos, int value) {
        while (value >= 0x80) {
            buf[pos++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }

    /**
     * Whether a frame or frame header OBU's payload starts a key frame (§5.9.2): {@code
     * show_existing_frame} clear and {@code frame_type} KEY_FRAME, or any frame in a reduced
     * still picture sequence.
     */
    static boolean isKeyFrameHeader(byte[] buf, int payload, int payloadLength, boolean reducedStillPicture) {
        if (reducedStillPicture) {
            return true;
        }
        return payloadLength > 0 && (buf[payload] & 0x80) == 0 && (buf[payload] >>> 5 & 3) == 0;
    }

    /** reduced_still_picture_header of a sequence header OBU payload (§5.5.1). */
    static boolean reducedStillPicture(byte[] buf, int payload, int payloadLength) {
        return payloadLength > 0 && (buf[payload] & 0x08) != 0;
    }
}
