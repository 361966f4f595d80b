package dev.tributary.webrtc.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A receiver estimated maximum bitrate, REMB (draft-alvestrand-rmcat-remb-03 §2.2): application
 * layer feedback (PSFB FMT 15) whose FCI starts with the ASCII identifier "REMB" and carries the
 * total bitrate the receiver estimates it can take for the listed SSRCs.
 *
 * <p>The bitrate is sent as an 18-bit mantissa and a 6-bit exponent. A bitrate below 2^18 is sent
 * exactly, and so is any bitrate whose binary form has at most 18 significant bits (as every
 * parsed bitrate does); otherwise writing rounds it <em>down</em> to the nearest value the field
 * can carry (its top 18 significant bits), so the receiver is never told more than was estimated.
 * {@link #wireBitrate(long)} gives the value a bitrate is written as.
 *
 * @param senderSsrc the SSRC of the packet's sender
 * @param mediaSsrc the header's media source SSRC, 0 by the draft (kept as received)
 * @param bitrate the estimate in bits per second, {@code >= 0}
 * @param ssrcs the media SSRCs the estimate applies to, at most 255
 */
public record ReceiverEstimatedMaxBitrate(long senderSsrc, long mediaSsrc, long bitrate, List<Long> ssrcs)
        implements FeedbackMessage {

    private static final byte[] IDENTIFIER = "REMB".getBytes(StandardCharsets.US_ASCII);
    private static final int MANTISSA_BITS = 18;

    /**
     * @throws IllegalArgumentException if an SSRC does not fit 32 bits, the bitrate is negative or
     *     there are more than 255 SSRCs
     * @throws NullPointerException if the list or an SSRC is null
     */
    public ReceiverEstimatedMaxBitrate {
        Wire.checkFeedbackSsrcs(senderSsrc, mediaSsrc);
        if (bitrate < 0) {
            throw new IllegalArgumentException("bitrate must not be negative: " + bitrate);
        }
        ssrcs = List.copyOf(ssrcs);
        Wire.checkRange(ssrcs.size(), 0, 255, "number of REMB SSRCs");
        Wire.checkSsrcs(ssrcs, "ssrc");
    }

    /**
     * A REMB with media source SSRC 0, as the draft asks.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ReceiverEstimatedMaxBitrate of(long senderSsrc, long bitrate, List<Long> ssrcs) {
        return new ReceiverEstimatedMaxBitrate(senderSsrc, 0, bitrate, ssrcs);
    }

    /**
     * The bitrate a REMB carrying {@code bitrate} announces: {@code bitrate} itself when it has at
     * most 18 significant bits, else {@code bitrate} with the bits below its top 18 cleared.
     *
     * @throws IllegalArgumentException if {@code bitrate} is negative
     */
    public static long wireBitrate(long bitrate) {
        if (bitrate < 0) {
            throw new IllegalArgumentException("bitrate must not be negative: " + bitrate);
        }
        int exponent = exponent(bitrate);
        return (bitrate >>> exponent) << exponent;
    }

    private static int exponent(long bitrate) {
        return Math.max(0, Long.SIZE - Long.numberOfLeadingZeros(bitrate) - MANTISSA_BITS);
    }

    @Override
    public int fmt() {
        return FMT_AFB;
    }

    @Override
    public int packetType() {
        return TYPE_PSFB;
    }

    @Override
    public int encodedLength() {
        return Wire.HEADER_LENGTH + 8 + 8 + 4 * ssrcs.size();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeFeedbackHeader(buf, off, this, length);
        System.arraycopy(IDENTIFIER, 0, buf, pos, IDENTIFIER.length);
        int exponent = exponent(bitrate);
        buf[pos + 4] = (byte) ssrcs.size();
        Wire.put24(buf, pos + 5, (exponent << MANTISSA_BITS) | (int) (bitrate >>> exponent));
        Wire.putSsrcs(buf, pos + 8, ssrcs);
        return length;
    }

    /** Whether an application-layer feedback FCI is a REMB: it starts with "REMB". */
    static boolean isRemb(WireReader r) {
        return r.startsWith(IDENTIFIER);
    }

    /** Parses the FCI of a REMB (it starts with the identifier, see {@link #isRemb}). */
    static ReceiverEstimatedMaxBitrate decode(WireReader r, long senderSsrc, long mediaSsrc) {
        r.need(8, "REMB identifier, SSRC count and bitrate");
        r.skip(IDENTIFIER.length);
        int count = r.u8();
        int bitrateField = r.s24() & 0xFFFFFF;
        int exponent = bitrateField >>> MANTISSA_BITS;
        long mantissa = bitrateField & ((1 << MANTISSA_BITS) - 1);
        if (mantissa != 0 && Long.SIZE - Long.numberOfLeadingZeros(mantissa) + exponent > Long.SIZE - 1) {
            throw r.error("REMB bitrate " + mantissa + "*2^" + exponent + " exceeds 2^63-1 bit/s");
        }
        if (r.remaining() != 4 * count) {
            throw r.error("REMB lists " + count + " SSRCs but has " + r.remaining() + " bytes for them");
        }
        List<Long> ssrcs = r.ssrcs(count, "REMB SSRCs");
        return new ReceiverEstimatedMaxBitrate(senderSsrc, mediaSsrc, mantissa << exponent, ssrcs);
    }
}
