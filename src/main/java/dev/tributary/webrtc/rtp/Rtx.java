package dev.tributary.webrtc.rtp;

import dev.tributary.webrtc.ParseException;

/**
 * RTP retransmission in SSRC-multiplexed form (RFC 4588 §4), as WebRTC uses it: the RTX packet
 * carries a 2-byte original sequence number (OSN) in front of the original payload, in its own
 * stream (RTX SSRC, payload type and sequence numbers) with the original timestamp.
 *
 * <p>Both directions write into a caller's array and allocate nothing. As RFC 4588 §4 asks, the
 * marker bit, CSRC list and header extension block are copied from the packet converted, and its
 * padding is dropped (the result has none). A sender using transport-wide congestion control
 * rewrites that extension's sequence number in the result afterwards.
 */
public final class Rtx {

    private static final int OSN_LENGTH = 2;

    private Rtx() {}

    /**
     * The original sequence number of an RTX packet. RTX packets with an empty payload are
     * padding-only probes (libwebrtc sends them for bandwidth estimation): check {@link
     * RtpPacketView#payloadLength()} first to drop those without an exception.
     *
     * @param rtx a packet of the RTX stream
     * @return the OSN, 0 to 65535
     * @throws ParseException if the payload is shorter than the 2-byte OSN
     */
    public static int originalSequenceNumber(RtpPacketView rtx) {
        if (rtx.payloadLength() < OSN_LENGTH) {
            throw new ParseException("RTX payload of " + rtx.payloadLength()
                    + " bytes has no 2-byte original sequence number (RFC 4588 §4)", rtx.headerLength());
        }
        return RtpFormat.u16(rtx.buffer(), rtx.payloadOffset());
    }

    /**
     * @param original the packet to retransmit
     * @return the length of its RTX packet: same header, OSN, payload, no padding
     */
    public static int rtxLength(RtpPacketView original) {
        return original.headerLength() + OSN_LENGTH + original.payloadLength();
    }

    /**
     * Writes the RTX packet that retransmits {@code original}.
     *
     * @param original the packet to retransmit
     * @param rtxPayloadType the RTX payload type negotiated with {@code apt=} the original's, 0 to 127
     * @param rtxSsrc the RTX stream's SSRC, 0 to 2<sup>32</sup>-1
     * @param rtxSequenceNumber the next sequence number of the RTX stream, 0 to 65535
     * @param dst the array to write into
     * @param off where the RTX packet starts in {@code dst}
     * @return the RTX packet's length, {@link #rtxLength(RtpPacketView)}
     * @throws IllegalArgumentException if a value is out of range or {@code dst} has no room
     */
    public static int writeRtx(RtpPacketView original, int rtxPayloadType, long rtxSsrc, int rtxSequenceNumber,
            byte[] dst, int off) {
        int length = rtxLength(original);
        int pos = writeHeader(original, rtxPayloadType, rtxSsrc, rtxSequenceNumber, dst, off, length);
        RtpFormat.put16(dst, pos, original.sequenceNumber());
        System.arraycopy(original.buffer(), original.payloadOffset(), dst, pos + OSN_LENGTH,
                original.payloadLength());
        return length;
    }

    /**
     * @param rtx a packet of the RTX stream
     * @return the length of the original packet it restores
     * @throws ParseException if the payload is shorter than the 2-byte OSN
     */
    public static int originalLength(RtpPacketView rtx) {
        originalSequenceNumber(rtx);
        return rtx.headerLength() + rtx.payloadLength() - OSN_LENGTH;
    }

    /**
     * Writes the original packet an RTX packet carries: sequence number from the OSN, payload
     * type and SSRC of the original stream, timestamp, marker, CSRCs and extensions as in the RTX
     * packet.
     *
     * @param rtx a packet of the RTX stream
     * @param originalPayloadType the payload type the RTX payload type's {@code apt=} names
     * @param originalSsrc the SSRC of the stream the RTX stream repairs
     * @param dst the array to write into; may be the RTX packet's own buffer at the same offset
     * @param off where the original packet starts in {@code dst}
     * @return the original packet's length, {@link #originalLength(RtpPacketView)}
     * @throws ParseException if the payload is shorter than the 2-byte OSN
     * @throws IllegalArgumentException if a value is out of range or {@code dst} has no room
     */
    public static int writeOriginal(RtpPacketView rtx, int originalPayloadType, long originalSsrc,
            byte[] dst, int off) {
        int length = originalLength(rtx);
        int osn = originalSequenceNumber(rtx);
        int payloadOffset = rtx.payloadOffset();
        int payloadLength = rtx.payloadLength();
        byte[] source = rtx.buffer();
        int pos = writeHeader(rtx, originalPayloadType, originalSsrc, osn, dst, off, length);
        System.arraycopy(source, payloadOffset + OSN_LENGTH, dst, pos, payloadLength - OSN_LENGTH);
        return length;
    }

    /** Copies the header with new payload type, SSRC and sequence number; returns where it ends. */
    private static int writeHeader(RtpPacketView from, int payloadType, long ssrc, int sequenceNumber,
            byte[] dst, int off, int length) {
        RtpFormat.checkRange("payload type", payloadType, 0x7F);
        RtpFormat.checkRange("sequence number", sequenceNumber, 0xFFFF);
        RtpFormat.checkUnsigned32("SSRC", ssrc);
        RtpFormat.checkRoom(dst, off, length);
        System.arraycopy(from.buffer(), from.offset(), dst, off, from.headerLength());
        dst[off] &= ~0x20;
        dst[off + 1] = (byte) (dst[off + 1] & 0x80 | payloadType);
        RtpFormat.put16(dst, off + 2, sequenceNumber);
        RtpFormat.put32(dst, off + 8, (int) ssrc);
        return off + from.headerLength();
    }
}
