package dev.tributary.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void measuresDistanceTheShortWayRound() {
        assertThat(SequenceNumbers.distance(10, 15)).isEqualTo(5);
        assertThat(SequenceNumbers.distance(15, 10)).isEqualTo(-5);
        assertThat(SequenceNumbers.distance(65535, 0)).isEqualTo(1);
        assertThat(SequenceNumbers.distance(0, 65535)).isEqualTo(-1);
        assertThat(SequenceNumbers.distance(65530, 4)).isEqualTo(10);
        assertThat(SequenceNumbers.distance(0, 32767)).isEqualTo(32767);
        assertThat(SequenceNumbers.distance(0, 32768)).isEqualTo(-32768);
        assertThat(SequenceNumbers.distance(32768, 0)).isEqualTo(-32768);
    }

    @Test
    void comparesAcrossTheWrap() {
        assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
        assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
        assertThat(SequenceNumbers.isNewer(5, 5)).isFalse();
        assertThat(SequenceNumbers.isNewer(100, 99)).isTrue();
        assertThat(SequenceNumbers.isNewer(32767, 0)).isTrue();
        assertThat(SequenceNumbers.isNewer(32768, 0)).isFalse();
    }

    @Test
    void addsWithWrap() {
        assertThat(SequenceNumbers.add(65535, 1)).isZero();
        assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
        assertThat(SequenceNumbers.add(100, 5)).isEqualTo(105);
    }

    @Test
    void unwrapsAcrossTheWrapWithReorderingAndDuplicates() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        assertThat(unwrapper.highest()).isEqualTo(-1);

        int[] arrivals = {65533, 65535, 65534, 0, 65535, 2, 1, 65532, 3, 65535};
        long[] expected = {65533, 65535, 65534, 65536, 65535, 65538, 65537, 65532, 65539, 65535};
        for (int i = 0; i < arrivals.length; i++) {
            assertThat(unwrapper.unwrap(arrivals[i])).as("arrival %d", i).isEqualTo(expected[i]);
        }
        assertThat(unwrapper.highest()).isEqualTo(65539);
    }

    @Test
    void countsManyCyclesUnderLocalReordering() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
        Random random = new Random(7);
        long start = 60_000;
        long[] order = new long[500_000];
        for (int i = 0; i < order.length; i++) {
            order[i] = start + i;
        }
        for (int i = 0; i + 1 < order.length; i += 1 + random.nextInt(3)) {
            int j = Math.min(order.length - 1, i + random.nextInt(50));
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }

        for (long extended : order) {
            assertThat(unwrapper.unwrap((int) (extended & 0xffff))).isEqualTo(extended);
        }
        assertThat(unwrapper.highest()).isEqualTo(start + order.length - 1);
        assertThat(unwrapper.highest() >> 16).as("cycles").isEqualTo(8);
    }

    @Test
    void givesANegativeNumberToAPacketOlderThanTheFirstAcrossTheWrap() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

        assertThat(unwrapper.unwrap(1)).isEqualTo(1);
        assertThat(unwrapper.unwrap(65535)).isEqualTo(-1);
        assertThat(unwrapper.highest()).isEqualTo(1);
    }

    @Test
    void rejectsValuesOutsideSixteenBits() {
        SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();

        assertThatThrownBy(() -> unwrapper.unwrap(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> unwrapper.unwrap(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unwrapsTimestampsAcrossTheWrap() {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        assertThat(unwrapper.highest()).isEqualTo(-1);

        assertThat(unwrapper.unwrap(0xffff_f000L)).isEqualTo(0xffff_f000L);
        assertThat(unwrapper.unwrap(0xffff_fc00L)).isEqualTo(0xffff_fc00L);
        assertThat(unwrapper.unwrap(0x0000_0800L)).isEqualTo(0x1_0000_0800L);
        assertThat(unwrapper.unwrap(0xffff_fe00L)).as("reordered from before the wrap").isEqualTo(0xffff_fe00L);
        assertThat(unwrapper.unwrap(0x0000_0800L)).isEqualTo(0x1_0000_0800L);
        assertThat(unwrapper.highest()).isEqualTo(0x1_0000_0800L);
    }

    @Test
    void unwrapsTimestampsOverManyWrapsInLargeSteps() {
        TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        long step = 0x7fff_0000L;
        for (long t = 5; t < 40 * 0x1_0000_0000L; t += step) {
            assertThat(unwrapper.unwrap(t & 0xffff_ffffL)).isEqualTo(t);
        }
        assertThatThrownBy(() -> unwrapper.unwrap(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
