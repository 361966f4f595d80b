package dev.tributary.webrtc.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A goodbye, BYE (RFC 3550 §6.6): the listed sources are leaving, optionally with a reason.
 *
 * @param ssrcs the SSRCs/CSRCs leaving, at most 31
 * @param reason the reason for leaving as UTF-8 bytes, at most 255; {@link RawBytes#EMPTY} for
 *     none (an empty reason and no reason are the same to a receiver)
 */
public record Goodbye(List<Long> ssrcs, RawBytes reason) implements RtcpPacket {

    /**
     * @throws IllegalArgumentException if there are more than 31 SSRCs, one does not fit 32 bits or
     *     the reason is longer than 255 bytes
     * @throws NullPointerException if the list, an SSRC or the reason is null
     */
    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        Wire.checkCount(ssrcs, "BYE SSRCs");
        Wire.checkSsrcs(ssrcs, "ssrc");
        Objects.requireNonNull(reason, "reason");
        Wire.checkRange(reason.length(), 0, 255, "BYE reason length");
    }

    /**
     * A BYE for the given sources with a text reason ({@code ""} for none).
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Goodbye of(List<Long> ssrcs, String reason) {
        return new Goodbye(ssrcs, RawBytes.copyOf(reason.getBytes(StandardCharsets.UTF_8)));
    }

    /** The reason decoded as UTF-8, {@code ""} if none. */
    public String reasonText() {
        return new String(reason.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public int packetType() {
        return TYPE_BYE;
    }

    @Override
    public int encodedLength() {
        int reasonLength = reason.length() == 0 ? 0 : Wire.paddedTo4(1 + reason.length());
        return Wire.HEADER_LENGTH + 4 * ssrcs.size() + reasonLength;
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeHeader(buf, off, ssrcs.size(), TYPE_BYE, length);
        pos = Wire.putSsrcs(buf, pos, ssrcs);
        if (reason.length() > 0) {
            buf[pos] = (byte) reason.length();
            pos = reason.copyTo(buf, pos + 1);
            while (pos < off + length) {
                buf[pos++] = 0;
            }
        }
        return length;
    }

    /** Parses the body of a BYE whose header gave {@code count} sources. */
    static Goodbye decode(WireReader r, int count) {
        List<Long> ssrcs = r.ssrcs(count, "BYE SSRCs");
        RawBytes reason = RawBytes.EMPTY;
        if (r.remaining() > 0) {
            int length = r.u8();
            r.need(length, "BYE reason");
            reason = r.bytes(length);
            // Up to three null octets pad the reason to a 32-bit boundary.
            if (r.remaining() > 3) {
                throw r.error(r.remaining() + " unexpected bytes after the BYE reason");
            }
        }
        return new Goodbye(ssrcs, reason);
    }
}
