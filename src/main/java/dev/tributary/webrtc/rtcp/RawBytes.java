package dev.tributary.webrtc.rtcp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable run of bytes that a packet carries without interpreting: an SR/RR profile
 * extension, APP data, the FCI of an unmodelled feedback message, an SDES item's value, a whole
 * unknown packet. Equality is by content, so records holding it compare as values.
 */
public final class RawBytes {

    /** No bytes. */
    public static final RawBytes EMPTY = new RawBytes(new byte[0]);

    private final byte[] bytes;

    private RawBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Copies {@code bytes}.
     *
     * @throws NullPointerException if {@code bytes} is null
     */
    public static RawBytes copyOf(byte[] bytes) {
        return copyOf(bytes, 0, bytes.length);
    }

    /**
     * Copies {@code len} bytes of {@code buf} from {@code off}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code buf}
     */
    public static RawBytes copyOf(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return len == 0 ? EMPTY : new RawBytes(Arrays.copyOfRange(buf, off, off + len));
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /**
     * The byte at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..length()-1}
     */
    public byte get(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Copies the bytes into {@code dst} at {@code off}.
     *
     * @return the offset just after the copied bytes
     * @throws IndexOutOfBoundsException if they do not fit
     */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
        return off + bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes in lower-case hex. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
