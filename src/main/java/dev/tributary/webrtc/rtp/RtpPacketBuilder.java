package dev.tributary.webrtc.rtp;

import static dev.tributary.webrtc.rtp.RtpFormat.FIXED_HEADER_LENGTH;
import static dev.tributary.webrtc.rtp.RtpFormat.MAX_CSRCS;
import static dev.tributary.webrtc.rtp.RtpFormat.ONE_BYTE_PROFILE;
import static dev.tributary.webrtc.rtp.RtpFormat.TWO_BYTE_PROFILE;

import java.util.Arrays;
import java.util.Objects;

/**
 * Builds RTP packets (RFC 3550 §5.1) and writes them into a caller's array.
 *
 * <p>A builder is mutable and meant to be reused: a packetizer keeps one, sets the fields that
 * change per packet and calls {@link #writeTo(byte[], int)} (or {@link #writeHeaderTo(byte[],
 * int)} when the payload is already in place). Once its internal arrays have grown to fit, it
 * allocates nothing. It is not thread-safe.
 *
 * <p>Extension element values are copied when added. The payload is referenced, not copied,
 * until the packet is written, so the payload bytes must not change in between.
 *
 * <p>Header extensions (RFC 8285): elements are written in the order added, without padding
 * between them, and the block is zero-padded to a multiple of four bytes. Unless a form is forced
 * with {@link #extensionProfile(int)}, the one-byte form (§4.2) is chosen when every ID is 1 to
 * 14 and every value 1 to 16 bytes long, the two-byte form (§4.3) otherwise. What the builder
 * writes is the canonical form of the model: parsing it and copying it into a builder writes the
 * same bytes again.
 */
public final class RtpPacketBuilder {

    private static final int AUTOMATIC = -1;
    private static final int MAX_EXTENSION_DATA = 4 * 0xFFFF;
    private static final byte[] EMPTY = new byte[0];

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private final long[] csrcs = new long[MAX_CSRCS];
    private int csrcCount;

    /** A forced element profile, the raw block's profile, or AUTOMATIC. */
    private int extensionProfile = AUTOMATIC;
    private boolean rawExtension;
    private int[] elementIds = new int[4];
    private int[] elementLengths = new int[4];
    private int elementCount;
    /** Element values back to back (or the raw block). */
    private byte[] extensionData = new byte[32];
    private int extensionDataLength;

    private byte[] payload = EMPTY;
    private int payloadOffset;
    private int payloadLength;
    private int padding;

    private final HeaderExtensionCursor cursor = new HeaderExtensionCursor();

    RtpPacketBuilder() {}

    /**
     * @param marker the marker bit M
     * @return this builder
     */
    public RtpPacketBuilder marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    /**
     * @param payloadType 0 to 127
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public RtpPacketBuilder payloadType(int payloadType) {
        this.payloadType = RtpFormat.checkRange("payload type", payloadType, 0x7F);
        return this;
    }

    /**
     * @param sequenceNumber 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = RtpFormat.checkRange("sequence number", sequenceNumber, 0xFFFF);
        return this;
    }

    /**
     * @param timestamp the RTP timestamp as an unsigned 32-bit value, 0 to 2<sup>32</sup>-1 (pass
     *     {@code Integer.toUnsignedLong(x)} for an {@code int})
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public RtpPacketBuilder timestamp(long timestamp) {
        RtpFormat.checkUnsigned32("timestamp", timestamp);
        this.timestamp = timestamp;
        return this;
    }

    /**
     * @param ssrc the synchronization source, 0 to 2<sup>32</sup>-1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public RtpPacketBuilder ssrc(long ssrc) {
        RtpFormat.checkUnsigned32("SSRC", ssrc);
        this.ssrc = ssrc;
        return this;
    }

    /**
     * Replaces the CSRC list.
     *
     * @param csrcs 0 to 15 contributing sources, each 0 to 2<sup>32</sup>-1
     * @return this builder
     * @throws IllegalArgumentException if there are more than 15 or one is out of range
     */
    public RtpPacketBuilder csrcs(long... csrcs) {
        if (csrcs.length > MAX_CSRCS) {
            throw new IllegalArgumentException(csrcs.length + " CSRCs, at most 15 fit (RFC 3550 §5.1)");
        }
        for (long csrc : csrcs) {
            RtpFormat.checkUnsigned32("CSRC", csrc);
        }
        System.arraycopy(csrcs, 0, this.csrcs, 0, csrcs.length);
        csrcCount = csrcs.length;
        return this;
    }

    /**
     * Appends a header extension element, see {@link #addExtension(int, byte[], int, int)}.
     *
     * @param id the local identifier, 1 to 255
     * @param value the element's value, 0 to 255 bytes, copied
     * @return this builder
     * @throws IllegalArgumentException as {@link #addExtension(int, byte[], int, int)}
     */
    public RtpPacketBuilder addExtension(int id, byte[] value) {
        return addExtension(id, value, 0, value.length);
    }

    /**
     * Appends a header extension element (RFC 8285). The value is copied.
     *
     * @param id the local identifier, 1 to 255 (1 to 14 for the one-byte form)
     * @param src the array holding the value
     * @param off the index of the value in {@code src}
     * @param len the value length, 0 to 255 (1 to 16 for the one-byte form)
     * @return this builder
     * @throws IllegalArgumentException if the ID or length is out of range, if a raw extension is
     *     set, or if the extension block would certainly exceed its 16-bit length
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code src}
     */
    public RtpPacketBuilder addExtension(int id, byte[] src, int off, int len) {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension ID " + id + " outside 1..255 (RFC 8285 §4.3)");
        }
        RtpFormat.checkRange("extension value length", len, 255);
        Objects.checkFromIndexSize(off, len, src.length);
        if (rawExtension) {
            throw new IllegalArgumentException("a raw extension block is set; clear it first");
        }
        // The form, and so the header size of each element, is only known when writing; this
        // bound (one header byte each) keeps the sums below from overflowing.
        checkExtensionSize(extensionDataLength + len + elementCount + 1);
        if (elementCount == elementIds.length) {
            elementIds = Arrays.copyOf(elementIds, 2 * elementCount);
            elementLengths = Arrays.copyOf(elementLengths, 2 * elementCount);
        }
        elementIds[elementCount] = id;
        elementLengths[elementCount] = len;
        elementCount++;
        appendExtensionData(src, off, len);
        return this;
    }

    /**
     * Forces the extension form instead of choosing it automatically; the block is then written
     * even with no elements.
     *
     * @param profile {@link RtpPacketView#ONE_BYTE_EXTENSION_PROFILE} (0xBEDE) for the one-byte
     *     form, or 0x1000 to 0x100F for the two-byte form with those appbits (RFC 8285 §4.3)
     * @return this builder
     * @throws IllegalArgumentException for any other profile (use {@link #rawExtension}) or if a
     *     raw extension is set
     */
    public RtpPacketBuilder extensionProfile(int profile) {
        if (!RtpFormat.hasElements(profile)) {
            throw new IllegalArgumentException("profile 0x" + Integer.toHexString(profile)
                    + " is neither the one-byte (0xBEDE) nor a two-byte (0x100X) form");
        }
        if (rawExtension) {
            throw new IllegalArgumentException("a raw extension block is set; clear it first");
        }
        extensionProfile = profile;
        return this;
    }

    /**
     * Sets a header extension of a profile other than RFC 8285's, written as is (RFC 3550 §5.3.1).
     * Replaces any elements. The data is copied.
     *
     * @param profile the 16-bit profile, not 0xBEDE or 0x100X
     * @param src the array holding the extension data
     * @param off the index of the data in {@code src}
     * @param len the data length, a multiple of 4 up to 4 × 65535
     * @return this builder
     * @throws IllegalArgumentException if the profile is out of range or an RFC 8285 one, or the
     *     length is not a multiple of 4 or too large
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code src}
     */
    public RtpPacketBuilder rawExtension(int profile, byte[] src, int off, int len) {
        RtpFormat.checkRange("extension profile", profile, 0xFFFF);
        if (RtpFormat.hasElements(profile)) {
            throw new IllegalArgumentException("profile 0x" + Integer.toHexString(profile)
                    + " carries RFC 8285 elements; use addExtension");
        }
        if (len % 4 != 0) {
            throw new IllegalArgumentException(
                    "extension data of " + len + " bytes is not whole 32-bit words");
        }
        checkExtensionSize(len);
        Objects.checkFromIndexSize(off, len, src.length);
        clearExtensions();
        rawExtension = true;
        extensionProfile = profile;
        appendExtensionData(src, off, len);
        return this;
    }

    /**
     * Removes all extension elements and any raw extension, and returns to the automatic form.
     *
     * @return this builder
     */
    public RtpPacketBuilder clearExtensions() {
        extensionProfile = AUTOMATIC;
        rawExtension = false;
        elementCount = 0;
        extensionDataLength = 0;
        return this;
    }

    /**
     * Sets the payload to a whole array, referenced until written.
     *
     * @param payload the payload bytes
     * @return this builder
     */
    public RtpPacketBuilder payload(byte[] payload) {
        return payload(payload, 0, payload.length);
    }

    /**
     * Sets the payload, referenced (not copied) until the packet is written.
     *
     * @param src the array holding the payload
     * @param off the index of the payload in {@code src}
     * @param len the payload length
     * @return this builder
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not a range of {@code src}
     */
    public RtpPacketBuilder payload(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        payload = src;
        payloadOffset = off;
        payloadLength = len;
        return this;
    }

    /**
     * Sets the number of padding bytes at the end of the packet, the last of which holds the count
     * (RFC 3550 §5.1); the others are written as zeros.
     *
     * @param count 0 (no padding, P bit clear) to 255
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public RtpPacketBuilder padding(int count) {
        padding = RtpFormat.checkRange("padding", count, 255);
        return this;
    }

    /**
     * Sets every field from a packet: header fields, CSRCs, extension elements in order with the
     * packet's profile forced (or its raw block), payload (referenced in the packet's buffer) and
     * padding length. Writing then gives the canonical bytes of the packet's model.
     *
     * @param packet the packet to copy
     * @return this builder
     */
    public RtpPacketBuilder copyFrom(RtpPacketView packet) {
        marker = packet.marker();
        payloadType = packet.payloadType();
        sequenceNumber = packet.sequenceNumber();
        timestamp = packet.timestamp();
        ssrc = packet.ssrc();
        csrcCount = packet.csrcCount();
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = packet.csrc(i);
        }
        clearExtensions();
        if (packet.hasExtension()) {
            int profile = packet.extensionProfile();
            if (RtpFormat.hasElements(profile)) {
                extensionProfile(profile);
                cursor.reset(packet);
                while (cursor.next()) {
                    addExtension(cursor.id(), packet.buffer(), cursor.offset(), cursor.length());
                }
            } else {
                rawExtension(profile, packet.buffer(), packet.extensionDataOffset(),
                        packet.extensionDataLength());
            }
        }
        payload(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        return padding(packet.paddingLength());
    }

    /**
     * @return the length of the header this builder writes: 12 bytes, the CSRCs and the
     *     extension block
     * @throws IllegalArgumentException if the one-byte form is forced but an element does not fit
     *     it, or if the extension block exceeds its 16-bit length in 32-bit words
     */
    public int headerLength() {
        return FIXED_HEADER_LENGTH + 4 * csrcCount + extensionBlockLength(resolvedProfile());
    }

    /**
     * @return the length of the whole packet this builder writes
     * @throws IllegalArgumentException as {@link #headerLength()}
     */
    public int length() {
        return headerLength() + payloadLength + padding;
    }

    /**
     * Writes only the header (fixed header, CSRCs, extension block). The padding bit is set if
     * {@link #padding(int)} is non-zero; the caller then appends payload and padding itself.
     *
     * @param dst the array to write into
     * @param off where the packet starts in {@code dst}
     * @return the header length in bytes
     * @throws IllegalArgumentException if {@code dst} has no room for the header from {@code off},
     *     or as {@link #headerLength()}
     */
    public int writeHeaderTo(byte[] dst, int off) {
        int profile = resolvedProfile();
        int extensionBlockLength = extensionBlockLength(profile);
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount + extensionBlockLength;
        RtpFormat.checkRoom(dst, off, headerLength);
        dst[off] = (byte) (RtpFormat.VERSION << 6 | (padding > 0 ? 0x20 : 0)
                | (profile >= 0 ? 0x10 : 0) | csrcCount);
        dst[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        RtpFormat.put16(dst, off + 2, sequenceNumber);
        RtpFormat.put32(dst, off + 4, (int) timestamp);
        RtpFormat.put32(dst, off + 8, (int) ssrc);
        int pos = off + FIXED_HEADER_LENGTH;
        for (int i = 0; i < csrcCount; i++, pos += 4) {
            RtpFormat.put32(dst, pos, (int) csrcs[i]);
        }
        if (profile >= 0) {
            writeExtensionBlock(profile, dst, pos, extensionBlockLength);
        }
        return headerLength;
    }

    /**
     * Writes the whole packet: header, payload and padding.
     *
     * @param dst the array to write into; must not overlap the payload's source range
     * @param off where the packet starts in {@code dst}
     * @return the packet length in bytes
     * @throws IllegalArgumentException if {@code dst} has no room for the packet from {@code off},
     *     or as {@link #headerLength()}
     */
    public int writeTo(byte[] dst, int off) {
        int length = length();
        RtpFormat.checkRoom(dst, off, length);
        int pos = off + writeHeaderTo(dst, off);
        System.arraycopy(payload, payloadOffset, dst, pos, payloadLength);
        pos += payloadLength;
        if (padding > 0) {
            Arrays.fill(dst, pos, pos + padding - 1, (byte) 0);
            dst[pos + padding - 1] = (byte) padding;
        }
        return length;
    }

    /**
     * Writes the packet into a new array of exactly its length.
     *
     * @return the packet, owning its array
     * @throws IllegalArgumentException as {@link #headerLength()}
     */
    public RtpPacket build() {
        byte[] bytes = new byte[length()];
        writeTo(bytes, 0);
        return new RtpPacket(bytes, 0, bytes.length, headerLength());
    }

    /** The profile the block is written with, or -1 for no extension block. */
    private int resolvedProfile() {
        if (rawExtension) {
            return extensionProfile;
        }
        boolean fitsOneByte = true;
        for (int i = 0; i < elementCount; i++) {
            fitsOneByte &= elementIds[i] <= 14 && elementLengths[i] >= 1 && elementLengths[i] <= 16;
        }
        if (extensionProfile == AUTOMATIC) {
            return elementCount == 0 ? -1 : fitsOneByte ? ONE_BYTE_PROFILE : TWO_BYTE_PROFILE;
        }
        if (extensionProfile == ONE_BYTE_PROFILE && !fitsOneByte) {
            throw new IllegalArgumentException("one-byte extension form forced, but an element has an ID"
                    + " above 14 or a value outside 1..16 bytes (RFC 8285 §4.2)");
        }
        return extensionProfile;
    }

    /** The block length including its 4-byte header, padded to whole 32-bit words. */
    private int extensionBlockLength(int profile) {
        if (profile < 0) {
            return 0;
        }
        if (rawExtension) {
            return 4 + extensionDataLength;
        }
        int elementHeader = profile == ONE_BYTE_PROFILE ? 1 : 2;
        int dataLength = extensionDataLength + elementCount * elementHeader;
        checkExtensionSize(dataLength);
        return 4 + (dataLength + 3) / 4 * 4;
    }

    private void writeExtensionBlock(int profile, byte[] dst, int pos, int blockLength) {
        int end = pos + blockLength;
        RtpFormat.put16(dst, pos, profile);
        RtpFormat.put16(dst, pos + 2, (blockLength - 4) / 4);
        pos += 4;
        if (rawExtension) {
            System.arraycopy(extensionData, 0, dst, pos, extensionDataLength);
            return;
        }
        boolean oneByte = profile == ONE_BYTE_PROFILE;
        int valueOffset = 0;
        for (int i = 0; i < elementCount; i++) {
            int length = elementLengths[i];
            if (oneByte) {
                dst[pos++] = (byte) (elementIds[i] << 4 | length - 1);
            } else {
                dst[pos++] = (byte) elementIds[i];
                dst[pos++] = (byte) length;
            }
            System.arraycopy(extensionData, valueOffset, dst, pos, length);
            valueOffset += length;
            pos += length;
        }
        Arrays.fill(dst, pos, end, (byte) 0);
    }

    private void appendExtensionData(byte[] src, int off, int len) {
        if (extensionDataLength + len > extensionData.length) {
            int capacity = Math.max(2 * extensionData.length, extensionDataLength + len);
            extensionData = Arrays.copyOf(extensionData, capacity);
        }
        System.arraycopy(src, off, extensionData, extensionDataLength, len);
        extensionDataLength += len;
    }

    private static void checkExtensionSize(int dataLength) {
        if (dataLength > MAX_EXTENSION_DATA) {
            throw new IllegalArgumentException("header extension of " + dataLength
                    + " bytes exceeds the 16-bit word count (RFC 3550 §5.3.1)");
        }
    }
}
