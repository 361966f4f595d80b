package dev.tributary.webrtc.stun;

import java.util.Arrays;

/** A growable big-endian output buffer for encoding one STUN message. */
final class ByteWriter {

    private byte[] buf;
    private int pos;

    ByteWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    int position() {
        return pos;
    }

    /** The internal array; valid up to {@link #position()}. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void i64(long v) {
        i32((int) (v >>> 32));
        i32((int) v);
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void fill(int count, byte value) {
        ensure(count);
        Arrays.fill(buf, pos, pos + count, value);
        pos += count;
    }

    void setU16(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    private void ensure(int n) {
        if (buf.length - pos < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
