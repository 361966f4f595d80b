package dev.tributary.webrtc.rtp;

import static dev.tributary.webrtc.rtp.RtpPacketTest.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {

    /** Chrome's video extension IDs: mid 4, abs-send-time 2, transport-wide-cc 3. */
    static final RtpPacket VIDEO = RtpPacket.parse(hex("90 60 0001 00000000 12345678"
            + " bede 0003  40 30  22 123456  31 abcd  000000"
            + " 00"));

    @Test
    void readsTheExtensionsOfATypicalVideoPacket() {
        assertThat(HeaderExtensions.transportSequenceNumber(VIDEO, 3)).isEqualTo(0xabcd);
        assertThat(HeaderExtensions.absSendTime(VIDEO, 2)).isEqualTo(0x123456);
        assertThat(HeaderExtensions.text(VIDEO, 4)).hasValue("0");
        assertThat(HeaderExtensions.textEquals(VIDEO, 4, "0".getBytes(UTF_8))).isTrue();
        assertThat(HeaderExtensions.textEquals(VIDEO, 4, "1".getBytes(UTF_8))).isFalse();
        assertThat(HeaderExtensions.textEquals(VIDEO, 4, "01".getBytes(UTF_8))).isFalse();
    }

    @Test
    void reportsAbsentElementsWithoutException() {
        assertThat(HeaderExtensions.transportSequenceNumber(VIDEO, 5)).isEqualTo(-1);
        assertThat(HeaderExtensions.absSendTime(VIDEO, 5)).isEqualTo(-1);
        assertThat(HeaderExtensions.audioLevel(VIDEO, 5)).isEqualTo(-1);
        assertThat(HeaderExtensions.videoOrientation(VIDEO, 5)).isEqualTo(-1);
        assertThat(HeaderExtensions.text(VIDEO, 5)).isEmpty();
        assertThat(HeaderExtensions.textEquals(VIDEO, 5, new byte[0])).isFalse();
        RtpPacket plain = RtpPacket.parse(RtpPacketTest.PLAIN);
        assertThat(HeaderExtensions.transportSequenceNumber(plain, 3)).isEqualTo(-1);
    }

    @Test
    void splitsTheAudioLevelByte() {
        RtpPacket audio = RtpPacket.parse(hex("90 6f 0001 00000000 00000001  bede 0001  10 85 0000  aa"));

        int level = HeaderExtensions.audioLevel(audio, 1);

        assertThat(level).isEqualTo(0x85);
        assertThat(HeaderExtensions.voiceActivity(level)).isTrue();
        assertThat(HeaderExtensions.level(level)).isEqualTo(5);
        assertThat(HeaderExtensions.voiceActivity(0x7f)).isFalse();
        assertThat(HeaderExtensions.level(0x7f)).isEqualTo(127);
    }

    @Test
    void readsTheVideoOrientationByte() {
        RtpPacket video = RtpPacket.parse(hex("90 60 0001 00000000 00000001  bede 0001  d0 0b 0000"));

        assertThat(HeaderExtensions.videoOrientation(video, 13)).isEqualTo(0x0b);
    }

    @Test
    void endsTextAtTheFirstNulAndRejectsAnEmptyText() {
        RtpPacket p = RtpPacket.parse(hex("90 60 0001 00000000 00000001"
                + " 1000 0003  04 04 61620000  05 01 00  0a 00  00"));

        assertThat(HeaderExtensions.text(p, 4)).hasValue("ab");
        assertThat(HeaderExtensions.textEquals(p, 4, "ab".getBytes(UTF_8))).isTrue();
        assertThatThrownBy(() -> HeaderExtensions.text(p, 5)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> HeaderExtensions.text(p, 10)).isInstanceOf(ParseException.class);
        assertThat(HeaderExtensions.textEquals(p, 10, new byte[0])).isTrue();
    }

    @Test
    void rejectsValuesTooShortForTheirFormat() {
        RtpPacket p = RtpPacket.parse(hex("90 60 0001 00000000 00000001"
                + " 1000 0003  03 01 ab  02 02 1234  01 00  000000"));

        assertThatThrownBy(() -> HeaderExtensions.transportSequenceNumber(p, 3))
                .isInstanceOf(ParseException.class).hasMessageContaining("1 bytes, expected at least 2");
        assertThatThrownBy(() -> HeaderExtensions.absSendTime(p, 2)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> HeaderExtensions.audioLevel(p, 1)).isInstanceOf(ParseException.class);
    }

    @Test
    void readsTheSequenceNumberOfTransportWideCc02WithAFeedbackRequest() {
        RtpPacket p = RtpPacket.parse(hex("90 60 0001 00000000 00000001  bede 0002  33 abcd 8005  000000"));

        assertThat(HeaderExtensions.transportSequenceNumber(p, 3)).isEqualTo(0xabcd);
    }

    @Test
    void readsThroughTheReusableViewWithTheSameResults() {
        ReusableRtpPacket view = new ReusableRtpPacket().wrap(VIDEO.buffer(), 0, VIDEO.length());

        assertThat(HeaderExtensions.transportSequenceNumber(view, 3)).isEqualTo(0xabcd);
        assertThat(HeaderExtensions.absSendTime(view, 2)).isEqualTo(0x123456);
    }

    @Test
    void mapsUrisToKnownExtensions() {
        assertThat(HeaderExtensionUri.of("urn:ietf:params:rtp-hdrext:sdes:mid")).hasValue(HeaderExtensionUri.MID);
        assertThat(HeaderExtensionUri.of(
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"))
                .hasValue(HeaderExtensionUri.TRANSPORT_WIDE_CC);
        assertThat(HeaderExtensionUri.of("urn:ietf:params:rtp-hdrext:unknown")).isEmpty();
        for (HeaderExtensionUri known : HeaderExtensionUri.values()) {
            assertThat(HeaderExtensionUri.of(known.uri())).hasValue(known);
        }
    }
}
