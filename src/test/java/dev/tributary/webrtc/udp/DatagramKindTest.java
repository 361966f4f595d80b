package dev.tributary.webrtc.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatagramKindTest {

    @ParameterizedTest(name = "first byte {0} -> {1}")
    @CsvSource({
            "0, STUN", "3, STUN",
            "4, UNKNOWN", "15, UNKNOWN",
            "16, ZRTP", "19, ZRTP",
            "20, DTLS", "22, DTLS", "63, DTLS",
            "64, TURN_CHANNEL", "79, TURN_CHANNEL",
            "80, UNKNOWN", "127, UNKNOWN",
            "128, RTP", "144, RTP", "191, RTP",
            "192, UNKNOWN", "255, UNKNOWN"})
    void firstByteRangesOfRfc7983(int first, DatagramKind kind) {
        // Second byte 96 (a dynamic RTP payload type), so that 128..191 reads as RTP.
        assertThat(DatagramKind.classify(new byte[] {(byte) first, 96, 0, 0}, 0, 4)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "second byte {0} -> {1}")
    @CsvSource({
            "0, RTP", "63, RTP",
            "64, RTCP", "72, RTCP", "95, RTCP",
            "96, RTP", "127, RTP",
            // marker bit set: 191 = M + PT 63, 192..223 = RTCP packet types (SR is 200), 224 = M + PT 96
            "128, RTP", "191, RTP",
            "192, RTCP", "200, RTCP", "206, RTCP", "223, RTCP",
            "224, RTP", "255, RTP"})
    void secondByteSplitsRtpFromRtcpAsRfc5761(int second, DatagramKind kind) {
        assertThat(DatagramKind.classify(new byte[] {(byte) 0x80, (byte) second}, 0, 2)).isEqualTo(kind);
    }

    @Test
    void emptyAndTruncatedDatagramsAreUnknown() {
        assertThat(DatagramKind.classify(new byte[0], 0, 0)).isEqualTo(DatagramKind.UNKNOWN);
        assertThat(DatagramKind.classify(new byte[] {(byte) 0x80}, 0, 1)).isEqualTo(DatagramKind.UNKNOWN);
        assertThat(DatagramKind.classify(new byte[] {0}, 0, 1)).isEqualTo(DatagramKind.STUN);
    }

    @Test
    void readsOnlyTheGivenRange() {
        byte[] buf = {0x16, (byte) 0x80, (byte) 200, 0x00, (byte) 0x80};
        assertThat(DatagramKind.classify(buf, 0, 1)).isEqualTo(DatagramKind.DTLS);
        assertThat(DatagramKind.classify(buf, 1, 2)).isEqualTo(DatagramKind.RTCP);
        assertThat(DatagramKind.classify(buf, 3, 1)).isEqualTo(DatagramKind.STUN);
        // 0x80 at the end with the byte after it outside the range: no second byte to read.
        assertThat(DatagramKind.classify(buf, 4, 1)).isEqualTo(DatagramKind.UNKNOWN);
        assertThat(DatagramKind.classify(buf, 5, 0)).isEqualTo(DatagramKind.UNKNOWN);
    }

    @Test
    void rejectsRangesOutsideTheBuffer() {
        byte[] buf = new byte[4];
        assertThatThrownBy(() -> DatagramKind.classify(buf, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatagramKind.classify(buf, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatagramKind.classify(buf, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatagramKind.classify(buf, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
