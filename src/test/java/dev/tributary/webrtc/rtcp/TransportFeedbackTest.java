package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
class TransportFeedbackTest {

    @Test
    void decodesRunLengthOneBitAndTwoBitChunksWithSmallAndLargeDeltas() {
        TransportFeedback fb = (TransportFeedback) RtcpCompound.parse(RtcpSamples.TWCC).getFirst();

        assertThat(fb.senderSsrc()).isEqualTo(0xAABBCCDDL);
        assertThat(fb.mediaSsrc()).isEqualTo(0x01020304L);
        assertThat(fb.baseSequence()).isEqualTo(65530);
        assertThat(fb.packetStatusCount()).isEqualTo(39);
        assertThat(fb.referenceTime()).isEqualTo(-2);
        assertThat(fb.referenceTimeMicros()).isEqualTo(-128_000);
        assertThat(fb.feedbackPacketCount()).isEqualTo(7);

        List<TransportFeedback.ReceivedPacket> expected = new ArrayList<>();
        // Run-length chunk: 20 received with small deltas, across the sequence wrap.
        expected.add(new TransportFeedback.ReceivedPacket(65530, 25_000));
        for (int i = 1; i < 20; i++) {
            expected.add(new TransportFeedback.ReceivedPacket((65530 + i) & 0xFFFF, 1_000));
        }
        // One-bit vector 1 0 1 1 0 0 1 0 0 0 0 0 0 1 from offset 20 (sequence 14).
        expected.add(new TransportFeedback.ReceivedPacket(14, 2_000));
        expected.add(new TransportFeedback.ReceivedPacket(16, 63_750));
        expected.add(new TransportFeedback.ReceivedPacket(17, 0));
        expected.add(new TransportFeedback.ReceivedPacket(20, 3_000));
        expected.add(new TransportFeedback.ReceivedPacket(27, 10_000));
        // Two-bit vector 2 1 0 2 1 from offset 34 (sequence 28); its last two symbols are unused.
        expected.add(new TransportFeedback.ReceivedPacket(28, -1_000));
        expected.add(new TransportFeedback.ReceivedPacket(29, 750));
        expected.add(new TransportFeedback.ReceivedPacket(31, 250_000));
        expected.add(new TransportFeedback.ReceivedPacket(32, 1_750));
        assertThat(fb.receivedPackets()).containsExactlyElementsOf(expected);

        long[] arrivals = fb.arrivalTimesMicros();
        assertThat(arrivals[0]).isEqualTo(-128_000 + 25_000);
        assertThat(arrivals[19]).isEqualTo(-128_000 + 25_000 + 19_000);
        assertThat(arrivals[arrivals.length - 1]).isEqualTo(-128_000 + 25_000 + 19_000 + 2_000 + 63_750 + 3_000
                + 10_000 - 1_000 + 750 + 250_000 + 1_750);
    }

    @Test
    void paddingBitAndZeroPaddingDecodeTheSame() {
        assertThat(RtcpCompound.parse(RtcpSamples.TWCC_P)).isEqualTo(RtcpCompound.parse(RtcpSamples.TWCC));
    }

    @Test
    void reEncodingTheHandBuiltFeedbackGivesAnEqualModel() {
        TransportFeedback fb = (TransportFeedback) RtcpCompound.parse(RtcpSamples.TWCC).getFirst();

        byte[] bytes = fb.toByteArray();

        assertThat(bytes.length).isEqualTo(fb.encodedLength()).isEqualTo(60);
        assertThat(RtcpCompound.parse(bytes)).containsExactly(fb);
        assertThat(ReferenceDecoder.decode(bytes)).isEqualTo(fb);
    }

    @Test
    void encodesARunOfSmallDeltasAsOneRunLengthChunk() {
        TransportFeedback fb = new TransportFeedback(1, 2, 100, 3, 5, 0, List.of(
                received(100, 250), received(101, 500), received(102, 63_750)));

        assertThat(fb.toByteArray()).isEqualTo(RtcpSamples.hex("8fcd0006" + "00000001" + "00000002"
                + "0064" + "0003" + "000005" + "00" + "2003" + "0102ff" + "000000"));
    }

    @Test
    void encodesMixedStatusesAsAOneBitVector() {
        List<TransportFeedback.ReceivedPacket> packets = new ArrayList<>();
        for (int i = 0; i < 14; i += 2) {
            packets.add(received(i, 0));
        }
        TransportFeedback fb = new TransportFeedback(1, 2, 0, 14, 0, 1, packets);

        assertThat(fb.toByteArray()).isEqualTo(RtcpSamples.hex("8fcd0007" + "00000001" + "00000002"
                + "0000" + "000e" + "000000" + "01" + "aaaa" + "00000000000000" + "000000"));
    }

    @Test
    void encodesLargeAndNegativeDeltasInATwoBitVector() {
        TransportFeedback fb = new TransportFeedback(1, 2, 7, 3, 0, 1, List.of(
                received(7, -250), received(8, 250), received(9, 64_000)));

        // Symbols 2 1 2 -> 10 01 10 00 00 00 00; deltas ffff, 01, 0100; one padding byte.
        assertThat(fb.toByteArray()).isEqualTo(RtcpSamples.hex("8fcd0006" + "00000001" + "00000002"
                + "0007" + "0003" + "000000" + "01" + "e600" + "ffff" + "01" + "0100" + "00"));
    }

    @Test
    void encodesLongLossWithRunLengthChunks() {
        TransportFeedback fb = new TransportFeedback(1, 2, 0, 10_001, 0, 1, List.of(received(10_000, 500)));

        // 8191 lost, then 1809 lost, then one received: two zero runs and a run of one.
        assertThat(fb.toByteArray()).isEqualTo(RtcpSamples.hex("8fcd0006" + "00000001" + "00000002"
                + "0000" + "2711" + "000000" + "01" + "1fff" + "0711" + "2001" + "02" + "00"));
    }

    @Test
    void randomFeedbackRoundTripsAndMatchesAnIndependentDecoder() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            TransportFeedback fb = randomFeedback(random);

            byte[] bytes = fb.toByteArray();

            assertThat(bytes.length).isEqualTo(fb.encodedLength());
            assertThat(bytes.length % 4).isZero();
            assertThat(RtcpCompound.parse(bytes)).containsExactly(fb);
            assertThat(ReferenceDecoder.decode(bytes)).isEqualTo(fb);
        }
    }

    private static TransportFeedback randomFeedback(Random random) {
        int base = random.nextInt(65536);
        int count = 1 + random.nextInt(random.nextBoolean() ? 40 : 3000);
        double receivedShare = random.nextDouble();
        double largeShare = random.nextDouble() * random.nextDouble();
        List<TransportFeedback.ReceivedPacket> packets = new ArrayList<>();
        for (int offset = 0; offset < count; offset++) {
            if (random.nextDouble() < receivedShare) {
                long ticks = random.nextDouble() < largeShare
                        ? Short.MIN_VALUE + random.nextInt(65536)
                        : random.nextInt(256);
                packets.add(received((base + offset) & 0xFFFF, ticks * 250));
            }
        }
        return new TransportFeedback(random.nextLong(1L << 32), random.nextLong(1L << 32), base, count,
                random.nextInt(1 << 24) - (1 << 23), random.nextInt(256), packets);
    }

    @Test
    void builderQuantizesWithoutAccumulatingErrorAndReportsGaps() {
        TransportFeedback.Builder builder = TransportFeedback.builder(1, 2, 65535, 1_000_100, 3);

        assertThat(builder.addReceived(65535, 1_000_100)).isTrue();
        assertThat(builder.addReceived(1, 1_000_480)).isTrue(); // 0 is lost
        assertThat(builder.addReceived(2, 1_000_860)).isTrue();
        assertThat(builder.addReceived(0, 1_001_000)).isFalse(); // already reported as lost
        assertThat(builder.addReceived(3, 999_000)).isTrue(); // reordered arrival: negative delta
        TransportFeedback fb = builder.build();

        // Reference 1_000_100 µs rounds down to 15 * 64 ms = 960_000 µs.
        assertThat(fb.referenceTime()).isEqualTo(15);
        assertThat(fb.baseSequence()).isEqualTo(65535);
        assertThat(fb.packetStatusCount()).isEqualTo(5);
        assertThat(fb.feedbackPacketCount()).isEqualTo(3);
        // 40_100 after the reference -> 40_000 (160 ticks); then 480 after the rounded 1_000_000 ->
        // 500; 360 after the rounded 1_000_500 -> 250 (1.44 ticks); 1_750 before 1_000_750.
        assertThat(fb.receivedPackets()).containsExactly(
                received(65535, 40_000), received(1, 500), received(2, 250), received(3, -1_750));
        assertThat(fb.arrivalTimesMicros()).containsExactly(1_000_000, 1_000_500, 1_000_750, 999_000);
    }

    @Test
    void builderRefusesDeltasBeyondSixteenBitsAndStaleSequences() {
        TransportFeedback.Builder builder = TransportFeedback.builder(1, 2, 10, 0, 0);

        assertThat(builder.addReceived(10, 9_000_000)).isFalse(); // 36000 ticks > 32767
        assertThat(builder.addReceived(10, 8_000_000)).isTrue();
        assertThat(builder.addReceived(10 + 0x8000, 8_000_000)).isFalse(); // looks older
        assertThat(builder.addReceived(9, 8_000_000)).isFalse();
        assertThat(builder.packetStatusCount()).isEqualTo(1);
        assertThatThrownBy(() -> TransportFeedback.builder(1, 2, 0, 0, 0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderWrapsTheReferenceTimeToTwentyFourSignedBits() {
        long ticks = (1L << 23) + 5;
        TransportFeedback.Builder builder = TransportFeedback.builder(1, 2, 0, ticks * 64_000, 0);
        builder.addReceived(0, ticks * 64_000 + 250);

        assertThat(builder.build().referenceTime()).isEqualTo(-(1 << 23) + 5);
    }

    @Test
    void rejectsInconsistentCounts() {
        // Status count 100 but the packet ends after chunks covering 20.
        assertParseFails(RtcpSamples.hex("8fcd0005" + "00000001" + "00000002" + "0000" + "0064" + "000000" + "00"
                + "2014" + "0000"), "chunks");
        // The hand-built feedback with a status count of 60000: its deltas are read as chunks.
        assertParseFails(withField(RtcpSamples.TWCC, 14, 60_000), "");
        // A run of 8191 small deltas would need 8191 delta bytes; the packet has 2.
        assertParseFails(RtcpSamples.hex("8fcd0005" + "00000001" + "00000002" + "0000" + "1fff" + "000000" + "00"
                + "3fff" + "0000"), "receive deltas");
        assertParseFails(RtcpSamples.hex("8fcd0004" + "00000001" + "00000002" + "0000" + "0000" + "000000" + "00"),
                "count of 0");
        // Reserved symbol 3 in a run-length chunk and in a two-bit vector.
        assertParseFails(RtcpSamples.hex("8fcd0005" + "00000001" + "00000002" + "0000" + "0001" + "000000" + "00"
                + "6001" + "0000"), "reserved");
        assertParseFails(RtcpSamples.hex("8fcd0005" + "00000001" + "00000002" + "0000" + "0001" + "000000" + "00"
                + "f000" + "0000"), "reserved");
        // Deltas end well before the packet does.
        assertParseFails(RtcpSamples.hex("8fcd0006" + "00000001" + "00000002" + "0000" + "0001" + "000000" + "00"
                + "2001" + "05" + "00" + "00000000"), "after the receive deltas");
        // Header too short for base sequence, count and reference time.
        assertParseFails(RtcpSamples.hex("8fcd0003" + "00000001" + "00000002" + "00000001"), "header");
    }

    @Test
    void ignoresTheUnusedTailOfTheLastVectorAsLibwebrtcDoes() {
        // One status; the two-bit vector's first symbol is "large delta", the rest are reserved 3s.
        byte[] bytes = RtcpSamples.hex("8fcd0005" + "00000001" + "00000002" + "0000" + "0001" + "000000" + "00"
                + "e0ff" + "0500");

        assertThat(RtcpCompound.parse(bytes)).containsExactly(
                new TransportFeedback(1, 2, 0, 1, 0, 0, List.of(received(0, 1280 * 250))));
    }

    @Test
    void aLongRunOfLossesIsValidWithoutAllocatingPerStatus() {
        // 8 run-length chunks of 8191 lost and one received packet: 65529 statuses from 40 bytes.
        StringBuilder hex = new StringBuilder("8fcd0009" + "00000001" + "00000002" + "0000" + "fff9" + "000000" + "00");
        hex.append("1fff".repeat(8)).append("2001").append("0a").append("00");
        TransportFeedback fb = (TransportFeedback) RtcpCompound.parse(RtcpSamples.hex(hex.toString())).getFirst();

        assertThat(fb.packetStatusCount()).isEqualTo(65529);
        assertThat(fb.receivedPackets()).containsExactly(received(65528, 2_500));
        assertThat(RtcpCompound.parse(fb.toByteArray())).containsExactly(fb);
    }

    @Test
    void constructorRejectsPacketsOutsideTheRangeOrOutOfOrder() {
        assertThatThrownBy(() -> new TransportFeedback(1, 2, 0, 2, 0, 0, List.of(received(2, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportFeedback(1, 2, 0, 3, 0, 0, List.of(received(1, 0), received(0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportFeedback(1, 2, 0, 0, 0, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> received(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> received(0, 32_768 * 250)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TransportFeedback.ReceivedPacket received(int sequence, long deltaMicros) {
        return new TransportFeedback.ReceivedPacket(sequence, deltaMicros);
    }

    private static byte[] withField(byte[] packet, int offset, int value) {
        byte[] copy = packet.clone();
        copy[offset] = (byte) (value >>> 8);
        copy[offset + 1] = (byte) value;
        return copy;
    }

    private static void assertParseFails(byte[] bytes, String messagePart) {
        assertThatThrownBy(() -> RtcpCompound.parse(bytes))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining(messagePart);
    }

    /**
     * A second, deliberately naive decoder written the way libwebrtc's TransportFeedback::Parse
     * reads the format: expand every chunk into a list of delta sizes, then read the deltas.
     */
    private static final class ReferenceDecoder {

        static TransportFeedback decode(byte[] p) {
            int base = u16(p, 12);
            int count = u16(p, 14);
            int reference = (p[16] << 16) | ((p[17] & 0xFF) << 8) | (p[18] & 0xFF);
            int index = 20;
            List<Integer> sizes = new ArrayList<>();
            while (sizes.size() < count) {
                int chunk = u16(p, index);
                index += 2;
                int left = count - sizes.size();
                if ((chunk & 0x8000) == 0) {
                    for (int i = 0; i < Math.min(chunk & 0x1FFF, left); i++) {
                        sizes.add((chunk >> 13) & 3);
                    }
                } else if ((chunk & 0x4000) == 0) {
                    for (int i = 0; i < Math.min(14, left); i++) {
                        sizes.add((chunk >> (13 - i)) & 1);
                    }
                } else {
                    for (int i = 0; i < Math.min(7, left); i++) {
                        sizes.add((chunk >> (2 * (6 - i))) & 3);
                    }
                }
            }
            List<TransportFeedback.ReceivedPacket> packets = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int size = sizes.get(i);
                if (size == 1) {
                    packets.add(received((base + i) & 0xFFFF, (p[index] & 0xFF) * 250L));
                } else if (size == 2) {
                    packets.add(received((base + i) & 0xFFFF, (short) u16(p, index) * 250L));
                }
                index += size;
            }
            long sender = ((long) u16(p, 4) << 16) | u16(p, 6);
            long media = ((long) u16(p, 8) << 16) | u16(p, 10);
            return new TransportFeedback(sender, media, base, count, reference, p[19] & 0xFF, packets);
        }

        private static int u16(byte[] p, int off) {
            return ((p[off] & 0xFF) << 8) | (p[off + 1] & 0xFF);
        }
    }
}
