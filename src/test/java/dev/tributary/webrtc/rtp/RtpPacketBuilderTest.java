package dev.tributary.webrtc.rtp;

import static dev.tributary.webrtc.rtp.RtpPacketTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketBuilderTest {

    @Test
    void writesAPlainPacket() {
        RtpPacket p = RtpPacket.builder()
                .payloadType(96).sequenceNumber(0x1234).timestamp(0xdeadbeefL).ssrc(0x11223344)
                .payload(hex("010203"))
                .build();

        assertThat(bytes(p)).isEqualTo(RtpPacketTest.PLAIN);
    }

    @Test
    void writesCsrcsMarkerAndMaximumValues() {
        RtpPacket p = RtpPacket.builder()
                .marker(true).payloadType(96).sequenceNumber(65535).timestamp(0xffffffffL).ssrc(0xffffffffL)
                .csrcs(1, 0xfffffffeL)
                .payload(hex("aa"))
                .build();

        assertThat(bytes(p)).isEqualTo(RtpPacketTest.CSRCS_AND_MARKER);
    }

    @Test
    void choosesTheOneByteFormWhenEveryElementFits() {
        RtpPacket p = RtpPacket.builder()
                .payloadType(111).sequenceNumber(1).timestamp(100).ssrc(42)
                .addExtension(1, hex("41"))
                .addExtension(2, hex("010203"))
                .addExtension(14, hex("00112233445566778899aabbccddeeff"))
                .payload(hex("cafe"))
                .build();

        assertThat(bytes(p)).isEqualTo(hex("90 6f 0001 00000064 0000002a"
                + " bede 0006  10 41  22 010203  ef 00112233445566778899aabbccddeeff  00"
                + " cafe"));
    }

    @Test
    void choosesTheTwoByteFormForAnIdAbove14() {
        RtpPacket p = RtpPacket.builder().addExtension(1, hex("41")).addExtension(15, hex("aabb")).build();

        assertThat(bytes(p)).isEqualTo(hex("90 00 0000 00000000 00000000  1000 0002  01 01 41  0f 02 aabb  00"));
    }

    @Test
    void choosesTheTwoByteFormForAnEmptyValue() {
        RtpPacket p = RtpPacket.builder().addExtension(1, new byte[0]).build();

        assertThat(bytes(p)).isEqualTo(hex("90 00 0000 00000000 00000000  1000 0001  01 00 0000"));
    }

    @Test
    void choosesTheTwoByteFormForAValueOf17Bytes() {
        RtpPacket p = RtpPacket.builder().addExtension(3, new byte[17]).build();

        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        assertThat(p.extensionLength(3)).isEqualTo(17);
        assertThat(p.extensionDataLength()).isEqualTo(20);
    }

    @Test
    void writesAForcedFormEvenWithoutElements() {
        RtpPacket twoByte = RtpPacket.builder().extensionProfile(0x100a).addExtension(2, hex("77")).build();
        RtpPacket empty = RtpPacket.builder().extensionProfile(0xbede).payload(hex("55")).build();

        assertThat(bytes(twoByte)).isEqualTo(hex("90 00 0000 00000000 00000000  100a 0001  02 01 77 00"));
        assertThat(bytes(empty)).isEqualTo(hex("90 00 0000 00000000 00000000  bede 0000  55"));
    }

    @Test
    void rejectsElementsThatDoNotFitAForcedOneByteForm() {
        RtpPacketBuilder builder = RtpPacket.builder().extensionProfile(0xbede).addExtension(15, hex("01"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one-byte");
    }

    @Test
    void writesARawExtensionAsIs() {
        RtpPacket p = RtpPacket.builder().rawExtension(0x1234, hex("0102030405060708"), 0, 8).build();

        assertThat(bytes(p)).isEqualTo(hex("90 00 0000 00000000 00000000  1234 0002  0102030405060708"));
    }

    @Test
    void writesPaddingAsZerosEndingInTheCount() {
        RtpPacket p = RtpPacket.builder().payloadType(96).sequenceNumber(3).ssrc(1)
                .payload(hex("1122")).padding(3).build();

        assertThat(bytes(p)).isEqualTo(RtpPacketTest.PADDED);
    }

    @Test
    void writesIntoACallersArrayAtAnOffset() {
        RtpPacketBuilder builder = RtpPacket.builder().payloadType(96).sequenceNumber(0x1234)
                .timestamp(0xdeadbeefL).ssrc(0x11223344).payload(hex("010203"));
        byte[] dst = new byte[40];
        Arrays.fill(dst, (byte) 0x5a);

        int length = builder.writeTo(dst, 4);

        assertThat(length).isEqualTo(15).isEqualTo(builder.length());
        assertThat(Arrays.copyOfRange(dst, 4, 19)).isEqualTo(RtpPacketTest.PLAIN);
        assertThat(dst[3]).isEqualTo((byte) 0x5a);
        assertThat(dst[19]).isEqualTo((byte) 0x5a);
        assertThatThrownBy(() -> builder.writeTo(dst, 26)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.writeTo(dst, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesOnlyTheHeaderWhenThePayloadIsAlreadyInPlace() {
        RtpPacketBuilder builder = RtpPacket.builder().payloadType(111).sequenceNumber(1).timestamp(100).ssrc(42)
                .addExtension(1, hex("41")).addExtension(2, hex("010203")).addExtension(3, hex("1234"));
        byte[] dst = new byte[30];
        dst[28] = (byte) 0xca;
        dst[29] = (byte) 0xfe;

        int headerLength = builder.writeHeaderTo(dst, 0);

        assertThat(headerLength).isEqualTo(28).isEqualTo(builder.headerLength());
        assertThat(RtpPacket.parse(dst)).isEqualTo(RtpPacket.parse(RtpPacketTest.ONE_BYTE_EXTENSIONS));
    }

    @Test
    void isReusableAndClearsExtensions() {
        RtpPacketBuilder builder = RtpPacket.builder().rawExtension(0x1234, new byte[4], 0, 4);
        builder.clearExtensions().addExtension(1, hex("41"));
        assertThat(builder.build().extensionProfile()).isEqualTo(0xbede);

        for (int i = 0; i < 40; i++) {
            builder.addExtension(16 + i, new byte[200]);
        }
        assertThat(builder.build().extensionDataLength()).isEqualTo(4 * ((3 + 40 * 202 + 3) / 4));
        builder.clearExtensions();
        assertThat(builder.build().hasExtension()).isFalse();
    }

    @Test
    void rejectsOutOfRangeValues() {
        RtpPacketBuilder b = RtpPacket.builder();

        assertThatThrownBy(() -> b.payloadType(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.payloadType(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.sequenceNumber(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.timestamp(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.timestamp(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.csrcs(new long[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.addExtension(0, hex("01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.addExtension(256, hex("01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.addExtension(1, new byte[256])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.extensionProfile(0x1234)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.rawExtension(0xbede, new byte[4], 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.rawExtension(0x1234, new byte[3], 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.padding(256)).isInstanceOf(IllegalArgumentException.class);
        b.rawExtension(0x1234, new byte[4], 0, 4);
        assertThatThrownBy(() -> b.addExtension(1, hex("01"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnExtensionBlockBeyondItsSixteenBitLength() {
        RtpPacketBuilder b = RtpPacket.builder();
        for (int i = 0; i < 1020; i++) {
            b.addExtension(1 + i % 255, new byte[255]);
        }
        assertThat(b.build().extensionDataLength()).isEqualTo(4 * 0xffff);

        b.addExtension(1, new byte[255]);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < 2; i++) {
            b.addExtension(1, new byte[255]);
        }
        assertThatThrownBy(() -> b.addExtension(1, new byte[255])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAFullOneByteBlockThatWouldNotFitTheTwoByteForm() {
        byte[] packet = new byte[16 + 4 * 0xffff];
        packet[0] = (byte) 0x90;
        RtpFormat.put16(packet, 12, 0xbede);
        RtpFormat.put16(packet, 14, 0xffff);
        for (int pos = 16; pos < packet.length; pos += 2) {
            packet[pos] = 0x10;
        }
        RtpPacket parsed = RtpPacket.parse(packet);

        RtpPacket rebuilt = RtpPacket.builder().copyFrom(parsed).build();

        assertThat(bytes(rebuilt)).isEqualTo(packet);
    }

    /** write(parse(bytes)) == bytes for packets already in canonical form. */
    @ParameterizedTest
    @MethodSource("canonicalPackets")
    void rewritesCanonicalPacketsByteForByte(byte[] packet) {
        RtpPacket parsed = RtpPacket.parse(packet);

        assertThat(bytes(RtpPacket.builder().copyFrom(parsed).build())).isEqualTo(packet);
    }

    static byte[][] canonicalPackets() {
        return new byte[][] {
            RtpPacketTest.PLAIN,
            RtpPacketTest.CSRCS_AND_MARKER,
            RtpPacketTest.PADDED,
            hex("90 6f 0001 00000064 0000002a  bede 0003  10 41  22 010203  31 1234  000000  cafe"),
            hex("90 60 0002 00000000 00000001  1000 0003  01 00  10 03 616263  ff 02 aabb  00  99"),
            hex("90 60 0000 00000000 00000000  100a 0001  05 01 77 00"),
            hex("90 60 0000 00000000 00000000  1234 0002  0102030405060708  ee"),
            hex("b0 60 0000 00000000 00000000  bede 0000  55 0002"),
        };
    }

    /** parse(write(x)) == x, also for packets whose bytes are not canonical. */
    @ParameterizedTest
    @MethodSource("dev.tributary.webrtc.rtp.RtpPacketTest#validPackets")
    void rebuildsAnEqualModelFromAnyValidPacket(byte[] packet) {
        RtpPacket parsed = RtpPacket.parse(packet);
        RtpPacket rebuilt = RtpPacket.builder().copyFrom(parsed).build();

        assertThat(rebuilt).isEqualTo(parsed);
        assertThat(bytes(RtpPacket.builder().copyFrom(rebuilt).build())).isEqualTo(bytes(rebuilt));
    }

    @Test
    void keepsTheFormOfTheCopiedPacket() {
        // Elements that would fit the one-byte form stay in the two-byte form they arrived in.
        RtpPacket twoByte = RtpPacket.parse(hex("90 60 0000 00000000 00000000  1000 0001  05 01 77 00"));

        assertThat(RtpPacket.builder().copyFrom(twoByte).build().extensionProfile()).isEqualTo(0x1000);
    }

    static byte[] bytes(RtpPacket p) {
        return Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length());
    }
}
