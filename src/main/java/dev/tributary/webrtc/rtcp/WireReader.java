package dev.tributary.webrtc.rtcp;

import dev.tributary.webrtc.ParseException;
import java.util.List;

/**
 * A bounds-checked big-endian cursor over one region of a datagram. Every read checks what is
 * left first, so a parser built on it can only fail with {@link ParseException}; offsets in the
 * messages are relative to the start of the datagram.
 */
final class WireReader {

    private final byte[] buf;
    private final int base;
    private final int end;
    private int pos;

    /**
     * @param base index in {@code buf} of the datagram's first byte (for error offsets)
     * @param pos index of the first byte this reader covers
     * @param end index just after the last byte this reader covers
     */
    WireReader(byte[] buf, int base, int pos, int end) {
        this.buf = buf;
        this.base = base;
        this.pos = pos;
        this.end = end;
    }

    /** A second reader over the same region, starting where this one is now. */
    WireReader duplicate() {
        return new WireReader(buf, base, pos, end);
    }

    int remaining() {
        return end - pos;
    }

    /** Position relative to the start of the datagram. */
    int offset() {
        return pos - base;
    }

    ParseException error(String message) {
        return new ParseException(message, pos - base);
    }

    /** Throws unless {@code n} more bytes are available for {@code what}. */
    void need(int n, String what) {
        if (n < 0 || n > end - pos) {
            throw error(what + " needs " + n + " bytes but " + (end - pos) + " remain");
        }
    }

    /**
     * Throws unless {@code n} more bytes are available for {@code count} items of {@code what};
     * the message is only built when it is thrown.
     */
    void need(int n, int count, String what) {
        if (n < 0 || n > end - pos) {
            throw error(count + " " + what + " need " + n + " bytes but " + (end - pos) + " remain");
        }
    }

    int u8() {
        need(1, "field");
        return buf[pos++] & 0xFF;
    }

    int u16() {
        need(2, "field");
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int s16() {
        return (short) u16();
    }

    /** A 24-bit two's-complement value. */
    int s24() {
        need(3, "field");
        int v = (buf[pos] << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    long u32() {
        need(4, "field");
        long v = ((long) (buf[pos] & 0xFF) << 24)
                | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long u64() {
        return (u32() << 32) | u32();
    }

    /** Reads {@code count} 32-bit SSRCs, {@code what} naming them in an error. */
    List<Long> ssrcs(int count, String what) {
        need(4 * count, count, what);
        Long[] ssrcs = new Long[count];
        for (int i = 0; i < count; i++) {
            ssrcs[i] = u32();
        }
        return List.of(ssrcs);
    }

    RawBytes bytes(int n) {
        need(n, "field");
        RawBytes bytes = RawBytes.copyOf(buf, pos, n);
        pos += n;
        return bytes;
    }

    /** The rest of the region; it must be whole 32-bit words (an extension, data or FCI). */
    RawBytes words(String what) {
        if (remaining() % 4 != 0) {
            throw error(what + " of " + remaining() + " bytes is not a whole number of 32-bit words");
        }
        return bytes(remaining());
    }

    /** Whether the next bytes are {@code prefix}; reads nothing. */
    boolean startsWith(byte[] prefix) {
        if (prefix.length > end - pos) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    void skip(int n) {
        need(n, "field");
        pos += n;
    }

    /** Throws unless the region has been read to its end. */
    void expectEnd(String what) {
        if (pos != end) {
            throw error(remaining() + " unexpected bytes after " + what);
        }
    }
}
