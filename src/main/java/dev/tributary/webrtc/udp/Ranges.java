package dev.tributary.webrtc.udp;

/** Argument checks shared by the classes of this package. */
final class Ranges {

    private Ranges() {}

    static void check(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException(
                    "range [" + off + ", " + off + "+" + len + ") outside buffer of " + buf.length);
        }
    }
}
