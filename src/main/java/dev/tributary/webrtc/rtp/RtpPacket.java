package dev.tributary.webrtc.rtp;

import dev.tributary.webrtc.ParseException;

/**
 * An immutable, validated RTP packet (RFC 3550 §5.1) over a byte array.
 *
 * <p><b>Ownership.</b> The packet does not copy its bytes: it refers to the array it was parsed
 * from, and its accessors read that array. The caller lends the range {@code [off, off + len)}
 * to the packet: it must not change those bytes while the packet is in use, and the packet
 * never writes them. A packet that must outlive a reused receive buffer is detached with
 * {@link #copy()}. Packets from {@link RtpPacketBuilder#build()} own a fresh array.
 *
 * <p><b>Equality</b> is that of the model: header fields, CSRCs, the extension profile and its
 * elements (ID, value and order; padding between elements does not count) or its raw bytes for
 * other profiles, the payload bytes, and the padding length (not the padding bytes). Two packets
 * that differ only in incidental bytes are equal; {@link RtpPacketBuilder#writeTo(byte[], int)}
 * produces the canonical bytes of a model.
 *
 * <p>Parsing allocates only this object (about 32 bytes): extension elements are found by
 * {@link #extensionOffset(int)} and {@link HeaderExtensionCursor} in place.
 */
public final class RtpPacket implements RtpPacketView {

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final int headerLength;

    RtpPacket(byte[] buffer, int offset, int length, int headerLength) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.headerLength = headerLength;
    }

    /**
     * Parses and validates the RTP packet in {@code buf[off, off + len)}: version 2, the CSRC
     * list, the header extension and its RFC 8285 elements, and the padding count (at least 1, at
     * most the bytes after the header) all fit. The packet refers to {@code buf}; see the
     * ownership rule above.
     *
     * @param buf the array holding the packet
     * @param off index of the packet's first byte
     * @param len packet length (a whole UDP payload after SRTP decryption)
     * @return the packet
     * @throws ParseException if the bytes are not a valid RTP packet
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code buf}
     * @throws NullPointerException if {@code buf} is null
     */
    public static RtpPacket parse(byte[] buf, int off, int len) {
        return new RtpPacket(buf, off, len, RtpFormat.validate(buf, off, len));
    }

    /**
     * Parses a whole array as one RTP packet, see {@link #parse(byte[], int, int)}.
     *
     * @param packet the packet's bytes, referred to, not copied
     * @return the packet
     * @throws ParseException if the bytes are not a valid RTP packet
     * @throws NullPointerException if {@code packet} is null
     */
    public static RtpPacket parse(byte[] packet) {
        return parse(packet, 0, packet.length);
    }

    /**
     * A new, empty builder: version 2, payload type 0, sequence number 0, timestamp 0, SSRC 0, no
     * CSRCs, extensions, payload or padding.
     *
     * @return the builder
     */
    public static RtpPacketBuilder builder() {
        return new RtpPacketBuilder();
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int headerLength() {
        return headerLength;
    }

    /**
     * @param o another object
     * @return whether {@code o} is an RTP packet with the same model, see the class description
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RtpPacket other && RtpFormat.contentEquals(this, other);
    }

    /** @return a hash of the header fields and payload length, consistent with equals */
    @Override
    public int hashCode() {
        return RtpFormat.contentHash(this);
    }

    /** @return the header fields, extension IDs with value lengths, payload and padding lengths */
    @Override
    public String toString() {
        return RtpFormat.describe("RtpPacket", this);
    }
}
