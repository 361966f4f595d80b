package dev.tributary.webrtc.rtcp;

import java.util.List;
import java.util.Objects;

/**
 * A receiver report, RR (RFC 3550 §6.4.2): reception statistics from a participant that is not
 * sending (or as the first packet of a compound that has no SR).
 *
 * @param ssrc the reporter's SSRC
 * @param reportBlocks at most 31 reception report blocks (none is valid: an empty RR opens a
 *     compound when there is nothing to report)
 * @param extension the profile-specific extension, kept raw, whole 32-bit words
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reportBlocks, RawBytes extension)
        implements RtcpPacket {

    /**
     * @throws IllegalArgumentException if the SSRC does not fit 32 bits, there are more than 31
     *     blocks or the extension is not whole words
     * @throws NullPointerException if a list, block or the extension is null
     */
    public ReceiverReport {
        Wire.checkU32(ssrc, "ssrc");
        reportBlocks = List.copyOf(reportBlocks);
        Wire.checkCount(reportBlocks, "report blocks");
        Objects.requireNonNull(extension, "extension");
        Wire.checkWords(extension, "extension");
        Wire.checkPacketLength(length(reportBlocks, extension));
    }

    /**
     * An RR without extension.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ReceiverReport(long ssrc, List<ReportBlock> reportBlocks) {
        this(ssrc, reportBlocks, RawBytes.EMPTY);
    }

    @Override
    public int packetType() {
        return TYPE_RR;
    }

    @Override
    public int encodedLength() {
        return length(reportBlocks, extension);
    }

    private static int length(List<ReportBlock> blocks, RawBytes extension) {
        return Wire.HEADER_LENGTH + 4 + blocks.size() * ReportBlock.LENGTH + extension.length();
    }

    @Override
    public int writeTo(byte[] buf, int off) {
        int length = encodedLength();
        int pos = Wire.writeHeader(buf, off, reportBlocks.size(), TYPE_RR, length);
        Wire.put32(buf, pos, ssrc);
        pos = SenderReport.writeBlocks(buf, pos + 4, reportBlocks);
        extension.copyTo(buf, pos);
        return length;
    }

    /** Parses the body of an RR whose header gave {@code count} report blocks. */
    static ReceiverReport decode(WireReader r, int count) {
        r.need(4, "RR SSRC");
        long ssrc = r.u32();
        List<ReportBlock> blocks = SenderReport.readBlocks(r, count, "RR report blocks");
        return new ReceiverReport(ssrc, blocks, r.words("RR extension"));
    }
}
