package dev.tributary.webrtc.rtcp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A sender report, SR (RFC 3550 §6.4.1): the sender's wall clock and RTP clock at one instant,
 * which is what maps RTP timestamps onto a common timeline, plus its send counters and reception
 * report blocks.
 *
 * @param ssrc the sender's SSRC
 * @param ntpTimestamp the wall-clock time of the report in 64-bit NTP format ({@link NtpTime})
 * @param rtpTimestamp the same instant in the units and offset of the sender's RTP timestamps
 * @param packetCount RTP data packets sent since the start, modulo 2^32
 * @param octetCount RTP payload octets sent since the start, modulo 2^32
 * @param reportBlocks at most 31 reception report blocks
 * @param extension the profile-specific extension, kept raw, whole 32-bit words
 */
public record SenderReport(
        long ssrc,
        long ntpTimestamp,
        long rtpTimestamp,
        long packetCount,
        long octetCount,
        List<ReportBlock> reportBlocks,
        RawBytes extension)
        implements RtcpPacket {

    private static final int SENDER_INFO_LENGTH = 24;

    /**
     * @throws IllegalArgumentException if a field does not fit its wire size, there are more
     *     than 31 blocks or the extension is not whole words
     * @throws NullPointerException if a list, block or the extension is null
     */
    public SenderReport {
        Wire.checkU32(ssrc, "ssrc");
        Wire.checkU32(rtpTimestamp, "rtpTimestamp");
        Wire.checkU32(packetCount, "packetCount");
        Wire.checkU32(octetCount, "octetCount");
        reportBlocks = List.copyOf(reportBlocks);
        Wire.checkCount(reportBlocks, "report blocks");
        Objects.requireNonNull(extension, "extension");
        Wire.checkWords(extension, "extension");
        Wire.checkPacketLength(length(reportBlocks, extension));
    }

    /**
     * An SR without report blocks or extension.
     *
     * @throws IllegalArgumentException if a field does not fit its wire size
     */
    public SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        this(ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, List.of(), RawBytes.EMPTY);
    }

    /** The NTP timestamp as an instant ({@link NtpTime#toInstant}). */
    public Instant ntpTime() {
        return NtpTime.toInstant(ntpTimestamp);
    }

    @Override
    public int packetType() {
        return TYPE_SR;
    }

    @Override
    public int encodedLength() {
        return length(reportBlocks, extension);
    }

    private static int length(List<ReportBlock> blocks, RawBytes extension) {
        return Wire.HEADER_LENGTH + SENDER_INFO_LENGTH + blocks.size() * ReportBlock.LENGTH
                + extension.length();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeHeader(buf, off, reportBlocks.size(), TYPE_SR, length);
        Wire.put32(buf, pos, ssrc);
        Wire.put64(buf, pos + 4, ntpTimestamp);
        Wire.put32(buf, pos + 12, rtpTimestamp);
        Wire.put32(buf, pos + 16, packetCount);
        Wire.put32(buf, pos + 20, octetCount);
        pos += SENDER_INFO_LENGTH;
        pos = writeBlocks(buf, pos, reportBlocks);
        extension.copyTo(buf, pos);
        return length;
    }

    static int writeBlocks(byte[] buf, int off, List<ReportBlock> blocks) {
        int pos = off;
        for (ReportBlock block : blocks) {
            pos = block.write(buf, pos);
        }
        return pos;
    }

    /** Parses the body of an SR whose header gave {@code count} report blocks. */
    static SenderReport decode(WireReader r, int count) {
        r.need(SENDER_INFO_LENGTH, "SR sender info");
        long ssrc = r.u32();
        long ntp = r.u64();
        long rtp = r.u32();
        long packets = r.u32();
        long octets = r.u32();
        List<ReportBlock> blocks = readBlocks(r, count, "SR report blocks");
        return new SenderReport(ssrc, ntp, rtp, packets, octets, blocks, r.words("SR extension"));
    }

    static List<ReportBlock> readBlocks(WireReader r, int count, String what) {
        r.need(count * ReportBlock.LENGTH, count, what);
        ReportBlock[] blocks = new ReportBlock[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = ReportBlock.read(r);
        }
        return List.of(blocks);
    }
}
