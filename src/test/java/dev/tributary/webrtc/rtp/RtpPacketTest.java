package dev.tributary.webrtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

    /** Hex with spaces for readability. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static final byte[] PLAIN = hex("80 60 1234 deadbeef 11223344  010203");

    static final byte[] CSRCS_AND_MARKER = hex("82 e0 ffff ffffffff ffffffff  00000001 fffffffe  aa");

    /** One-byte form, elements 1 (1 byte), 2 (3 bytes), 3 (2 bytes) with padding between them. */
    static final byte[] ONE_BYTE_EXTENSIONS = hex("90 6f 0001 00000064 0000002a"
            + " bede 0003  10 41  00 00  22 010203  00  31 1234"
            + " cafe");

    /** Two-byte form: element 1 empty, padding, element 16 "abc", element 255 of 2 bytes. */
    static final byte[] TWO_BYTE_EXTENSIONS = hex("90 60 0002 00000000 00000001"
            + " 1000 0003  01 00  00  10 03 616263  ff 02 aabb"
            + " 99");

    static final byte[] PADDED = hex("a0 60 0003 00000000 00000001  1122  0000 03");

    @Test
    void parsesPlainPacket() {
        RtpPacket p = RtpPacket.parse(PLAIN);

        assertThat(p.hasPadding()).isFalse();
        assertThat(p.hasExtension()).isFalse();
        assertThat(p.csrcCount()).isZero();
        assertThat(p.marker()).isFalse();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0xdeadbeefL);
        assertThat(p.ssrc()).isEqualTo(0x11223344);
        assertThat(p.csrcs()).isEmpty();
        assertThat(p.extensionProfile()).isEqualTo(-1);
        assertThat(p.extensionDataOffset()).isEqualTo(12);
        assertThat(p.extensionDataLength()).isZero();
        assertThat(p.extensionOffset(1)).isEqualTo(-1);
        assertThat(p.headerLength()).isEqualTo(12);
        assertThat(p.payloadOffset()).isEqualTo(12);
        assertThat(p.payloadLength()).isEqualTo(3);
        assertThat(p.paddingLength()).isZero();
        assertThat(p.length()).isEqualTo(15);
        assertThat(p.buffer()).isSameAs(PLAIN);
    }

    @Test
    void parsesCsrcsMarkerAndMaximumFieldValues() {
        RtpPacket p = RtpPacket.parse(CSRCS_AND_MARKER);

        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(4_294_967_295L);
        assertThat(p.ssrc()).isEqualTo(0xffffffffL);
        assertThat(p.csrcCount()).isEqualTo(2);
        assertThat(p.csrc(0)).isEqualTo(1);
        assertThat(p.csrc(1)).isEqualTo(0xfffffffeL);
        assertThat(p.csrcs()).containsExactly(1, 0xfffffffeL);
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.payloadLength()).isEqualTo(1);
        assertThatThrownBy(() -> p.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void parsesFifteenCsrcsAndPayloadType127() {
        byte[] bytes = new byte[12 + 60];
        bytes[0] = (byte) 0x8f;
        bytes[1] = (byte) 0xff;
        for (int i = 0; i < 15; i++) {
            bytes[12 + 4 * i + 3] = (byte) (i + 1);
        }

        RtpPacket p = RtpPacket.parse(bytes);

        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(127);
        assertThat(p.csrcs()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(p.headerLength()).isEqualTo(72);
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void findsOneByteElementsAcrossPadding() {
        RtpPacket p = RtpPacket.parse(ONE_BYTE_EXTENSIONS);

        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.sequenceNumber()).isEqualTo(1);
        assertThat(p.timestamp()).isEqualTo(100);
        assertThat(p.ssrc()).isEqualTo(42);
        assertThat(p.hasExtension()).isTrue();
        assertThat(p.extensionProfile()).isEqualTo(0xbede);
        assertThat(p.extensionDataOffset()).isEqualTo(16);
        assertThat(p.extensionDataLength()).isEqualTo(12);
        assertThat(p.extensionOffset(1)).isEqualTo(17);
        assertThat(p.extensionLength(1)).isEqualTo(1);
        assertThat(p.extensionOffset(2)).isEqualTo(21);
        assertThat(p.extensionLength(2)).isEqualTo(3);
        assertThat(p.extensionOffset(3)).isEqualTo(26);
        assertThat(p.extensionLength(3)).isEqualTo(2);
        assertThat(p.extension(2)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(p.extension(4)).isEmpty();
        assertThat(p.extensionOffset(4)).isEqualTo(-1);
        assertThat(p.extensionLength(4)).isEqualTo(-1);
        assertThat(p.extensionOffset(0)).isEqualTo(-1);
        assertThat(p.extensionOffset(15)).isEqualTo(-1);
        assertThat(p.headerLength()).isEqualTo(28);
        assertThat(p.payloadOffset()).isEqualTo(28);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(elements(p)).containsExactly("1@17+1", "2@21+3", "3@26+2");
    }

    @Test
    void stopsAtOneByteIdFifteenIgnoringWhatFollows() {
        // Element 2 after the ID 15 byte would run past the block: never looked at (RFC 8285 §4.2).
        RtpPacket p = RtpPacket.parse(hex("90 60 0000 00000000 00000000  bede 0002  10 41 f3 2f 0102 0000"));

        assertThat(elements(p)).containsExactly("1@17+1");
        assertThat(p.extensionOffset(2)).isEqualTo(-1);
    }

    @Test
    void treatsOneByteIdZeroAsPaddingWhateverItsLength() {
        RtpPacket p = RtpPacket.parse(hex("90 60 0000 00000000 00000000  bede 0001  0f 10 41 00"));

        assertThat(elements(p)).containsExactly("1@18+1");
    }

    @Test
    void findsTwoByteElementsIncludingAnEmptyOne() {
        RtpPacket p = RtpPacket.parse(TWO_BYTE_EXTENSIONS);

        assertThat(p.extensionProfile()).isEqualTo(0x1000);
        assertThat(p.extensionOffset(1)).isEqualTo(18);
        assertThat(p.extensionLength(1)).isZero();
        assertThat(p.extension(1)).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(p.extensionOffset(16)).isEqualTo(21);
        assertThat(p.extensionLength(16)).isEqualTo(3);
        assertThat(p.extensionOffset(255)).isEqualTo(26);
        assertThat(p.extensionLength(255)).isEqualTo(2);
        assertThat(p.extensionOffset(256)).isEqualTo(-1);
        assertThat(elements(p)).containsExactly("1@18+0", "16@21+3", "255@26+2");
        assertThat(p.payloadOffset()).isEqualTo(28);
        assertThat(p.payloadLength()).isEqualTo(1);
    }

    @Test
    void keepsTwoByteAppBitsAndRawProfiles() {
        RtpPacket appBits = RtpPacket.parse(hex("90 60 0000 00000000 00000000  100a 0001  05 01 77 00"));
        RtpPacket raw = RtpPacket.parse(hex("90 60 0000 00000000 00000000  1234 0002  0102030405060708  ee"));

        assertThat(appBits.extensionProfile()).isEqualTo(0x100a);
        assertThat(appBits.extensionOffset(5)).isEqualTo(18);
        assertThat(raw.extensionProfile()).isEqualTo(0x1234);
        assertThat(raw.extensionDataOffset()).isEqualTo(16);
        assertThat(raw.extensionDataLength()).isEqualTo(8);
        assertThat(raw.extensionOffset(1)).isEqualTo(-1);
        assertThat(elements(raw)).isEmpty();
        assertThat(raw.payloadOffset()).isEqualTo(24);
    }

    @Test
    void acceptsAnEmptyExtensionBlock() {
        RtpPacket p = RtpPacket.parse(hex("90 60 0000 00000000 00000000  bede 0000  55"));

        assertThat(p.hasExtension()).isTrue();
        assertThat(p.extensionDataLength()).isZero();
        assertThat(elements(p)).isEmpty();
        assertThat(p.payloadOffset()).isEqualTo(16);
    }

    @Test
    void separatesPaddingFromPayload() {
        RtpPacket p = RtpPacket.parse(PADDED);

        assertThat(p.hasPadding()).isTrue();
        assertThat(p.paddingLength()).isEqualTo(3);
        assertThat(p.payloadOffset()).isEqualTo(12);
        assertThat(p.payloadLength()).isEqualTo(2);
    }

    @Test
    void acceptsPaddingThatFillsEverythingAfterTheHeader() {
        RtpPacket p = RtpPacket.parse(hex("a0 60 0003 00000000 00000001  000000 04"));

        assertThat(p.paddingLength()).isEqualTo(4);
        assertThat(p.payloadLength()).isZero();
    }

    @Test
    void readsAPacketInTheMiddleOfALargerBuffer() {
        byte[] buffer = new byte[5 + ONE_BYTE_EXTENSIONS.length + 7];
        Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(ONE_BYTE_EXTENSIONS, 0, buffer, 5, ONE_BYTE_EXTENSIONS.length);

        RtpPacket p = RtpPacket.parse(buffer, 5, ONE_BYTE_EXTENSIONS.length);

        assertThat(p.offset()).isEqualTo(5);
        assertThat(p.extensionOffset(2)).isEqualTo(26);
        assertThat(p.payloadOffset()).isEqualTo(33);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(p).isEqualTo(RtpPacket.parse(ONE_BYTE_EXTENSIONS));
        assertThat(p.copy().buffer()).hasSize(ONE_BYTE_EXTENSIONS.length);
        assertThat(p.copy().offset()).isZero();
        assertThat(p.copy()).isEqualTo(p);
    }

    @Test
    void rejectsRangesOutsideTheArrayAsProgrammingErrors() {
        assertThatThrownBy(() -> RtpPacket.parse(PLAIN, 4, PLAIN.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", 0),
                Arguments.of("shorter than 12 bytes", "80 60 0000 00000000 000000", 0),
                Arguments.of("version 0", "00 60 0000 00000000 00000000", 0),
                Arguments.of("version 1", "40 60 0000 00000000 00000000", 0),
                Arguments.of("version 3", "c0 60 0000 00000000 00000000", 0),
                Arguments.of("CSRC count past the end", "82 60 0000 00000000 00000000  00000001 0000", 12),
                Arguments.of("extension header past the end", "90 60 0000 00000000 00000000  bede", 12),
                Arguments.of("extension length past the end", "90 60 0000 00000000 00000000  bede 0002 10410000", 14),
                Arguments.of("padding count 0", "a0 60 0000 00000000 00000000  11 00", 13),
                Arguments.of("padding count larger than available", "a0 60 0000 00000000 00000000  11 03", 13),
                Arguments.of("padding on a bare header", "a0 60 0000 00000000 00000001", 11),
                Arguments.of("one-byte element past the block", "90 60 0000 00000000 00000000  bede 0001  13 aabbcc", 16),
                Arguments.of("one-byte element after others past the block",
                        "90 60 0000 00000000 00000000  bede 0001  10 41 21 aa  99", 18),
                Arguments.of("two-byte element header cut off", "90 60 0000 00000000 00000000  1000 0001  01 01 aa 07", 19),
                Arguments.of("two-byte element value past the block", "90 60 0000 00000000 00000000  1000 0001  05 03 aabb", 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedPackets(String name, String hex, int offset) {
        byte[] bytes = hex(hex);

        ParseException e = catchThrowableOfType(ParseException.class, () -> RtpPacket.parse(bytes));
        assertThat(e).as(name).isNotNull();
        assertThat(e.offset()).isEqualTo(offset);

        // Same rule and same relative offset for a packet inside a larger buffer and for the flyweight.
        byte[] shifted = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, shifted, 3, bytes.length);
        ParseException inside = catchThrowableOfType(ParseException.class,
                () -> new ReusableRtpPacket().wrap(shifted, 3, bytes.length));
        assertThat(inside.offset()).isEqualTo(offset);
    }

    static List<byte[]> validPackets() {
        return List.of(PLAIN, CSRCS_AND_MARKER, ONE_BYTE_EXTENSIONS, TWO_BYTE_EXTENSIONS, PADDED);
    }

    @ParameterizedTest
    @MethodSource("validPackets")
    void rejectsEveryTruncationInsideTheHeaderAndNeverThrowsAnythingElse(byte[] packet) {
        int headerLength = RtpPacket.parse(packet).headerLength();
        for (int length = 0; length < packet.length; length++) {
            int len = length;
            if (len < headerLength) {
                assertThatThrownBy(() -> RtpPacket.parse(packet, 0, len))
                        .as("truncated to %d bytes", len)
                        .isInstanceOf(ParseException.class);
                continue;
            }
            // Cut in the payload or padding: a shorter valid packet, or a bad padding count.
            try {
                RtpPacket p = RtpPacket.parse(packet, 0, len);
                assertThat(p.headerLength()).isEqualTo(headerLength);
                assertThat(p.payloadLength() + p.paddingLength()).isEqualTo(len - headerLength);
            } catch (ParseException e) {
                assertThat(packet[0] & 0x20).as("only a padded packet can fail when cut after its header")
                        .isNotZero();
            }
        }
    }

    @Test
    void reusableViewReadsTheSameAsTheImmutablePacketAndSurvivesAFailedWrap() {
        ReusableRtpPacket view = new ReusableRtpPacket();
        assertThat(view.length()).isEqualTo(12);
        assertThat(view.payloadLength()).isZero();

        view.wrap(ONE_BYTE_EXTENSIONS, 0, ONE_BYTE_EXTENSIONS.length);
        assertThat(view.extensionOffset(3)).isEqualTo(26);
        assertThat(view.copy()).isEqualTo(RtpPacket.parse(ONE_BYTE_EXTENSIONS));

        assertThatThrownBy(() -> view.wrap(PLAIN, 0, 11)).isInstanceOf(ParseException.class);
        assertThat(view.buffer()).isSameAs(ONE_BYTE_EXTENSIONS);
        assertThat(view.sequenceNumber()).isEqualTo(1);

        view.wrap(PLAIN, 0, PLAIN.length);
        assertThat(view.sequenceNumber()).isEqualTo(0x1234);
        assertThat(view.extensionOffset(3)).isEqualTo(-1);
        assertThat(view.toString()).isEqualTo(
                "ReusableRtpPacket[pt=96, seq=4660, ts=3735928559, ssrc=287454020, payload=3B]");
    }

    @Test
    void equalityIsThatOfTheModel() {
        byte[] otherPaddingBytes = PADDED.clone();
        otherPaddingBytes[14] = 7;
        byte[] otherPayload = PADDED.clone();
        otherPayload[12] = 0;

        assertThat(RtpPacket.parse(otherPaddingBytes)).isEqualTo(RtpPacket.parse(PADDED))
                .hasSameHashCodeAs(RtpPacket.parse(PADDED));
        assertThat(RtpPacket.parse(otherPayload)).isNotEqualTo(RtpPacket.parse(PADDED));
        // Padding between elements does not count, the elements do.
        RtpPacket compact = RtpPacket.parse(hex("90 6f 0001 00000064 0000002a"
                + " bede 0003  10 41  22 010203  31 1234  000000  cafe"));
        assertThat(compact).isEqualTo(RtpPacket.parse(ONE_BYTE_EXTENSIONS));
        RtpPacket reordered = RtpPacket.parse(hex("90 6f 0001 00000064 0000002a"
                + " bede 0003  22 010203  10 41  31 1234  000000  cafe"));
        assertThat(reordered).isNotEqualTo(RtpPacket.parse(ONE_BYTE_EXTENSIONS));
    }

    @Test
    void describesItself() {
        assertThat(RtpPacket.parse(ONE_BYTE_EXTENSIONS).toString()).isEqualTo(
                "RtpPacket[pt=111, seq=1, ts=100, ssrc=42, ext=0xbede{1:1B, 2:3B, 3:2B}, payload=2B]");
        assertThat(RtpPacket.parse(CSRCS_AND_MARKER).toString()).isEqualTo(
                "RtpPacket[pt=96, seq=65535, ts=4294967295, ssrc=4294967295, marker, csrcs=[1, 4294967294], payload=1B]");
        assertThat(RtpPacket.parse(PADDED).toString()).isEqualTo(
                "RtpPacket[pt=96, seq=3, ts=0, ssrc=1, payload=2B, padding=3B]");
    }

    /** The elements as "id@offset+length", read through a cursor. */
    static List<String> elements(RtpPacketView p) {
        List<String> elements = new ArrayList<>();
        HeaderExtensionCursor cursor = new HeaderExtensionCursor().reset(p);
        while (cursor.next()) {
            elements.add(cursor.id() + "@" + cursor.offset() + "+" + cursor.length());
        }
        return elements;
    }
}
