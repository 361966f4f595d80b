package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** RFC 4585 / RFC 5104 / REMB feedback messages and the NACK PID/BLP packing. */
class FeedbackMessagesTest {

    @Test
    void pliAndFirFromHandBuiltBytes() {
        List<RtcpPacket> packets = RtcpCompound.parse(RtcpCompoundTest.concat(RtcpSamples.PLI, RtcpSamples.FIR));

        assertThat(packets).containsExactly(
                new PictureLossIndication(1, 0x5A6B7C8DL),
                FullIntraRequest.of(1, 0x5A6B7C8DL, 17));
        FeedbackMessage fir = (FeedbackMessage) packets.get(1);
        assertThat(fir.packetType()).isEqualTo(206);
        assertThat(fir.fmt()).isEqualTo(4);
        assertThat(new PictureLossIndication(1, 0x5A6B7C8DL).toByteArray()).isEqualTo(RtcpSamples.PLI);
        assertThat(FullIntraRequest.of(1, 0x5A6B7C8DL, 17).toByteArray()).isEqualTo(RtcpSamples.FIR);
    }

    @Test
    void firIgnoresReservedBitsAndWritesThemAsZero() {
        byte[] withReserved = RtcpSamples.FIR.clone();
        withReserved[19] = 0x55;

        FullIntraRequest fir = (FullIntraRequest) RtcpCompound.parse(withReserved).getFirst();

        assertThat(fir.entries()).containsExactly(new FullIntraRequest.Entry(0x5A6B7C8DL, 17));
        assertThat(fir.toByteArray()).isEqualTo(RtcpSamples.FIR);
    }

    @Test
    void tmmbrIsKeptAsGenericFeedback() {
        GenericFeedback tmmbr = (GenericFeedback) RtcpCompound.parse(RtcpSamples.TMMBR).getFirst();

        assertThat(tmmbr).isEqualTo(new GenericFeedback(205, FeedbackMessage.FMT_TMMBR, 1, 0,
                RawBytes.copyOf(RtcpSamples.hex("5a6b7c8d0c3a8028"))));
        assertThat(tmmbr.toByteArray()).isEqualTo(RtcpSamples.TMMBR);
    }

    @Test
    void applicationLayerFeedbackThatIsNotRembIsGeneric() {
        byte[] afb = RtcpSamples.hex("8fce0003" + "00000001" + "00000000" + "47534f43");
        assertThat(RtcpCompound.parse(afb)).containsExactly(
                new GenericFeedback(206, 15, 1, 0, RawBytes.copyOf(RtcpSamples.hex("47534f43"))));
    }

    @Test
    void rembEncodesSmallBitratesExactly() {
        byte[] bytes = ReceiverEstimatedMaxBitrate.of(1, 150_000, List.of(2L, 3L)).toByteArray();

        assertThat(bytes).isEqualTo(RtcpSamples.hex("8fce0006" + "00000001" + "00000000" + "52454d42"
                + "02" + "0249f0" + "00000002" + "00000003"));
    }

    @Test
    void rembEncodesLargeBitratesWithTheExponent() {
        // 2^18 needs exponent 1 and is exact; 10 Gbit/s = 0x2540BE400 needs exponent 16 and
        // loses its low 16 bits: 0x2540B * 2^16.
        assertThat(rembBitrateField(1 << 18)).isEqualTo((1 << 18) | 0x20000);
        assertThat(ReceiverEstimatedMaxBitrate.wireBitrate(1 << 18)).isEqualTo(1 << 18);
        assertThat(rembBitrateField(10_000_000_000L)).isEqualTo((16 << 18) | 0x2540B);
        assertThat(ReceiverEstimatedMaxBitrate.wireBitrate(10_000_000_000L)).isEqualTo(9_999_941_632L);
        long huge = 0x3FFFFL << 45;
        assertThat(rembBitrateField(huge)).isEqualTo((45 << 18) | 0x3FFFF);
        assertThat(roundTrip(ReceiverEstimatedMaxBitrate.of(1, huge, List.of())).bitrate()).isEqualTo(huge);
    }

    @Test
    void rembRoundsDownWhatTheMantissaCannotHold() {
        long bitrate = 1_000_003; // 20 significant bits: the lowest two do not survive
        assertThat(ReceiverEstimatedMaxBitrate.wireBitrate(bitrate)).isEqualTo(1_000_000);
        assertThat(roundTrip(ReceiverEstimatedMaxBitrate.of(1, bitrate, List.of())).bitrate()).isEqualTo(1_000_000);
        assertThat(ReceiverEstimatedMaxBitrate.wireBitrate(Long.MAX_VALUE)).isEqualTo(0x3FFFFL << 45);
    }

    @Test
    void rembBitrateBeyondLongIsRejected() {
        byte[] bytes = RtcpSamples.hex("8fce0004" + "00000001" + "00000000" + "52454d42" + "00" + "ffffff");
        assertThatThrownBy(() -> RtcpCompound.parse(bytes))
                .isInstanceOf(dev.tributary.webrtc.ParseException.class)
                .hasMessageContaining("exceeds");
    }

    private static int rembBitrateField(long bitrate) {
        byte[] bytes = ReceiverEstimatedMaxBitrate.of(1, bitrate, List.of()).toByteArray();
        return ((bytes[17] & 0xFF) << 16) | ((bytes[18] & 0xFF) << 8) | (bytes[19] & 0xFF);
    }

    private static ReceiverEstimatedMaxBitrate roundTrip(ReceiverEstimatedMaxBitrate remb) {
        return (ReceiverEstimatedMaxBitrate) RtcpCompound.parse(remb.toByteArray()).getFirst();
    }

    @Test
    void nackPacksAcrossTheSequenceWrap() {
        List<GenericNack.Item> items = GenericNack.pack(List.of(1, 65535, 0, 65534, 15, 16));

        // 65534 covers 65535 (bit 0), 0 (bit 1) and 1 (bit 2); 15 is 17 away and starts an item.
        assertThat(items).containsExactly(new GenericNack.Item(65534, 0b111), new GenericNack.Item(15, 0b1));
        assertThat(GenericNack.of(9, 10, List.of(1, 65535, 0, 65534, 15, 16)).lostSequenceNumbers())
                .containsExactly(65534, 65535, 0, 1, 15, 16);
    }

    @Test
    void nackPacksSeventeenConsecutiveIntoTwoItems() {
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            lost.add(100 + i);
        }
        assertThat(GenericNack.pack(lost))
                .containsExactly(new GenericNack.Item(100, 0xFFFF), new GenericNack.Item(117, 0));
        assertThat(GenericNack.pack(List.of())).isEmpty();
        assertThat(GenericNack.pack(List.of(5, 5, 5))).containsExactly(new GenericNack.Item(5, 0));
    }

    @Test
    void nackPackingIsMinimalAndLossless() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int start = random.nextInt(65536);
            TreeSet<Integer> offsets = new TreeSet<>();
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                offsets.add(random.nextInt(1 + random.nextInt(400)));
            }
            List<Integer> lost = new ArrayList<>();
            for (int offset : offsets) {
                lost.add((start + offset) & 0xFFFF);
            }
            List<Integer> shuffled = new ArrayList<>(lost);
            Collections.shuffle(shuffled, random);

            List<GenericNack.Item> items = GenericNack.pack(shuffled);

            assertThat(new GenericNack(1, 2, items).lostSequenceNumbers()).isEqualTo(lost);
            assertThat(items).hasSize(greedyItemCount(new ArrayList<>(offsets)));
        }
    }

    /** The optimum for covering points on a line with windows of 17 starting at points. */
    private static int greedyItemCount(List<Integer> sortedOffsets) {
        int count = 0;
        int coveredTo = Integer.MIN_VALUE;
        for (int offset : sortedOffsets) {
            if (offset > coveredTo) {
                count++;
                coveredTo = offset + 16;
            }
        }
        return count;
    }

    @Test
    void nackItemListsItsSequenceNumbers() {
        assertThat(new GenericNack.Item(65535, 0b1000_0000_0000_0011).lostSequenceNumbers())
                .containsExactly(65535, 0, 1, 15);
    }

    @Test
    void feedbackConstructorsRejectInvalidValues() {
        assertThatThrownBy(() -> new GenericNack(1, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenericNack.pack(List.of(65536))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FullIntraRequest(1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FullIntraRequest.Entry(1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceiverEstimatedMaxBitrate.of(1, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenericFeedback(205, 32, 1, 2, RawBytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
