package dev.tributary.ingest.recording;

/** H.264 Annex B byte stream to the length-prefixed form MP4 and Matroska store with avcC. */
final class AnnexB {

    private AnnexB() {
    }

    /**
     * Rewrites the access unit in {@code src} with each start code (3 or 4 bytes) replaced by a
     * 4-byte big-endian NAL unit length; trailing zero bytes of a NAL unit are dropped.
     *
     * @param out at least {@code length + length / 3 + 4} bytes
     * @return the length written, or -1 if {@code src} does not start with a start code, holds no
     *     NAL unit, or a NAL unit has its forbidden bit set
     */
    static int toLengthPrefixed(byte[] src, int offset, int length, byte[] out) {
        int end = offset + length;
        int nal = startCodeEnd(src, offset, end);
        if (nal < 0) {
            return -1;
        }
        int written = 0;
        while (nal < end) {
            int next = nextStartCode(src, nal, end);
            int nextNal = next < 0 ? -1 : next + 3;
            int nalEnd = next < 0 ? end : next;
            while (nalEnd > nal && src[nalEnd - 1] == 0) {
                nalEnd--;
            }
            int size = nalEnd - nal;
            if (size > 0) {
                if ((src[nal] & 0x80) != 0) {
                    return -1;
                }
                out[written] = (byte) (size >>> 24);
                out[written + 1] = (byte) (size >>> 16);
                out[written + 2] = (byte) (size >>> 8);
                out[written + 3] = (byte) size;
                System.arraycopy(src, nal, out, written + 4, size);
                written += 4 + size;
            }
            if (nextNal < 0) {
                break;
            }
            nal = nextNal;
        }
        return written == 0 ? -1 : written;
    }

    /**
     * The index of the next {@code 00 00 01} at or after {@code from}, or -1. When the third byte
     * of a window is neither 0 nor 1, no start code can begin at any of its three positions, so
     * the scan moves three bytes at a time through slice data: this runs for every byte of
     * every video frame written.
     */
    private static int nextStartCode(byte[] src, int from, int end) {
        int i = from;
        while (i + 2 < end) {
            byte third = src[i + 2];
            if (third > 1 || third < 0) {
                i += 3;
            } else if (third == 1 && src[i + 1] == 0 && src[i] == 0) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int startCodeEnd(byte[] src, int offset, int end) {
        if (end - offset >= 4 && src[offset] == 0 && src[offset + 1] == 0 && src[offset + 2] == 0
                && src[offset + 3] == 1) {
            return offset + 4;
        }
        if (end - offset >= 3 && src[offset] == 0 && src[offset + 1] == 0 && src[offset + 2] == 1) {
            return offset + 3;
        }
        return -1;
    }
}
