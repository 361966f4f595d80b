package dev.tributary.webrtc.rtcp;

/**
 * A picture loss indication, PLI (RFC 4585 §6.3.1, PSFB FMT 1): the receiver lost part of the
 * picture of the media source and asks for a keyframe. It has no FCI.
 *
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the SSRC of the media source that should send a keyframe
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements FeedbackMessage {

    private static final int LENGTH = Wire.HEADER_LENGTH + 8;

    /**
     * @throws IllegalArgumentException if an SSRC does not fit 32 bits
     */
    public PictureLossIndication {
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
    }

    @Override
    public int fmt() {
        return FMT_PLI;
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        Wire.writeFeedbackHeader(buf, off, this, LENGTH);
        return LENGTH;
    }

    /** Checks that a PLI has no FCI, as RFC 4585 §6.3.1 requires (its length field is 2). */
    static PictureLossIndication decode(WireReader r, long senderSsrc, long mediaSsrc) {
        r.expectEnd("the PLI header (a PLI has no FCI)");
        return new PictureLossIndication(senderSsrc, mediaSsrc);
    }
}
