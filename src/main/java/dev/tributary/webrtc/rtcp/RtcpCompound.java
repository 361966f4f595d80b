package dev.tributary.webrtc.rtcp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses and writes RTCP datagrams: compound packets (RFC 3550 §6.1) and reduced-size ones
 * (RFC 5506), which may hold a single packet of any type.
 *
 * <p>Each packet's header is validated as RFC 3550 Appendix A.2 describes: version 2, a length
 * field that stays within the datagram, and the padding bit only on the last packet, whose last
 * octet then counts the padding octets (at least one, at most the packet's body). The first
 * packet need not be an SR or RR, so that reduced-size RTCP is accepted; {@link
 * #checkFullCompound} applies the stricter rule where it matters.
 *
 * <p>Known packet types must fill their length exactly (after padding), apart from the few
 * octets their own format allows for alignment; a body that does not add up is a
 * {@link ParseException}, never a partially read packet.
 */
public final class RtcpCompound {

    private static final int VERSION = 2;

    private RtcpCompound() {}

    /**
     * Parses a datagram of {@code len} bytes from {@code off} into its packets, in order. Known
     * types become their records, an unmodelled feedback FMT a {@link GenericFeedback}, any other
     * packet type an {@link UnknownRtcpPacket}.
     *
     * @throws ParseException if the datagram is empty, a header is invalid, or a packet's body
     *     does not match its type; the offset is relative to {@code off}
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code
     *     buf}
     */
    public static List<RtcpPacket> parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            throw new ParseException("empty RTCP datagram", 0);
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        int end = off + len;
        int pos = off;
        while (pos < end) {
            packets.add(parsePacket(buf, off, pos, end));
            pos += packetLength(buf, pos);
        }
        return packets;
    }

    /**
     * Parses a whole array as one datagram.
     *
     * @throws ParseException as {@link #parse(byte[], int, int)}
     */
    public static List<RtcpPacket> parse(byte[] datagram) {
        return parse(datagram, 0, datagram.length);
    }

    private static int packetLength(byte[] buf, int pos) {
        return ((((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF)) + 1) * 4;
    }

    private static RtcpPacket parsePacket(byte[] buf, int base, int pos, int end) {
        WireReader header = new WireReader(buf, base, pos, end);
        header.need(Wire.HEADER_LENGTH, "RTCP header");
        int first = header.u8();
        int packetType = header.u8();
        if (first >>> 6 != VERSION) {
            throw new ParseException("RTCP version " + (first >>> 6) + ", expected 2", pos - base);
        }
        int length = packetLength(buf, pos);
        if (length > end - pos) {
            throw new ParseException("RTCP length field says " + length + " bytes but " + (end - pos)
                    + " remain", pos + 2 - base);
        }
        int bodyEnd = pos + length;
        if ((first & 0x20) != 0) {
            if (bodyEnd != end) {
                throw new ParseException(
                        "padding bit set on an RTCP packet that is not the last", pos - base);
            }
            int padding = buf[bodyEnd - 1] & 0xFF;
            if (padding == 0 || padding > length - Wire.HEADER_LENGTH) {
                throw new ParseException("invalid RTCP padding count " + padding, bodyEnd - 1 - base);
            }
            bodyEnd -= padding;
        }
        int count = first & 0x1F;
        WireReader body = new WireReader(buf, base, pos + Wire.HEADER_LENGTH, bodyEnd);
        return switch (packetType) {
            case RtcpPacket.TYPE_SR -> SenderReport.decode(body, count);
            case RtcpPacket.TYPE_RR -> ReceiverReport.decode(body, count);
            case RtcpPacket.TYPE_SDES -> SourceDescription.decode(body, count);
            case RtcpPacket.TYPE_BYE -> Goodbye.decode(body, count);
            case RtcpPacket.TYPE_APP -> ApplicationDefined.decode(body, count);
            case RtcpPacket.TYPE_RTPFB, RtcpPacket.TYPE_PSFB -> parseFeedback(body, packetType, count);
            default -> new UnknownRtcpPacket(RawBytes.copyOf(buf, pos, length));
        };
    }

    private static FeedbackMessage parseFeedback(WireReader r, int packetType, int fmt) {
        r.need(8, "feedback sender and media SSRCs");
        long senderSsrc = r.u32();
        long mediaSsrc = r.u32();
        if (packetType == RtcpPacket.TYPE_RTPFB) {
            return switch (fmt) {
                case FeedbackMessage.FMT_NACK -> GenericNack.decode(r, senderSsrc, mediaSsrc);
                case FeedbackMessage.FMT_TWCC -> TransportFeedback.decode(r, senderSsrc, mediaSsrc);
                default -> GenericFeedback.decode(r, packetType, fmt, senderSsrc, mediaSsrc);
            };
        }
        if (fmt == FeedbackMessage.FMT_AFB && ReceiverEstimatedMaxBitrate.isRemb(r)) {
            return ReceiverEstimatedMaxBitrate.decode(r, senderSsrc, mediaSsrc);
        }
        return switch (fmt) {
            case FeedbackMessage.FMT_PLI -> PictureLossIndication.decode(r, senderSsrc, mediaSsrc);
            case FeedbackMessage.FMT_FIR -> FullIntraRequest.decode(r, senderSsrc, mediaSsrc);
            default -> GenericFeedback.decode(r, packetType, fmt, senderSsrc, mediaSsrc);
        };
    }

    /**
     * Checks the rules of a full compound packet (RFC 3550 §6.1): it starts with an SR or RR and
     * carries an SDES with a CNAME item. Reduced-size RTCP (RFC 5506) does not have to follow them.
     *
     * @throws ParseException if {@code packets} breaks one of the rules (offset -1)
     */
    public static void checkFullCompound(List<? extends RtcpPacket> packets) {
        RtcpPacket first = packets.isEmpty() ? null : packets.getFirst();
        if (!(first instanceof SenderReport || first instanceof ReceiverReport)) {
            throw new ParseException("a compound RTCP packet must start with an SR or RR (RFC 3550 §6.1)");
        }
        for (RtcpPacket packet : packets) {
            if (packet instanceof SourceDescription sdes && sdes.hasCname()) {
                return;
            }
        }
        throw new ParseException("a compound RTCP packet must carry an SDES CNAME (RFC 3550 §6.1)");
    }

    /** The bytes {@link #write} writes for {@code packets}: the sum of their lengths. */
    public static int encodedLength(List<? extends RtcpPacket> packets) {
        int length = 0;
        for (RtcpPacket packet : packets) {
            length += packet.encodedLength();
        }
        return length;
    }

    /**
     * Writes {@code packets} one after another into {@code buf} at {@code off}.
     *
     * @return the number of bytes written, {@link #encodedLength}
     * @throws IndexOutOfBoundsException if they do not fit; nothing is written then
     */
    public static int write(List<? extends RtcpPacket> packets, byte[] buf, int off) {
        Objects.checkFromIndexSize(off, encodedLength(packets), buf.length);
        int pos = off;
        for (RtcpPacket packet : packets) {
            pos += packet.writeTo(buf, pos);
        }
        return pos - off;
    }

    /** Writes {@code packets} into a new array of exactly their length. */
    public static byte[] toByteArray(List<? extends RtcpPacket> packets) {
        byte[] out = new byte[encodedLength(packets)];
        write(packets, out, 0);
        return out;
    }
}
