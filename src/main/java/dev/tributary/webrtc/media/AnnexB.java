package dev.tributary.webrtc.media;

/** Start codes of the H.264 Annex B byte stream. */
final class AnnexB {

    private AnnexB() {}

    /**
     * @return the index of the next 3-byte start code 00 00 01 at or after {@code from}, counting
     *     a preceding zero byte as part of it (4-byte form); {@code end} if there is none
     */
    static int nextStartCode(byte[] buf, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if ((buf[i + 2] & 0xFF) > 1) {
                i += 2;
            } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
                return i > from && buf[i - 1] == 0 ? i - 1 : i;
            }
        }
        return end;
    }

    /** @return 4 if a 00 00 00 01 start code is at {@code at}, else 3 */
    static int startCodeLength(byte[] buf, int at) {
        return buf[at + 2] == 0 ? 4 : 3;
    }

    static boolean allZero(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
