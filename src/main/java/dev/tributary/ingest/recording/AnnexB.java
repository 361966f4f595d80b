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
            int next = nal;
            int nextNal = -1;
            while (next + 2 < end) {
                if (src[next] == 0 && src[next + 1] == 0 && src[next + 2] == 1) {
                    nextNal = next + 3;
                    break;
                }
                next++;
            }
            int nalEnd = nextNal < 0 ? end : next;
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
