package dev.tributary.webrtc.rtp;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The RTP wire format in one place: validation of a packet, the walk over RFC 8285 extension
 * elements, and big-endian field access. {@link RtpPacket}, {@link ReusableRtpPacket} and the
 * builder share it so that both views of a packet agree on every rule.
 */
final class RtpFormat {

    static final int FIXED_HEADER_LENGTH = 12;
    static final int VERSION = 2;
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    static final int TWO_BYTE_PROFILE = 0x1000;
    static final int MAX_CSRCS = 15;

    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;

    private RtpFormat() {}

    /**
     * Checks every length and count of the packet in {@code buf[off, off + len)} (RFC 3550 §5.1,
     * §5.3.1; RFC 8285 §4) and returns the header length: fixed header, CSRC list and extension
     * block, i.e. the offset of the payload from {@code off}.
     */
    static int validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < FIXED_HEADER_LENGTH) {
            throw new ParseException(
                    "RTP packet of " + len + " bytes is shorter than the 12-byte fixed header", 0);
        }
        int first = buf[off] & 0xFF;
        int version = first >>> 6;
        if (version != VERSION) {
            throw new ParseException("RTP version " + version + ", expected 2", 0);
        }
        int csrcCount = first & 0x0F;
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (headerLength > len) {
            throw new ParseException("CSRC list of " + csrcCount + " entries runs past the end of the "
                    + len + "-byte packet", FIXED_HEADER_LENGTH);
        }
        if ((first & EXTENSION_BIT) != 0) {
            if (len - headerLength < 4) {
                throw new ParseException("header extension bit set but the packet ends before the"
                        + " 4-byte extension header", headerLength);
            }
            int profile = u16(buf, off + headerLength);
            int dataStart = headerLength + 4;
            int dataLength = 4 * u16(buf, off + headerLength + 2);
            if (dataLength > len - dataStart) {
                throw new ParseException("header extension of " + dataLength
                        + " bytes runs past the end of the " + len + "-byte packet", headerLength + 2);
            }
            validateElements(buf, off, off + dataStart, off + dataStart + dataLength, profile);
            headerLength = dataStart + dataLength;
        }
        if ((first & PADDING_BIT) != 0) {
            int padding = buf[off + len - 1] & 0xFF;
            if (padding == 0) {
                throw new ParseException("padding bit set but the padding count is 0", len - 1);
            }
            if (padding > len - headerLength) {
                throw new ParseException("padding count " + padding + " exceeds the "
                        + (len - headerLength) + " bytes after the header", len - 1);
            }
        }
        return headerLength;
    }

    private static void validateElements(byte[] buf, int off, int start, int end, int profile) {
        if (!hasElements(profile)) {
            return;
        }
        boolean oneByte = profile == ONE_BYTE_PROFILE;
        for (int pos = nextElement(buf, start, end, oneByte); pos < end;
                pos = nextElement(buf, valueEnd(buf, pos, oneByte), end, oneByte)) {
            if (!oneByte && end - pos < 2) {
                throw new ParseException("two-byte extension element header cut off by the end of"
                        + " the extension block", pos - off);
            }
            if (valueEnd(buf, pos, oneByte) > end) {
                throw new ParseException("extension element " + elementId(buf, pos, oneByte) + " of "
                        + valueLength(buf, pos, oneByte)
                        + " bytes runs past the end of the extension block", pos - off);
            }
        }
    }

    /** Whether the profile carries RFC 8285 elements (one-byte §4.2 or two-byte §4.3 form). */
    static boolean hasElements(int profile) {
        return profile == ONE_BYTE_PROFILE || isTwoByte(profile);
    }

    /** RFC 8285 §4.3: 0x100 in the upper 12 bits, the low 4 bits are "appbits". */
    static boolean isTwoByte(int profile) {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /**
     * The position of the next element header at or after {@code pos}, skipping padding bytes, or
     * {@code end} when there is none. A zero ID is padding in both forms (RFC 8285 §4.2, §4.3);
     * like libwebrtc, a one-byte header with ID 0 is skipped whatever its length nibble. ID 15 in
     * the one-byte form ends processing of the whole block (RFC 8285 §4.2).
     */
    static int nextElement(byte[] buf, int pos, int end, boolean oneByte) {
        while (pos < end) {
            int id = elementId(buf, pos, oneByte);
            if (id != 0) {
                return oneByte && id == 15 ? end : pos;
            }
            pos++;
        }
        return end;
    }

    static int elementId(byte[] buf, int pos, boolean oneByte) {
        return oneByte ? (buf[pos] & 0xFF) >>> 4 : buf[pos] & 0xFF;
    }

    static int valueOffset(int pos, boolean oneByte) {
        return oneByte ? pos + 1 : pos + 2;
    }

    /** One-byte form: length minus one in 4 bits (1..16); two-byte form: length in a byte. */
    static int valueLength(byte[] buf, int pos, boolean oneByte) {
        return oneByte ? (buf[pos] & 0x0F) + 1 : buf[pos + 1] & 0xFF;
    }

    static int valueEnd(byte[] buf, int pos, boolean oneByte) {
        return valueOffset(pos, oneByte) + valueLength(buf, pos, oneByte);
    }

    /** The position of the first element with this ID in a validated packet, or -1. */
    static int findElement(RtpPacketView packet, int id) {
        byte[] buf = packet.buffer();
        int first = buf[packet.offset()];
        if (id <= 0 || (first & EXTENSION_BIT) == 0) {
            return -1;
        }
        // Read the extension header directly: this runs per packet on the receive path.
        int extensionHeader = packet.offset() + FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        int profile = u16(buf, extensionHeader);
        boolean oneByte = profile == ONE_BYTE_PROFILE;
        if (!(oneByte ? id < 15 : isTwoByte(profile) && id < 256)) {
            return -1;
        }
        int start = extensionHeader + 4;
        int end = start + 4 * u16(buf, extensionHeader + 2);
        for (int pos = nextElement(buf, start, end, oneByte); pos < end;
                pos = nextElement(buf, valueEnd(buf, pos, oneByte), end, oneByte)) {
            if (elementId(buf, pos, oneByte) == id) {
                return pos;
            }
        }
        return -1;
    }

    /** Equality of two validated packets as models: every field, not the incidental bytes. */
    static boolean contentEquals(RtpPacketView a, RtpPacketView b) {
        if (a.marker() != b.marker() || a.payloadType() != b.payloadType()
                || a.sequenceNumber() != b.sequenceNumber() || a.timestamp() != b.timestamp()
                || a.ssrc() != b.ssrc() || a.csrcCount() != b.csrcCount()
                || a.hasExtension() != b.hasExtension()
                || a.extensionProfile() != b.extensionProfile()
                || a.paddingLength() != b.paddingLength()) {
            return false;
        }
        for (int i = 0; i < a.csrcCount(); i++) {
            if (a.csrc(i) != b.csrc(i)) {
                return false;
            }
        }
        return extensionsEqual(a, b)
                && Arrays.equals(a.buffer(), a.payloadOffset(), a.payloadOffset() + a.payloadLength(),
                        b.buffer(), b.payloadOffset(), b.payloadOffset() + b.payloadLength());
    }

    /** Elements compare by ID, value and order, ignoring padding; other profiles byte for byte. */
    private static boolean extensionsEqual(RtpPacketView a, RtpPacketView b) {
        if (!hasElements(a.extensionProfile())) {
            return Arrays.equals(
                    a.buffer(), a.extensionDataOffset(), a.extensionDataOffset() + a.extensionDataLength(),
                    b.buffer(), b.extensionDataOffset(), b.extensionDataOffset() + b.extensionDataLength());
        }
        HeaderExtensionCursor x = new HeaderExtensionCursor().reset(a);
        HeaderExtensionCursor y = new HeaderExtensionCursor().reset(b);
        while (x.next()) {
            if (!y.next() || x.id() != y.id() || !Arrays.equals(
                    a.buffer(), x.offset(), x.offset() + x.length(),
                    b.buffer(), y.offset(), y.offset() + y.length())) {
                return false;
            }
        }
        return !y.next();
    }

    static int contentHash(RtpPacketView p) {
        int h = p.payloadType();
        h = 31 * h + p.sequenceNumber();
        h = 31 * h + Long.hashCode(p.timestamp());
        h = 31 * h + Long.hashCode(p.ssrc());
        return 31 * h + p.payloadLength();
    }

    static String describe(String type, RtpPacketView p) {
        StringBuilder s = new StringBuilder(type).append("[pt=").append(p.payloadType())
                .append(", seq=").append(p.sequenceNumber())
                .append(", ts=").append(p.timestamp())
                .append(", ssrc=").append(p.ssrc());
        if (p.marker()) {
            s.append(", marker");
        }
        if (p.csrcCount() > 0) {
            s.append(", csrcs=[");
            for (int i = 0; i < p.csrcCount(); i++) {
                s.append(i == 0 ? "" : ", ").append(p.csrc(i));
            }
            s.append(']');
        }
        if (p.hasExtension()) {
            s.append(", ext=0x").append(Integer.toHexString(p.extensionProfile())).append('{');
            if (hasElements(p.extensionProfile())) {
                HeaderExtensionCursor c = new HeaderExtensionCursor().reset(p);
                String separator = "";
                while (c.next()) {
                    s.append(separator).append(c.id()).append(':').append(c.length()).append('B');
                    separator = ", ";
                }
            } else {
                s.append(p.extensionDataLength()).append("B raw");
            }
            s.append('}');
        }
        s.append(", payload=").append(p.payloadLength()).append('B');
        if (p.paddingLength() > 0) {
            s.append(", padding=").append(p.paddingLength()).append('B');
        }
        return s.append(']').toString();
    }

    static int u16(byte[] buf, int pos) {
        return (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
    }

    static int u24(byte[] buf, int pos) {
        return (buf[pos] & 0xFF) << 16 | u16(buf, pos + 1);
    }

    static int i32(byte[] buf, int pos) {
        return (buf[pos] & 0xFF) << 24 | u24(buf, pos + 1);
    }

    static void put16(byte[] buf, int pos, int value) {
        buf[pos] = (byte) (value >>> 8);
        buf[pos + 1] = (byte) value;
    }

    static void put32(byte[] buf, int pos, int value) {
        put16(buf, pos, value >>> 16);
        put16(buf, pos + 2, value);
    }

    static void checkRoom(byte[] dst, int off, int length) {
        if (off < 0 || off > dst.length || dst.length - off < length) {
            throw new IllegalArgumentException("no room for " + length + " bytes at " + off
                    + " in an array of " + dst.length);
        }
    }

    static int checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside 0.." + max);
        }
        return value;
    }

    static void checkUnsigned32(String what, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + value + " is not an unsigned 32-bit value");
        }
    }
}
