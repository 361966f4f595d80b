package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import java.util.List;

/**
 * Arbitrary datagrams either parse or raise {@link ParseException}; what parses writes back to
 * bytes that parse to the same packets, and writing is canonical from then on.
 */
class RtcpCompoundFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(byte[] data) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(data, 0, data.length);
        } catch (ParseException e) {
            return;
        }
        byte[] written = RtcpCompound.toByteArray(packets);
        assertThat(written).hasSize(RtcpCompound.encodedLength(packets));

        List<RtcpPacket> reparsed = RtcpCompound.parse(written);

        assertThat(reparsed).isEqualTo(packets);
        assertThat(RtcpCompound.toByteArray(reparsed)).isEqualTo(written);
    }
}
