package dev.tributary.webrtc.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed datagrams raise ParseException, and nothing else. */
class RtcpMalformedTest {

    @Test
    void everyTruncationInsideAPacketFailsAndEveryBoundaryParsesThePrefix() {
        for (Map.Entry<String, byte[]> sample : RtcpSamples.ALL.entrySet()) {
            byte[] bytes = sample.getValue();
            List<RtcpPacket> all = RtcpCompound.parse(bytes);
            List<Integer> boundaries = packetBoundaries(bytes);
            for (int length = 0; length < bytes.length; length++) {
                int cut = length;
                if (boundaries.contains(cut)) {
                    assertThat(RtcpCompound.parse(bytes, 0, cut))
                            .as("%s cut at packet boundary %d", sample.getKey(), cut)
                            .isEqualTo(all.subList(0, boundaries.indexOf(cut)));
                } else {
                    assertThatThrownBy(() -> RtcpCompound.parse(bytes, 0, cut))
                            .as("%s truncated to %d bytes", sample.getKey(), cut)
                            .isInstanceOf(ParseException.class);
                }
            }
        }
    }

    /** Offsets where a packet starts, read from the length fields (0 excluded: empty fails). */
    private static List<Integer> packetBoundaries(byte[] bytes) {
        List<Integer> boundaries = new ArrayList<>();
        boundaries.add(-1);
        int pos = 0;
        while (pos < bytes.length) {
            pos += ((((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF)) + 1) * 4;
            boundaries.add(pos);
        }
        return boundaries;
    }

    @Test
    void emptyDatagram() {
        assertFails(new byte[0], "empty");
    }

    @Test
    void wrongVersion() {
        for (int version : new int[] {0, 1, 3}) {
            byte[] bytes = RtcpSamples.PLI.clone();
            bytes[0] = (byte) ((version << 6) | 1);
            assertFails(bytes, "version");
        }
    }

    @Test
    void lengthFieldBeyondTheDatagram() {
        byte[] bytes = RtcpSamples.SR_SDES.clone();
        bytes[28 + 3] = 7; // SDES claims 32 bytes, 28 remain
        assertFails(bytes, "length field");
        byte[] huge = RtcpSamples.PLI.clone();
        huge[2] = (byte) 0xFF;
        huge[3] = (byte) 0xFF;
        assertFails(huge, "length field");
    }

    @Test
    void paddingBitOnANonLastPacket() {
        byte[] bytes = RtcpSamples.SR_SDES.clone();
        bytes[0] |= 0x20;
        assertFails(bytes, "not the last");
    }

    @Test
    void invalidPaddingCounts() {
        byte[] zero = RtcpSamples.hex("a1ce0003" + "00000001" + "00000002" + "00000000");
        assertFails(zero, "padding count 0");
        byte[] beyond = RtcpSamples.hex("a1ce0003" + "00000001" + "00000002" + "0000000d");
        assertFails(beyond, "padding count 13");
        // A padding count that eats into the PLI's SSRCs leaves it too short.
        byte[] eating = RtcpSamples.hex("a1ce0003" + "00000001" + "00000002" + "00000008");
        assertFails(eating, "feedback");
    }

    @Test
    void reportCountGreaterThanFits() {
        byte[] sr = RtcpSamples.SR_BLOCKS.clone();
        sr[0] = (byte) 0x83; // three blocks announced, two present (and an 8-byte extension)
        assertFails(sr, "3 SR report blocks need 72 bytes");
        byte[] rr = RtcpSamples.RR_NACK_REMB.clone();
        rr[0] = (byte) 0x9F; // 31 blocks
        assertFails(rr, "31 RR report blocks");
        assertFails(RtcpSamples.hex("80c80001" + "00000001"), "sender info");
        assertFails(RtcpSamples.hex("80c9ffff".substring(0, 4) + "0000"), "RR SSRC");
    }

    @Test
    void extensionThatIsNotWholeWords() {
        // An SR whose padding count (1) leaves a 3-byte extension.
        byte[] sr = RtcpCompoundTest.concat(RtcpSamples.hex("a0c80007"),
                Arrays.copyOfRange(RtcpSamples.SR_SDES, 4, 28), RtcpSamples.hex("00000001"));
        assertFails(sr, "32-bit words");
    }

    @Test
    void sdesItemsAndChunksThatRunPastTheEnd() {
        // CNAME length 17 where 16 bytes follow.
        byte[] itemPastEnd = RtcpSamples.SR_SDES.clone();
        itemPastEnd[28 + 9] = 20;
        assertFails(itemPastEnd, "SDES item value");
        // Two chunks announced, one present.
        byte[] chunkCount = RtcpSamples.SR_SDES.clone();
        chunkCount[28] = (byte) 0x82;
        assertFails(chunkCount, "SDES chunk SSRC");
        // An item list with no terminating null octet.
        assertFails(RtcpSamples.hex("81ca0002" + "00000001" + "01026162"), "SDES item type");
        // Item type without its length octet.
        assertFails(RtcpSamples.hex("a1ca0002" + "00000001" + "01000003"), "SDES item length");
        // A chunk whose null octet ends 3 bytes short of a word, where the packet's padding starts.
        assertFails(RtcpSamples.hex("a1ca0003" + "00000001" + "01026162" + "00000003"), "SDES chunk padding");
        // Data after the announced chunks.
        assertFails(RtcpSamples.hex("81ca0003" + "00000001" + "00000000" + "00000000"), "after the last SDES chunk");
        // A chunk with no room for its SSRC.
        assertFails(RtcpSamples.hex("a1ca0001" + "00000004"), "SDES chunk SSRC");
    }

    @Test
    void byeThatDoesNotAddUp() {
        byte[] count = RtcpSamples.BYE.clone();
        count[0] = (byte) 0x85;
        assertFails(count, "5 BYE SSRCs");
        byte[] reason = RtcpSamples.BYE.clone();
        reason[8] = 15; // reason longer than the 11 bytes left
        assertFails(reason, "BYE reason");
        assertFails(RtcpSamples.hex("81cb0003" + "00000001" + "01610000" + "00000000"), "after the BYE reason");
    }

    @Test
    void appTooShort() {
        assertFails(RtcpSamples.hex("80cc0001" + "00000001"), "APP SSRC and name");
    }

    @Test
    void feedbackBodiesThatDoNotMatchTheirType() {
        assertFails(RtcpSamples.hex("81cd0001" + "00000001"), "feedback sender and media SSRCs");
        assertFails(RtcpSamples.hex("81cd0002" + "00000001" + "00000002"), "generic NACK FCI of 0 bytes");
        assertFails(RtcpSamples.hex("81ce0003" + "00000001" + "00000002" + "00000003"), "no FCI");
        assertFails(RtcpSamples.hex("84ce0003" + "00000001" + "00000000" + "00000003"), "FIR FCI of 4 bytes");
        assertFails(RtcpSamples.hex("84ce0002" + "00000001" + "00000000"), "FIR FCI of 0 bytes");
        // REMB with two SSRCs announced and one present, then one announced and two present.
        assertFails(RtcpSamples.hex("8fce0005" + "00000001" + "00000000" + "52454d42" + "02000001" + "00000009"),
                "REMB lists 2");
        assertFails(RtcpSamples.hex("8fce0006" + "00000001" + "00000000" + "52454d42" + "01000001" + "00000009"
                + "0000000a"), "REMB lists 1");
        assertFails(RtcpSamples.hex("8fce0003" + "00000001" + "00000000" + "52454d42"), "REMB identifier");
        // Generic feedback whose padding leaves a partial word of FCI.
        assertFails(RtcpSamples.hex("a3cd0003" + "00000001" + "00000002" + "00000001"), "32-bit words");
    }

    private static void assertFails(byte[] bytes, String messagePart) {
        assertThatThrownBy(() -> RtcpCompound.parse(bytes))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining(messagePart);
    }
}
