package dev.tributary.webrtc.rtp;

import static dev.tributary.webrtc.rtp.RtpFormat.FIXED_HEADER_LENGTH;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to one validated RTP packet (RFC 3550 §5.1) that lies in a byte array.
 *
 * <p>Every accessor reads the packet's bytes in place and allocates nothing, except the few
 * convenience methods that say they copy. Offsets returned by this interface ({@link
 * #payloadOffset()}, {@link #extensionOffset(int)} …) are indices into {@link #buffer()}, not
 * relative to the packet start, so that callers can read the bytes directly.
 *
 * <p>Two implementations: {@link RtpPacket}, immutable, for packets that are kept; and {@link
 * ReusableRtpPacket}, a flyweight re-pointed at each received packet by the hot path so that
 * parsing allocates nothing at all.
 */
public sealed interface RtpPacketView permits RtpPacket, ReusableRtpPacket {

    /** Profile of the one-byte header extension form, RFC 8285 §4.2. */
    int ONE_BYTE_EXTENSION_PROFILE = RtpFormat.ONE_BYTE_PROFILE;

    /** Profile of the two-byte header extension form with appbits 0, RFC 8285 §4.3. */
    int TWO_BYTE_EXTENSION_PROFILE = RtpFormat.TWO_BYTE_PROFILE;

    /**
     * The array holding the packet: the caller's array, not a copy. Read it, never write it.
     *
     * @return the backing array
     */
    byte[] buffer();

    /** @return the index of the packet's first byte in {@link #buffer()} */
    int offset();

    /** @return the packet length in bytes, header, payload and padding */
    int length();

    /** @return the header length: 12 bytes, the CSRC list and the extension block if any */
    int headerLength();

    /** @return the padding bit P (RFC 3550 §5.1); {@link #paddingLength()} gives the count */
    default boolean hasPadding() {
        return (buffer()[offset()] & 0x20) != 0;
    }

    /** @return the extension bit X: a header extension follows the CSRC list (RFC 3550 §5.3.1) */
    default boolean hasExtension() {
        return (buffer()[offset()] & 0x10) != 0;
    }

    /** @return the CSRC count CC, 0 to 15 */
    default int csrcCount() {
        return buffer()[offset()] & 0x0F;
    }

    /** @return the marker bit M */
    default boolean marker() {
        return (buffer()[offset() + 1] & 0x80) != 0;
    }

    /** @return the payload type, 0 to 127 */
    default int payloadType() {
        return buffer()[offset() + 1] & 0x7F;
    }

    /** @return the sequence number, 0 to 65535 */
    default int sequenceNumber() {
        return RtpFormat.u16(buffer(), offset() + 2);
    }

    /**
     * The RTP timestamp as an unsigned 32-bit value widened to {@code long}, so that arithmetic
     * on it cannot go negative by accident. {@link TimestampUnwrapper} extends it across wraps.
     *
     * @return the timestamp, 0 to 2<sup>32</sup>-1
     */
    default long timestamp() {
        return Integer.toUnsignedLong(RtpFormat.i32(buffer(), offset() + 4));
    }

    /**
     * The synchronization source, unsigned like every 32-bit field in the stack (RTCP uses the
     * same {@code long} form, so SSRCs compare directly across RTP and RTCP).
     *
     * @return the SSRC, 0 to 2<sup>32</sup>-1
     */
    default long ssrc() {
        return Integer.toUnsignedLong(RtpFormat.i32(buffer(), offset() + 8));
    }

    /**
     * @param index 0 to {@link #csrcCount()}-1
     * @return the contributing source at that index, 0 to 2<sup>32</sup>-1
     * @throws IndexOutOfBoundsException if the index is outside the CSRC list
     */
    default long csrc(int index) {
        Objects.checkIndex(index, csrcCount());
        return Integer.toUnsignedLong(RtpFormat.i32(buffer(), offset() + FIXED_HEADER_LENGTH + 4 * index));
    }

    /**
     * A copy of the CSRC list. Allocates; use {@link #csrc(int)} on hot paths.
     *
     * @return the contributing sources, empty when there are none
     */
    default long[] csrcs() {
        long[] csrcs = new long[csrcCount()];
        Arrays.setAll(csrcs, this::csrc);
        return csrcs;
    }

    /**
     * The 16-bit profile field of the header extension (RFC 3550 §5.3.1): {@value
     * #ONE_BYTE_EXTENSION_PROFILE} for one-byte elements, 0x1000 to 0x100F for two-byte elements
     * (RFC 8285 §4.3, low four bits "appbits"), anything else for an extension this stack keeps
     * only as raw bytes.
     *
     * @return the profile, or -1 if the packet has no extension
     */
    default int extensionProfile() {
        return hasExtension() ? RtpFormat.u16(buffer(), extensionDataOffset() - 4) : -1;
    }

    /**
     * @return the index in {@link #buffer()} of the extension data after the 4-byte extension
     *     header; {@link #payloadOffset()} if the packet has no extension
     */
    default int extensionDataOffset() {
        int afterCsrcs = offset() + FIXED_HEADER_LENGTH + 4 * csrcCount();
        return hasExtension() ? afterCsrcs + 4 : afterCsrcs;
    }

    /** @return the extension data length in bytes, a multiple of 4; 0 if there is no extension */
    default int extensionDataLength() {
        return hasExtension() ? 4 * RtpFormat.u16(buffer(), extensionDataOffset() - 2) : 0;
    }

    /**
     * Finds the value of a one-byte or two-byte header extension element (RFC 8285 §4.2, §4.3)
     * without allocating. With several elements of the same ID, the first one counts.
     *
     * @param id the local identifier negotiated by {@code a=extmap} (1 to 14 for the one-byte
     *     form, 1 to 255 for the two-byte form)
     * @return the index of the element's value in {@link #buffer()}, or -1 if there is no such
     *     element (including every ID outside the form's range and any raw extension profile)
     */
    default int extensionOffset(int id) {
        int pos = RtpFormat.findElement(this, id);
        return pos < 0 ? -1 : RtpFormat.valueOffset(pos, extensionProfile() == ONE_BYTE_EXTENSION_PROFILE);
    }

    /**
     * @param id the local identifier, see {@link #extensionOffset(int)}
     * @return the length of the element's value (1 to 16 in the one-byte form, 0 to 255 in the
     *     two-byte form), or -1 if there is no such element
     */
    default int extensionLength(int id) {
        int pos = RtpFormat.findElement(this, id);
        return pos < 0
                ? -1
                : RtpFormat.valueLength(buffer(), pos, extensionProfile() == ONE_BYTE_EXTENSION_PROFILE);
    }

    /**
     * A copy of an extension element's value. Allocates; use {@link #extensionOffset(int)} and
     * {@link #extensionLength(int)} or {@link HeaderExtensions} on hot paths.
     *
     * @param id the local identifier, see {@link #extensionOffset(int)}
     * @return the value, or empty if there is no such element
     */
    default Optional<byte[]> extension(int id) {
        int valueOffset = extensionOffset(id);
        return valueOffset < 0
                ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(buffer(), valueOffset, valueOffset + extensionLength(id)));
    }

    /** @return the index of the payload's first byte in {@link #buffer()} */
    default int payloadOffset() {
        return offset() + headerLength();
    }

    /** @return the payload length in bytes, without padding; may be 0 */
    default int payloadLength() {
        return length() - headerLength() - paddingLength();
    }

    /**
     * @return the number of padding bytes at the end including the count byte itself (RFC 3550
     *     §5.1), 0 if the padding bit is clear
     */
    default int paddingLength() {
        return hasPadding() ? buffer()[offset() + length() - 1] & 0xFF : 0;
    }

    /**
     * An immutable packet over a fresh copy of this packet's bytes, independent of the buffer
     * this view reads. Use it to keep a packet that arrived in a reused buffer.
     *
     * @return the copy
     */
    default RtpPacket copy() {
        byte[] bytes = Arrays.copyOfRange(buffer(), offset(), offset() + length());
        return new RtpPacket(bytes, 0, bytes.length, headerLength());
    }
}
