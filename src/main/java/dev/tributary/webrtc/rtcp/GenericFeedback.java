package dev.tributary.webrtc.rtcp;

import java.util.Objects;

/**
 * A feedback message this package does not model field by field (RFC 4585 §6.1): any RTPFB or
 * PSFB FMT other than NACK, PLI, FIR, REMB and transport-wide CC, for example TMMBR/TMMBN
 * (RFC 5104 §4.2), SLI, RPSI or a non-REMB application-layer message. The FCI is kept raw.
 * {@link RtcpCompound#parse} returns the specific record for the modelled types, never this.
 *
 * @param packetType {@link RtcpPacket#TYPE_RTPFB} or {@link RtcpPacket#TYPE_PSFB}
 * @param fmt the feedback message type, {@code 0..31}
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the SSRC of the media source
 * @param fci the feedback control information, whole 32-bit words
 */
public record GenericFeedback(int packetType, int fmt, long senderSsrc, long mediaSsrc, RawBytes fci)
        implements FeedbackMessage {

    /**
     * @throws IllegalArgumentException if the packet type is not 205 or 206, a field does not fit
     *     its wire size or the FCI is not whole words
     * @throws NullPointerException if the FCI is null
     */
    public GenericFeedback {
        if (packetType != TYPE_RTPFB && packetType != TYPE_PSFB) {
            throw new IllegalArgumentException("feedback packet type must be 205 or 206: " + packetType);
        }
        Wire.checkRange(fmt, 0, Wire.MAX_COUNT, "fmt");
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
        Objects.requireNonNull(fci, "fci");
        Wire.checkWords(fci, "FCI");
        Wire.checkPacketLength(Wire.HEADER_LENGTH + 8 + fci.length());
    }

    @Override
    public int encodedLength() {
        return Wire.HEADER_LENGTH + 8 + fci.length();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeFeedbackHeader(buf, off, this, length);
        fci.copyTo(buf, pos);
        return length;
    }

    /** Keeps the rest of a feedback packet as FCI. */
    static GenericFeedback decode(WireReader r, int packetType, int fmt, long senderSsrc, long mediaSsrc) {
        return new GenericFeedback(packetType, fmt, senderSsrc, mediaSsrc, r.words("FCI"));
    }
}
