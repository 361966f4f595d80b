package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a datagram can fail to be a STUN message raises a ParseException saying where. */
class StunMessageMalformedTest {

    private static final String ID = "2112a442 0102030405060708090a0b0c";

    /** A message of the given type whose body is {@code body}, with the length field computed. */
    private static byte[] message(String type, String body) {
        byte[] b = Rfc5769.hex(body);
        return Rfc5769.hex(type + String.format("%04x", b.length) + ID + body);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("top two bits set", Rfc5769.hex("8001 0000" + ID), 0),
                Arguments.of("bad magic cookie", Rfc5769.hex("0001 0000 2112a443 0102030405060708090a0b0c"), 4),
                Arguments.of("length not a multiple of 4", Rfc5769.hex("0001 0002" + ID + "0000"), 2),
                Arguments.of("length longer than datagram", Rfc5769.hex("0001 0008" + ID + "00250000"), 2),
                Arguments.of("length shorter than datagram", Rfc5769.hex("0001 0000" + ID + "00250000"), 2),
                Arguments.of("attribute length past the end", message("0001", "0006 0005 61626364"), 20),
                Arguments.of("second attribute past the end", message("0001", "0025 0000 0006 0009 6162636465666768"), 24),
                Arguments.of("address family 3", message("0001", "0001 0008 0003 1234 01020304"), 20),
                Arguments.of("address family 0", message("0001", "0020 0008 0000 1234 01020304"), 20),
                Arguments.of("address shorter than 4", message("0001", "0020 0002 0001 0000"), 20),
                Arguments.of("IPv4 XOR-MAPPED-ADDRESS of 20 bytes",
                        message("0101", "0020 0014 0001 1234 01020304 0000000000000000 00000000"), 20),
                Arguments.of("IPv6 XOR-MAPPED-ADDRESS of 8 bytes", message("0101", "0020 0008 0002 1234 01020304"), 20),
                Arguments.of("IPv4 MAPPED-ADDRESS of 12 bytes", message("0101", "0001 000c 0001 1234 01020304 00000000"), 20),
                Arguments.of("XOR-RELAYED-ADDRESS bad family", message("0103", "0016 0008 0004 1234 01020304"), 20),
                Arguments.of("ERROR-CODE class 2", message("0111", "0009 0004 00000201"), 20),
                Arguments.of("ERROR-CODE class 7", message("0111", "0009 0004 00000701"), 20),
                Arguments.of("ERROR-CODE number 100", message("0111", "0009 0004 00000464"), 20),
                Arguments.of("ERROR-CODE shorter than 4", message("0111", "0009 0003 00000400"), 20),
                Arguments.of("ERROR-CODE reason not UTF-8", message("0111", "0009 0005 00000400 ff000000"), 20),
                Arguments.of("USERNAME not UTF-8", message("0001", "0006 0002 c328 0000"), 20),
                Arguments.of("SOFTWARE with a lone surrogate", message("0001", "8022 0003 eda080 00"), 20),
                Arguments.of("MESSAGE-INTEGRITY of 19 bytes", message("0001", "0008 0013" + "00".repeat(20)), 20),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 of 12 bytes", message("0001", "001c 000c" + "00".repeat(12)), 20),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 of 36 bytes", message("0001", "001c 0024" + "00".repeat(36)), 20),
                Arguments.of("MESSAGE-INTEGRITY-SHA256 of 18 bytes", message("0001", "001c 0012" + "00".repeat(20)), 20),
                Arguments.of("FINGERPRINT of 3 bytes", message("0001", "8028 0003 00000000"), 20),
                Arguments.of("PRIORITY of 3 bytes", message("0001", "0024 0003 00000000"), 20),
                Arguments.of("USE-CANDIDATE with a value", message("0001", "0025 0004 00000000"), 20),
                Arguments.of("ICE-CONTROLLING of 4 bytes", message("0001", "802a 0004 00000000"), 20),
                Arguments.of("ICE-CONTROLLED of 12 bytes", message("0001", "8029 000c" + "00".repeat(12)), 20),
                Arguments.of("LIFETIME of 8 bytes", message("0003", "000d 0008" + "00".repeat(8)), 20),
                Arguments.of("CHANNEL-NUMBER of 2 bytes", message("0009", "000c 0002 40000000"), 20),
                Arguments.of("REQUESTED-TRANSPORT of 1 byte", message("0003", "0019 0001 11000000"), 20),
                Arguments.of("EVEN-PORT of 4 bytes", message("0003", "0018 0004 80000000"), 20),
                Arguments.of("DONT-FRAGMENT with a value", message("0003", "001a 0004 00000000"), 20),
                Arguments.of("RESERVATION-TOKEN of 4 bytes", message("0003", "0022 0004 00000000"), 20),
                Arguments.of("UNKNOWN-ATTRIBUTES of odd length", message("0111", "000a 0003 00310000"), 20),
                Arguments.of("PASSWORD-ALGORITHM parameters past its end", message("0001", "001d 0004 0001 0004"), 20),
                Arguments.of("PASSWORD-ALGORITHM shorter than 4", message("0001", "001d 0002 0001 0000"), 20),
                Arguments.of("PASSWORD-ALGORITHMS entry truncated", message("0111", "8002 0006 0001 0000 0002 0000"), 20),
                Arguments.of("PASSWORD-ALGORITHMS parameters past its end", message("0111", "8002 0004 0001 0004"), 20),
                Arguments.of("malformed attribute after MESSAGE-INTEGRITY still framed",
                        message("0001", "0008 0014" + "00".repeat(20) + "0006 0010 61620000"), 44));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAParseException(String why, byte[] datagram, int offset) {
        assertThatThrownBy(() -> StunMessage.parse(datagram))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(offset));
    }

    @Test
    void attributeWithoutItsPaddingIsCaughtByTheLengthCheck() {
        // A 5-byte value needs 3 bytes of padding; without them the length is not a multiple of 4,
        // and with the body a multiple of 4 an attribute header can never be cut short either.
        assertThatThrownBy(() -> StunMessage.parse(message("0001", "0006 0005 6162636465")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(2));
    }

    @Test
    void malformedTypedAttributeAfterIntegrityIsIgnoredNotRejected() {
        // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored, so their content is not
        // judged, only their framing.
        StunMessage m = StunMessage.parse(message("0001", "0008 0014" + "00".repeat(20) + "0020 0004 00030000"));

        assertThat(m.attributes()).hasSize(1);
    }

    @Test
    void paddingContentIsIgnored() {
        StunMessage zeros = StunMessage.parse(message("0001", "0006 0001 61000000"));
        StunMessage junk = StunMessage.parse(message("0001", "0006 0001 61ffeedd"));

        assertThat(junk).isEqualTo(zeros);
    }

    @Test
    void reservedBitsAreIgnored() {
        StunMessage clean = StunMessage.parse(message("0111", "0009 0004 00000401 000c 0004 40010000"));
        StunMessage dirty = StunMessage.parse(message("0111", "0009 0004 fffffc01 000c 0004 4001ffff"));

        assertThat(dirty).isEqualTo(clean);
    }

    @Test
    void offsetsOutsideTheBufferAreAnArgumentError() {
        byte[] buf = new byte[30];

        assertThatThrownBy(() -> StunMessage.parse(buf, 20, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessage.parse(buf, -1, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessage.parse(buf, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
