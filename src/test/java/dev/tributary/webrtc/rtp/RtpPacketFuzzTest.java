package dev.tributary.webrtc.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.ParseException;
import java.util.Arrays;

/**
 * Arbitrary bytes either parse or raise {@link ParseException}; a packet that parses rebuilds to
 * an equal model in canonical form, reads the same through the flyweight, and survives an RTX
 * round trip. Seeds and past findings: {@code RtpPacketFuzzTestInputs/fuzz/}.
 */
class RtpPacketFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(byte[] data) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(data);
        } catch (ParseException e) {
            try {
                new ReusableRtpPacket().wrap(data, 0, data.length);
            } catch (ParseException expected) {
                return;
            }
            throw new AssertionError("the flyweight accepted what parse rejected", e);
        }
        ReusableRtpPacket view = new ReusableRtpPacket().wrap(data, 0, data.length);
        check(RtpFormat.contentEquals(view, packet), "the flyweight reads a different packet");
        check(packet.payloadLength() >= 0 && packet.payloadOffset() + packet.payloadLength()
                + packet.paddingLength() == packet.length(), "lengths do not add up");
        readEveryExtension(packet);

        RtpPacketBuilder builder = RtpPacket.builder();
        RtpPacket rebuilt = builder.copyFrom(packet).build();
        check(rebuilt.equals(packet), "rebuilt model differs: " + packet + " vs " + rebuilt);
        check(Arrays.equals(bytes(builder.copyFrom(rebuilt).build()), bytes(rebuilt)),
                "the builder's output is not canonical");
        check(packet.toString().startsWith("RtpPacket[pt="), "toString failed");

        byte[] rtx = new byte[Rtx.rtxLength(packet)];
        Rtx.writeRtx(packet, 97, 0x5eed, 7, rtx, 0);
        RtpPacket rtxPacket = RtpPacket.parse(rtx);
        check(Rtx.originalSequenceNumber(rtxPacket) == packet.sequenceNumber(), "OSN lost");
        byte[] restored = new byte[Rtx.originalLength(rtxPacket)];
        Rtx.writeOriginal(rtxPacket, packet.payloadType(), packet.ssrc(), restored, 0);
        check(RtpPacket.parse(restored).equals(builder.copyFrom(packet).padding(0).build()),
                "RTX round trip changed the packet");
    }

    /** Looks up every element the cursor finds and the edges of both ID ranges. */
    private static void readEveryExtension(RtpPacket packet) {
        HeaderExtensionCursor cursor = new HeaderExtensionCursor().reset(packet);
        while (cursor.next()) {
            check(packet.extensionOffset(cursor.id()) >= 0, "cursor found element " + cursor.id()
                    + " that lookup does not");
            read(packet, cursor.id());
        }
        for (int id : new int[] {-1, 0, 1, 14, 15, 16, 255, 256}) {
            read(packet, id);
        }
    }

    private static void read(RtpPacket packet, int id) {
        int offset = packet.extensionOffset(id);
        int length = packet.extensionLength(id);
        int blockEnd = packet.extensionDataOffset() + packet.extensionDataLength();
        check((offset < 0) == (length < 0), "offset and length disagree for ID " + id);
        check(offset < 0 || offset >= packet.extensionDataOffset() && offset + length <= blockEnd,
                "element " + id + " outside the extension block");
        try {
            HeaderExtensions.transportSequenceNumber(packet, id);
            HeaderExtensions.absSendTime(packet, id);
            HeaderExtensions.audioLevel(packet, id);
            HeaderExtensions.videoOrientation(packet, id);
            HeaderExtensions.textEquals(packet, id, new byte[] {'0'});
            HeaderExtensions.text(packet, id);
        } catch (ParseException expected) {
            // a value too short for its format: reported, as documented
        }
    }

    private static byte[] bytes(RtpPacket p) {
        return Arrays.copyOfRange(p.buffer(), p.offset(), p.offset() + p.length());
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
