package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3550 packets and compounds: hand-built bytes parse to exact values and write back identically. */
class RtcpCompoundTest {

    private static final long CHROME_SSRC = 0x5A6B7C8DL;

    @Test
    void parsesChromiumSenderReportAndSdesCompound() {
        List<RtcpPacket> packets = RtcpCompound.parse(RtcpSamples.SR_SDES);

        assertThat(packets).hasSize(2);
        SenderReport sr = (SenderReport) packets.get(0);
        assertThat(sr.ssrc()).isEqualTo(CHROME_SSRC);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xE9DCAD4080000000L);
        assertThat(sr.ntpTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
        assertThat(sr.rtpTimestamp()).isEqualTo(0x5A3B1C00L);
        assertThat(sr.packetCount()).isEqualTo(1234);
        assertThat(sr.octetCount()).isEqualTo(987654);
        assertThat(sr.reportBlocks()).isEmpty();
        assertThat(sr.extension()).isEqualTo(RawBytes.EMPTY);

        SourceDescription sdes = (SourceDescription) packets.get(1);
        assertThat(sdes.chunks()).containsExactly(new SourceDescription.Chunk(CHROME_SSRC,
                List.of(SourceDescription.Item.of(SourceDescription.Item.CNAME, "3Hjk2mZ9+aQx/Lw1"))));
        assertThat(sdes.cname(CHROME_SSRC)).contains("3Hjk2mZ9+aQx/Lw1");
        assertThat(sdes.cname(1)).isEmpty();

        RtcpCompound.checkFullCompound(packets);
        assertThat(RtcpCompound.toByteArray(packets)).isEqualTo(RtcpSamples.SR_SDES);
    }

    @Test
    void buildsTheChromiumCompoundFromValues() {
        List<RtcpPacket> packets = List.of(
                new SenderReport(CHROME_SSRC, NtpTime.fromInstant(Instant.parse("2024-05-01T12:00:00.5Z")),
                        0x5A3B1C00L, 1234, 987654),
                SourceDescription.ofCname(CHROME_SSRC, "3Hjk2mZ9+aQx/Lw1"));

        assertThat(RtcpCompound.encodedLength(packets)).isEqualTo(56);
        assertThat(RtcpCompound.toByteArray(packets)).isEqualTo(RtcpSamples.SR_SDES);
    }

    @Test
    void writesIntoTheCallersBufferAtAnOffset() {
        List<RtcpPacket> packets = RtcpCompound.parse(RtcpSamples.SR_SDES);
        byte[] buf = new byte[100];

        int written = RtcpCompound.write(packets, buf, 7);

        assertThat(written).isEqualTo(RtcpSamples.SR_SDES.length);
        assertThat(RtcpCompound.parse(buf, 7, written)).isEqualTo(packets);
        assertThatThrownBy(() -> RtcpCompound.write(packets, new byte[55], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void parsesAtAnOffsetAndReportsErrorOffsetsRelativeToIt() {
        byte[] buf = new byte[RtcpSamples.SR_SDES.length + 10];
        System.arraycopy(RtcpSamples.SR_SDES, 0, buf, 5, RtcpSamples.SR_SDES.length);
        assertThat(RtcpCompound.parse(buf, 5, RtcpSamples.SR_SDES.length))
                .isEqualTo(RtcpCompound.parse(RtcpSamples.SR_SDES));

        buf[5 + 28] = 0x40; // version 1 on the SDES
        assertThatThrownBy(() -> RtcpCompound.parse(buf, 5, RtcpSamples.SR_SDES.length))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(28));
    }

    @Test
    void parsesSenderReportWithBlocksAndExtension() {
        SenderReport sr = (SenderReport) RtcpCompound.parse(RtcpSamples.SR_BLOCKS).getFirst();

        assertThat(sr.reportBlocks()).containsExactly(
                new ReportBlock(0x11223344L, 25, -3, 0x0001FFF0L, 42, 0xC0A80102L, 0x00018000L),
                new ReportBlock(0x22334455L, 0, 70000, 0x00030005L, 7, 0, 0));
        assertThat(sr.extension()).isEqualTo(RawBytes.copyOf(RtcpSamples.hex("deadbeefcafebabe")));
        assertThat(sr.toByteArray()).isEqualTo(RtcpSamples.SR_BLOCKS);
    }

    @Test
    void parsesReceiverReportNackAndRemb() {
        List<RtcpPacket> packets = RtcpCompound.parse(RtcpSamples.RR_NACK_REMB);

        assertThat(packets).containsExactly(
                new ReceiverReport(1, List.of(new ReportBlock(0x11223344L, 25, -3, 0x0001FFF0L, 42, 0xC0A80102L,
                        0x00018000L))),
                new GenericNack(1, 0x11223344L,
                        List.of(new GenericNack.Item(65534, 0b101), new GenericNack.Item(100, 0x8000))),
                new ReceiverEstimatedMaxBitrate(1, 0, 2_500_000, List.of(0x11223344L)));
        assertThat(RtcpCompound.toByteArray(packets)).isEqualTo(RtcpSamples.RR_NACK_REMB);
        assertThatThrownBy(() -> RtcpCompound.checkFullCompound(packets))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("CNAME");
    }

    @Test
    void parsesSdesWithSeveralItemsPrivAndAnEmptyChunk() {
        SourceDescription sdes = (SourceDescription) RtcpCompound.parse(RtcpSamples.SDES2).getFirst();

        assertThat(sdes.chunks()).hasSize(2);
        List<SourceDescription.Item> items = sdes.chunks().get(0).items();
        assertThat(items).extracting(SourceDescription.Item::type).containsExactly(1, 2, 8);
        assertThat(items.get(0).text()).isEqualTo("cnam");
        assertThat(items.get(1).text()).isEqualTo("Alice");
        assertThat(items.get(2).value()).isEqualTo(RawBytes.copyOf(RtcpSamples.hex("03616263" + "78797a")));
        assertThat(sdes.chunks().get(1)).isEqualTo(new SourceDescription.Chunk(0x01020304L, List.of()));
        assertThat(sdes.toByteArray()).isEqualTo(RtcpSamples.SDES2);
    }

    @Test
    void sdesChunkPaddingAlwaysAddsANullOctet() {
        // 2 + 2 item bytes fill a word exactly, so the terminator needs a whole extra word.
        SourceDescription sdes = SourceDescription.ofCname(7, "ab");
        assertThat(sdes.toByteArray()).isEqualTo(RtcpSamples.hex("81ca0003" + "00000007" + "01026162" + "00000000"));
    }

    @Test
    void parsesByeWithReason() {
        Goodbye bye = (Goodbye) RtcpCompound.parse(RtcpSamples.BYE).getFirst();

        assertThat(bye.ssrcs()).containsExactly(CHROME_SSRC);
        assertThat(bye.reasonText()).isEqualTo("camera off");
        assertThat(Goodbye.of(List.of(CHROME_SSRC), "camera off").toByteArray()).isEqualTo(RtcpSamples.BYE);
        assertThat(Goodbye.of(List.of(1L, 2L), "").toByteArray())
                .isEqualTo(RtcpSamples.hex("82cb0002" + "00000001" + "00000002"));
    }

    @Test
    void parsesApplicationDefined() {
        ApplicationDefined app = (ApplicationDefined) RtcpCompound.parse(RtcpSamples.APP).getFirst();

        assertThat(app).isEqualTo(new ApplicationDefined(3, CHROME_SSRC, "TRIB",
                RawBytes.copyOf(RtcpSamples.hex("0102030405060708"))));
        assertThat(app.toByteArray()).isEqualTo(RtcpSamples.APP);
    }

    @Test
    void keepsUnknownPacketTypesByteForByte() {
        byte[] datagram = concat(RtcpSamples.hex("80c90001" + "00000001"), RtcpSamples.XR, RtcpSamples.BYE);

        List<RtcpPacket> packets = RtcpCompound.parse(datagram);

        assertThat(packets.get(1)).isInstanceOfSatisfying(UnknownRtcpPacket.class, xr -> {
            assertThat(xr.packetType()).isEqualTo(207);
            assertThat(xr.count()).isZero();
            assertThat(xr.bytes().toByteArray()).isEqualTo(RtcpSamples.XR);
        });
        assertThat(RtcpCompound.toByteArray(packets)).isEqualTo(datagram);
    }

    @Test
    void keepsAnUnknownLastPacketWithItsPadding() {
        byte[] padded = RtcpSamples.hex("a0cf0002" + "00000001" + "00000004");

        List<RtcpPacket> packets = RtcpCompound.parse(padded);

        assertThat(packets).containsExactly(new UnknownRtcpPacket(RawBytes.copyOf(padded)));
        assertThat(RtcpCompound.toByteArray(packets)).isEqualTo(padded);
    }

    @Test
    void stripsThePaddingOfAKnownLastPacket() {
        byte[] padded = RtcpSamples.hex("a1ce0004" + "00000001" + "5a6b7c8d" + "00000000" + "00000008");

        assertThat(RtcpCompound.parse(padded))
                .containsExactly(new PictureLossIndication(1, CHROME_SSRC));
    }

    @Test
    void acceptsReducedSizeRtcpButTheStrictCheckDoesNot() {
        List<RtcpPacket> packets = RtcpCompound.parse(RtcpSamples.PLI);

        assertThat(packets).containsExactly(new PictureLossIndication(1, CHROME_SSRC));
        assertThatThrownBy(() -> RtcpCompound.checkFullCompound(packets))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("SR or RR");
        assertThatThrownBy(() -> RtcpCompound.checkFullCompound(List.of())).isInstanceOf(ParseException.class);
    }

    @Test
    void everySampleRoundTrips() {
        RtcpSamples.ALL.forEach((name, bytes) -> {
            List<RtcpPacket> packets = RtcpCompound.parse(bytes);
            byte[] written = RtcpCompound.toByteArray(packets);
            assertThat(RtcpCompound.parse(written)).as(name).isEqualTo(packets);
            // The hand-built feedback uses other (equally valid) chunks than the encoder chooses.
            if (!name.startsWith("TWCC")) {
                assertThat(written).as(name).isEqualTo(bytes);
            }
        });
    }

    @Test
    void reportBlockClampsCumulativeLoss() {
        assertThat(ReportBlock.clampCumulativeLost(10_000_000)).isEqualTo(0x7FFFFF);
        assertThat(ReportBlock.clampCumulativeLost(-10_000_000)).isEqualTo(-0x800000);
        assertThat(ReportBlock.clampCumulativeLost(-5)).isEqualTo(-5);
        byte[] bytes = new ReceiverReport(1, List.of(new ReportBlock(2, 0, -0x800000, 0, 0, 0, 0))).toByteArray();
        assertThat(Arrays.copyOfRange(bytes, 12, 16)).isEqualTo(RtcpSamples.hex("00800000"));
    }

    @Test
    void constructorsRejectValuesThatDoNotFitTheWire() {
        assertThatThrownBy(() -> new ReportBlock(1L << 32, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverReport(1, Collections.nCopies(32,
                new ReportBlock(1, 0, 0, 0, 0, 0, 0)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SenderReport(1, 0, 0, 0, 0, List.of(), RawBytes.copyOf(new byte[3])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationDefined(0, 1, "TOOLONG", RawBytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationDefined(0, 1, "ab\u0100d", RawBytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceDescription.Item.of(SourceDescription.Item.CNAME, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnknownRtcpPacket(RawBytes.copyOf(RtcpSamples.hex("80cf0002" + "00000001"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenericFeedback(200, 1, 0, 0, RawBytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }
}
