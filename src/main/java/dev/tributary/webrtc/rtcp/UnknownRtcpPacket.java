package dev.tributary.webrtc.rtcp;

import java.util.Objects;

/**
 * A packet of a type this package does not parse (for example XR, PT 207, RFC 3611), kept whole
 * (header, body and any padding) so that it is written back byte for byte.
 *
 * @param bytes the whole packet; a valid RTCP header whose length field covers exactly these bytes
 */
public record UnknownRtcpPacket(RawBytes bytes) implements RtcpPacket {

    /**
     * @throws IllegalArgumentException if {@code bytes} is not one RTCP packet: shorter than a
     *     header, version not 2, length field not matching, or an invalid padding count
     * @throws NullPointerException if {@code bytes} is null
     */
    public UnknownRtcpPacket {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length() < Wire.HEADER_LENGTH || (bytes.get(0) & 0xC0) != 0x80) {
            throw new IllegalArgumentException("not an RTCP version 2 packet: " + bytes);
        }
        int words = ((bytes.get(2) & 0xFF) << 8) | (bytes.get(3) & 0xFF);
        if ((words + 1) * 4 != bytes.length()) {
            throw new IllegalArgumentException(
                    "length field says " + (words + 1) * 4 + " bytes, packet has " + bytes.length());
        }
        int padding = bytes.get(bytes.length() - 1) & 0xFF;
        if ((bytes.get(0) & 0x20) != 0 && (padding == 0 || padding > bytes.length() - Wire.HEADER_LENGTH)) {
            throw new IllegalArgumentException("invalid padding count " + padding);
        }
    }

    /** The packet type (PT) field. */
    @Override
    public int packetType() {
        return bytes.get(1) & 0xFF;
    }

    /** The 5-bit count field, whose meaning depends on the packet type. */
    public int count() {
        return bytes.get(0) & 0x1F;
    }

    @Override
    public int encodedLength() {
        return bytes.length();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        Objects.checkFromIndexSize(off, bytes.length(), buf.length);
        return bytes.copyTo(buf, off) - off;
    }
}
