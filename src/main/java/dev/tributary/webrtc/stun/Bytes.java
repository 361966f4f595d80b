package dev.tributary.webrtc.stun;

/** Big-endian reads and range checks shared by the STUN and ChannelData parsers. */
final class Bytes {

    private Bytes() {}

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    static long i64(byte[] b, int i) {
        return (long) i32(b, i) << 32 | i32(b, i + 4) & 0xFFFF_FFFFL;
    }

    /** Rounds a length up to the 4-byte boundary STUN attributes and ChannelData align to. */
    static int pad4(int length) {
        return length + 3 & ~3;
    }

    /**
     * Checks that {@code [off, off + len)} lies inside {@code buf}: a wrong range is a caller's
     * bug, not malformed input, hence an {@link IllegalArgumentException}.
     */
    static void checkRange(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException(
                    "range [" + off + ", " + off + "+" + len + ") outside buffer of " + buf.length);
        }
    }

    /** Compares in time independent of where the arrays differ, so a MAC cannot be guessed byte by byte. */
    static boolean constantTimeEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
