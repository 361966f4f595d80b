package dev.tributary.webrtc.rtp;

import static dev.tributary.webrtc.rtp.RtpPacketTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtxTest {

    /** Marker, PT 96, seq 1000, one CSRC, transport-cc element, payload "hello", 3 bytes padding. */
    static final byte[] ORIGINAL = hex("b1 e0 03e8 01020304 aaaaaaaa  00000007  bede 0001 31 0102 00"
            + " 68656c6c6f  0000 03");

    static final byte[] RTX = hex("91 e1 0005 01020304 bbbbbbbb  00000007  bede 0001 31 0102 00"
            + " 03e8 68656c6c6f");

    static final byte[] RESTORED = hex("91 e0 03e8 01020304 aaaaaaaa  00000007  bede 0001 31 0102 00"
            + " 68656c6c6f");

    @Test
    void wrapsAnOriginalPacketWithItsSequenceNumberInFront() {
        RtpPacket original = RtpPacket.parse(ORIGINAL);
        byte[] dst = new byte[40];

        int length = Rtx.writeRtx(original, 97, 0xbbbbbbbbL, 5, dst, 3);

        assertThat(length).isEqualTo(RTX.length).isEqualTo(Rtx.rtxLength(original));
        assertThat(Arrays.copyOfRange(dst, 3, 3 + length)).isEqualTo(RTX);
    }

    @Test
    void readsTheOriginalSequenceNumber() {
        assertThat(Rtx.originalSequenceNumber(RtpPacket.parse(RTX))).isEqualTo(1000);
    }

    @Test
    void restoresTheOriginalPacketWithoutItsPadding() {
        RtpPacket rtx = RtpPacket.parse(RTX);
        byte[] dst = new byte[RESTORED.length];

        int length = Rtx.writeOriginal(rtx, 96, 0xaaaaaaaaL, dst, 0);

        assertThat(length).isEqualTo(RESTORED.length);
        assertThat(dst).isEqualTo(RESTORED);
        RtpPacket restored = RtpPacket.parse(dst);
        RtpPacket original = RtpPacket.parse(ORIGINAL);
        assertThat(restored.payloadLength()).isEqualTo(original.payloadLength());
        assertThat(restored).isEqualTo(RtpPacket.builder().copyFrom(original).padding(0).build());
    }

    @Test
    void restoresInPlaceInTheReceiveBuffer() {
        byte[] buffer = new byte[RTX.length + 4];
        System.arraycopy(RTX, 0, buffer, 2, RTX.length);
        ReusableRtpPacket view = new ReusableRtpPacket().wrap(buffer, 2, RTX.length);

        int length = Rtx.writeOriginal(view, 96, 0xaaaaaaaaL, buffer, 2);

        assertThat(Arrays.copyOfRange(buffer, 2, 2 + length)).isEqualTo(RESTORED);
    }

    @Test
    void dropsTheRtxPacketsOwnPaddingWhenRestoring() {
        byte[] paddedRtx = hex("a0 61 0005 00000000 bbbbbbbb  03e8 99  0002");
        byte[] dst = new byte[20];

        int length = Rtx.writeOriginal(RtpPacket.parse(paddedRtx), 96, 1, dst, 0);

        assertThat(Arrays.copyOf(dst, length)).isEqualTo(hex("80 60 03e8 00000000 00000001  99"));
    }

    @Test
    void rejectsAnRtxPayloadWithoutOriginalSequenceNumber() {
        RtpPacket paddingOnly = RtpPacket.parse(hex("a0 61 0005 00000000 bbbbbbbb  000000 04"));
        RtpPacket oneByte = RtpPacket.parse(hex("80 61 0005 00000000 bbbbbbbb  03"));

        assertThat(paddingOnly.payloadLength()).isZero();
        assertThatThrownBy(() -> Rtx.originalSequenceNumber(paddingOnly)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> Rtx.originalSequenceNumber(oneByte)).isInstanceOf(ParseException.class)
                .hasMessageContaining("1 bytes");
        assertThatThrownBy(() -> Rtx.writeOriginal(oneByte, 96, 1, new byte[20], 0))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void rejectsBadArguments() {
        RtpPacket original = RtpPacket.parse(ORIGINAL);

        assertThatThrownBy(() -> Rtx.writeRtx(original, 128, 1, 5, new byte[40], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rtx.writeRtx(original, 97, 1, 65536, new byte[40], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rtx.writeRtx(original, 97, 1, 5, new byte[30], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
