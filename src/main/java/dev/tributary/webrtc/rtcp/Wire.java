package dev.tributary.webrtc.rtcp;

import java.util.List;
import java.util.Objects;

/** Big-endian writing and argument checks shared by the packet records. */
final class Wire {

    /** The common RTCP header: V, P, count, PT and length (RFC 3550 §6.4.1). */
    static final int HEADER_LENGTH = 4;

    /** The 16-bit length field counts 32-bit words minus one, so a packet is at most 2^18 bytes. */
    static final int MAX_PACKET_LENGTH = 65536 * 4;

    /** Largest value of the 5-bit count field (report count, source count, FMT, subtype). */
    static final int MAX_COUNT = 31;

    private Wire() {}

    static long checkU32(long value, String name) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException(name + " must fit in 32 unsigned bits: " + value);
        }
        return value;
    }

    static void checkFeedbackSsrcs(long senderSsrc, long mediaSsrc) {
        checkU32(senderSsrc, "senderSsrc");
        checkU32(mediaSsrc, "mediaSsrc");
    }

    static int checkRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
        return value;
    }

    static void checkCount(List<?> list, String name) {
        if (list.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "at most " + MAX_COUNT + " " + name + " fit in one packet: " + list.size());
        }
    }

    static void checkPacketLength(int length) {
        if (length > MAX_PACKET_LENGTH) {
            throw new IllegalArgumentException(
                    "packet of " + length + " bytes exceeds the RTCP maximum of " + MAX_PACKET_LENGTH);
        }
    }

    static void checkWords(RawBytes bytes, String name) {
        if (bytes.length() % 4 != 0) {
            throw new IllegalArgumentException(
                    name + " must be a whole number of 32-bit words: " + bytes.length() + " bytes");
        }
    }

    static void checkSsrcs(List<Long> ssrcs, String name) {
        for (Long ssrc : ssrcs) {
            checkU32(ssrc, name);
        }
    }

    static int paddedTo4(int length) {
        return (length + 3) & ~3;
    }

    /**
     * Writes the common header of a packet of {@code length} bytes (a multiple of 4) after checking
     * that the whole packet fits in {@code buf}.
     *
     * @return the offset just after the header
     */
    static int writeHeader(byte[] buf, int off, int count, int packetType, int length) {
        Objects.checkFromIndexSize(off, length, buf.length);
        buf[off] = (byte) (0x80 | count);
        buf[off + 1] = (byte) packetType;
        put16(buf, off + 2, length / 4 - 1);
        return off + HEADER_LENGTH;
    }

    /**
     * Writes the common header and the two SSRCs of a feedback message (RFC 4585 §6.1).
     *
     * @return the offset of the FCI
     */
    static int writeFeedbackHeader(byte[] buf, int off, FeedbackMessage message, int length) {
        int pos = writeHeader(buf, off, message.fmt(), message.packetType(), length);
        put32(buf, pos, message.senderSsrc());
        put32(buf, pos + 4, message.mediaSsrc());
        return pos + 8;
    }

    static void put16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }

    static void put24(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 16);
        buf[off + 1] = (byte) (value >>> 8);
        buf[off + 2] = (byte) value;
    }

    static void put32(byte[] buf, int off, long value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }

    static void put64(byte[] buf, int off, long value) {
        put32(buf, off, value >>> 32);
        put32(buf, off + 4, value);
    }

    /** Writes each SSRC as a 32-bit word and returns the offset after the last. */
    static int putSsrcs(byte[] buf, int off, List<Long> ssrcs) {
        int pos = off;
        for (Long ssrc : ssrcs) {
            put32(buf, pos, ssrc);
            pos += 4;
        }
        return pos;
    }
}
