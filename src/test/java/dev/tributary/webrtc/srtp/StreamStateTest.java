package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3711 §3.3.1 / Appendix A index estimation and the §3.3.2 replay window. */
class StreamStateTest {

    private static StreamState after(long... indices) {
        StreamState state = new StreamState().reset(1);
        for (long index : indices) {
            state.accept(index);
        }
        return state;
    }

    @Test
    void theFirstPacketOfAStreamHasRolloverCounterZero() {
        assertThat(new StreamState().reset(1).estimateSrtpIndex(0xFFFF)).isEqualTo(0xFFFF);
    }

    @Test
    void aSequenceNumberJustPastTheWrapBelongsToTheNextRolloverCounter() {
        assertThat(after(0xFFFE).estimateSrtpIndex(0)).isEqualTo(0x1_0000);
        assertThat(after(0x3_8002).estimateSrtpIndex(0x0001)).isEqualTo(0x4_0001);
    }

    @Test
    void aLateSequenceNumberFromBeforeTheWrapBelongsToThePreviousRolloverCounter() {
        assertThat(after(0x1_0001).estimateSrtpIndex(0xFFFE)).isEqualTo(0xFFFE);
        assertThat(after(0x5_7FFE).estimateSrtpIndex(0xFFFF)).isEqualTo(0x4_FFFF);
    }

    @Test
    void sequenceNumbersWithinHalfTheSpaceKeepTheRolloverCounter() {
        assertThat(after(0x2_1000).estimateSrtpIndex(0x9000)).isEqualTo(0x2_9000);
        assertThat(after(0x2_9000).estimateSrtpIndex(0x1001)).isEqualTo(0x2_1001);
    }

    @Test
    void aPacketBeforeIndexZeroIsNegativeAndCountsAsReplayed() {
        StreamState state = after(0x0010);
        long index = state.estimateSrtpIndex(0xFFF0);

        assertThat(index).isNegative();
        assertThat(state.isReplay(index)).isTrue();
    }

    @Test
    void aRolloverCounterOverflowLeavesThe48BitIndexSpace() {
        assertThat(after((1L << 48) - 1).estimateSrtpIndex(0)).isEqualTo(1L << 48);
    }

    @Test
    void theWindowRemembers128IndicesBelowTheHighest() {
        StreamState state = after(1000, 873);

        assertThat(state.isReplay(1000)).isTrue();
        assertThat(state.isReplay(873)).isTrue();
        assertThat(state.isReplay(874)).isFalse();
        assertThat(state.isReplay(999)).isFalse();
        assertThat(state.isReplay(872)).as("128 below the highest: too old").isTrue();
        assertThat(state.isReplay(1001)).isFalse();
    }

    @Test
    void advancingByMoreThan64KeepsTheOlderBitsInTheHighWord() {
        StreamState state = after(0, 10, 100);

        assertThat(state.isReplay(0)).isTrue();
        assertThat(state.isReplay(10)).isTrue();
        assertThat(state.isReplay(5)).isFalse();
        assertThat(state.isReplay(99)).isFalse();
    }

    @Test
    void advancingByExactly64MovesTheLowWordIntoTheHighWord() {
        StreamState state = after(0, 1, 65);

        assertThat(state.isReplay(0)).isTrue();
        assertThat(state.isReplay(1)).isTrue();
        assertThat(state.isReplay(2)).isFalse();
        assertThat(state.isReplay(64)).isFalse();
    }

    @Test
    void advancingByTheWholeWindowForgetsEverythingBelow() {
        StreamState state = after(200, 250, 500);

        assertThat(state.isReplay(500)).isTrue();
        assertThat(state.isReplay(373)).isFalse();
        assertThat(state.isReplay(372)).isTrue();
    }

    @Test
    void lateIndicesAreMarkedInBothWords() {
        StreamState state = after(200, 150, 73);

        assertThat(state.isReplay(150)).isTrue();
        assertThat(state.isReplay(73)).isTrue();
        assertThat(state.isReplay(74)).isFalse();
    }

    @Test
    void srtcpIndicesCountUpFromZero() {
        StreamState state = new StreamState().reset(1);
        assertThat(state.nextSrtcpIndex()).isZero();

        state.accept(0);

        assertThat(state.nextSrtcpIndex()).isEqualTo(1);
    }

    @Test
    void resetForgetsEverything() {
        StreamState state = after(5).reset(2);

        assertThat(state.ssrc).isEqualTo(2);
        assertThat(state.isReplay(5)).isFalse();
        assertThat(state.nextSrtcpIndex()).isZero();
        assertThat(state.estimateSrtpIndex(0xFFFF)).isEqualTo(0xFFFF);
    }
}
