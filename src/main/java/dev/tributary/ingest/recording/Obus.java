package dev.tributary.ingest.recording;

/** Checks of AV1 temporal units in low-overhead bitstream format (AV1 §5.2). */
final class Obus {

    private Obus() {
    }

    /**
     * Whether the bytes are a sequence of OBUs, each with its size field, that exactly fill the
     * range: what Matroska and ISOBMFF store as one sample.
     */
    static boolean isLowOverhead(byte[] data, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        if (length == 0) {
            return false;
        }
        while (pos < end) {
            int header = data[pos] & 0xff;
            if ((header & 0x80) != 0 || (header & 0x02) == 0) {
                return false;
            }
            pos += (header & 0x04) != 0 ? 2 : 1;
            long size = 0;
            int i = 0;
            while (true) {
                if (pos >= end || i == 8) {
                    return false;
                }
                int b = data[pos++] & 0xff;
                size |= (long) (b & 0x7f) << (7 * i++);
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (size > end - pos) {
                return false;
            }
            pos += (int) size;
        }
        return true;
    }
}
