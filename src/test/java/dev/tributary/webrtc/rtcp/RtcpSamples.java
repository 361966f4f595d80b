package dev.tributary.webrtc.rtcp;

import java.util.HexFormat;
import java.util.Map;

/** Hand-built RTCP datagrams (byte layouts written out field by field, independently of the codec). */
final class RtcpSamples {

    /**
     * A Chromium-style compound: SR (SSRC 0x5A6B7C8D, NTP 2024-05-01T12:00:00.5Z, RTP 0x5A3B1C00,
     * 1234 packets, 987654 octets, no blocks) and SDES with the 16-character CNAME "3Hjk2mZ9+aQx/Lw1".
     */
    static final byte[] SR_SDES = hex(
            "80c800065a6b7c8de9dcad40800000005a3b1c00000004d2000f120681ca0006"
                    + "5a6b7c8d011033486a6b326d5a392b6151782f4c77310000");

    /**
     * RR (SSRC 1, one block for 0x11223344) + NACK (PIDs 65534 BLP 0b101, 100 BLP 0x8000) +
     * REMB (2.5 Mbit/s as mantissa 156250, exponent 4, for 0x11223344).
     */
    static final byte[] RR_NACK_REMB = hex(
            "81c90007000000011122334419fffffd0001fff00000002ac0a8010200018000"
                    + "81cd00040000000111223344fffe0005006480008fce00050000000100000000"
                    + "52454d420112625a11223344");

    /**
     * Transport-wide feedback by hand: base 65530, 39 statuses, reference time -2, feedback count 7;
     * chunks: run of 20 small, one-bit vector 10110010000001, two-bit vector 2,1,0,2,1(,0,0);
     * 31 delta bytes (two of them large, one negative) and 3 zero bytes of padding.
     */
    static final byte[] TWCC = hex(
            "8fcd000eaabbccdd01020304fffa0027fffffe072014ac81e490640404040404"
                    + "040404040404040404040404040408ff000c28fffc0303e807000000");

    /**
     * The same feedback padded the libwebrtc way: padding bit set, last byte 3.
     */
    static final byte[] TWCC_P = hex(
            "afcd000eaabbccdd01020304fffa0027fffffe072014ac81e490640404040404"
                    + "040404040404040404040404040408ff000c28fffc0303e807000003");

    /**
     * BYE for 0x5A6B7C8D with reason "camera off".
     */
    static final byte[] BYE = hex(
            "81cb00045a6b7c8d0a63616d657261206f666600");

    /**
     * APP subtype 3, name "TRIB", 8 data bytes 01..08.
     */
    static final byte[] APP = hex(
            "83cc00045a6b7c8d545249420102030405060708");

    /**
     * An XR (PT 207) with one RRTR block, which this package does not model.
     */
    static final byte[] XR = hex(
            "80cf00045a6b7c8d04000002e9dcad4080000000");

    /**
     * PLI from SSRC 1 for media 0x5A6B7C8D.
     */
    static final byte[] PLI = hex(
            "81ce0002000000015a6b7c8d");

    /**
     * FIR from SSRC 1 asking 0x5A6B7C8D, command sequence number 17.
     */
    static final byte[] FIR = hex(
            "84ce000400000001000000005a6b7c8d11000000");

    /**
     * TMMBR (RTPFB FMT 3) kept as generic feedback.
     */
    static final byte[] TMMBR = hex(
            "83cd000400000001000000005a6b7c8d0c3a8028");

    /**
     * SR with two report blocks (cumulative lost -3 and 70000) and an 8-byte profile extension.
     */
    static final byte[] SR_BLOCKS = hex(
            "82c800145a6b7c8de9dcad40800000005a3b1c00000004d2000f120611223344"
                    + "19fffffd0001fff00000002ac0a8010200018000223344550001117000030005"
                    + "000000070000000000000000deadbeefcafebabe");

    /**
     * SDES with two chunks: CNAME "cnam", NAME "Alice", PRIV prefix "abc" value "xyz"; then an empty chunk.
     */
    static final byte[] SDES2 = hex(
            "82ca00095a6b7c8d0104636e616d0205416c69636508070361626378797a0000"
                    + "0102030400000000");

    /** Every sample by name. */
    static final Map<String, byte[]> ALL = Map.ofEntries(
            Map.entry("SR_SDES", SR_SDES),
            Map.entry("RR_NACK_REMB", RR_NACK_REMB),
            Map.entry("TWCC", TWCC),
            Map.entry("TWCC_P", TWCC_P),
            Map.entry("BYE", BYE),
            Map.entry("APP", APP),
            Map.entry("XR", XR),
            Map.entry("PLI", PLI),
            Map.entry("FIR", FIR),
            Map.entry("TMMBR", TMMBR),
            Map.entry("SR_BLOCKS", SR_BLOCKS),
            Map.entry("SDES2", SDES2));

    private RtcpSamples() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
