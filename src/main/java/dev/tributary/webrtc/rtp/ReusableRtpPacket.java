package dev.tributary.webrtc.rtp;

import dev.tributary.webrtc.ParseException;

/**
 * A mutable flyweight view of one RTP packet at a time: {@link #wrap(byte[], int, int)} validates
 * a packet exactly as {@link RtpPacket#parse(byte[], int, int)} does and re-points this view at
 * it, allocating nothing.
 *
 * <p>Why it exists beside the immutable {@link RtpPacket}: the receive path handles every packet
 * of every session, and even a 32-byte result object per packet adds up to garbage that escape
 * analysis cannot always remove once the packet is handed down an interceptor chain. The hot path
 * therefore keeps one {@code ReusableRtpPacket} per receive loop (or per pooled buffer), and a
 * stage that needs to keep a packet copies it ({@link #copy()}) or its bytes. Everything else,
 * including tests and packetizers, uses {@link RtpPacket}.
 *
 * <p>The view is valid until the next {@code wrap} or until the caller reuses the buffer; it
 * must not be shared between threads. A fresh view shows an empty packet (12 zero-filled header
 * bytes, version 2). Equality is identity: compare content through {@link #copy()}.
 */
public final class ReusableRtpPacket implements RtpPacketView {

    private static final byte[] EMPTY_PACKET = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private byte[] buffer = EMPTY_PACKET;
    private int offset;
    private int length = EMPTY_PACKET.length;
    private int headerLength = EMPTY_PACKET.length;

    /** Creates a view showing an empty packet; call {@link #wrap(byte[], int, int)} next. */
    public ReusableRtpPacket() {}

    /**
     * Validates the packet in {@code buf[off, off + len)} and points this view at it. On failure
     * the view keeps showing the previous packet. The bytes are referred to, not copied: the
     * caller must not change them while it uses the view.
     *
     * @param buf the array holding the packet
     * @param off index of the packet's first byte
     * @param len packet length
     * @return this view
     * @throws ParseException if the bytes are not a valid RTP packet (same rules as
     *     {@link RtpPacket#parse(byte[], int, int)})
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code buf}
     * @throws NullPointerException if {@code buf} is null
     */
    public ReusableRtpPacket wrap(byte[] buf, int off, int len) {
        headerLength = RtpFormat.validate(buf, off, len);
        buffer = buf;
        offset = off;
        length = len;
        return this;
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

    /** @return the header fields, extension IDs with value lengths, payload and padding lengths */
    @Override
    public String toString() {
        return RtpFormat.describe("ReusableRtpPacket", this);
    }
}
