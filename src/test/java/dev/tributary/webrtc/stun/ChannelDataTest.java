package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import org.junit.jupiter.api.Test;

class ChannelDataTest {

    @Test
    void encodesHeaderAndDataWithOptionalPadding() {
        ChannelData cd = new ChannelData(0x4001, new byte[] {'h', 'e', 'l', 'l', 'o'});

        assertThat(cd.encode(false)).isEqualTo(Rfc5769.hex("4001 0005 68656c6c6f"));
        assertThat(cd.encode(true)).isEqualTo(Rfc5769.hex("4001 0005 68656c6c6f 000000"));
    }

    @Test
    void parsesUnpaddedAndPaddedForms() {
        ChannelData expected = new ChannelData(0x4FFF, new byte[] {1, 2, 3, 4, 5});
        byte[] unpadded = expected.encode(false);
        byte[] padded = Rfc5769.hex("4fff 0005 0102030405 aabbcc");

        assertThat(ChannelData.parse(unpadded, 0, unpadded.length)).isEqualTo(expected);
        assertThat(ChannelData.parse(padded, 0, padded.length)).isEqualTo(expected);
        assertThat(ChannelData.isChannelData(unpadded, 0, unpadded.length)).isTrue();
        assertThat(ChannelData.isChannelData(padded, 0, padded.length)).isTrue();
    }

    @Test
    void emptyDataIsAllowed() {
        byte[] bytes = Rfc5769.hex("4000 0000");

        assertThat(ChannelData.parse(bytes, 0, 4)).isEqualTo(new ChannelData(0x4000, new byte[0]));
    }

    @Test
    void parsesAtAnOffset() {
        byte[] buf = Rfc5769.hex("ffff 4002 0002 abcd ffff");

        assertThat(ChannelData.parse(buf, 2, 6)).isEqualTo(new ChannelData(0x4002, new byte[] {(byte) 0xab, (byte) 0xcd}));
    }

    @Test
    void malformedChannelDataIsAParseException() {
        for (String hex : new String[] {
                "40", "400000", // shorter than the header
                "3fff 0000", "5000 0000", "0001 0000", // channel outside 0x4000..0x4FFF
                "4000 0004 010203", // data shorter than the length
                "4000 0001 01 000000 00", // more than the padding after the data
                "4000 0004 01020304 00"}) {
            byte[] b = Rfc5769.hex(hex);
            assertThatThrownBy(() -> ChannelData.parse(b, 0, b.length)).as(hex).isInstanceOf(ParseException.class);
            assertThat(ChannelData.isChannelData(b, 0, b.length)).as(hex).isFalse();
        }
    }

    @Test
    void stunIsNotChannelDataAndViceVersa() {
        byte[] stun = Rfc5769.SAMPLE_REQUEST;
        byte[] channel = new ChannelData(0x4000, new byte[16]).encode(false);

        assertThat(ChannelData.isChannelData(stun, 0, stun.length)).isFalse();
        assertThat(StunMessage.isStun(channel, 0, channel.length)).isFalse();
    }

    @Test
    void constructorRefusesChannelsOutsideTheRange() {
        assertThatThrownBy(() -> new ChannelData(0x3FFF, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelData(0x5000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] data = {1, 2};
        ChannelData cd = new ChannelData(0x4000, data);
        data[0] = 9;
        cd.data()[1] = 9;

        assertThat(cd.data()).containsExactly(1, 2);
    }
}
