package dev.tributary.webrtc.media;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketBuilder;
import java.util.Arrays;

/**
 * Arbitrary packet sequences, with losses and flushes, into every depacketizer behind a keyframe
 * gate: nothing escapes, counters add up, emitted frames are non-empty and well formed for their
 * codec, and copies equal their views. Seeds: {@code DepacketizerFuzzTestInputs/fuzz/}.
 */
class DepacketizerFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(FuzzedDataProvider data) {
        Codec codec = Codec.values()[data.consumeInt(0, Codec.values().length - 1)];
        Depacketizer depacketizer = Depacketizer.create(codec);
        long[] emitted = new long[2];
        FrameSink check = frame -> {
            emitted[0]++;
            if (!frame.complete()) {
                emitted[1]++;
            }
            checkFrame(frame, codec);
        };
        KeyframeGate gate = new KeyframeGate(frame -> check(frame.complete(), "the gate passed an incomplete frame"));
        FrameSink sink = codec.isVideo() ? frame -> {
            check.onFrame(frame);
            gate.onFrame(frame);
        } : check;
        RtpPacketBuilder builder = RtpPacket.builder().payloadType(96).ssrc(1);
        ReusableRtpPacket view = new ReusableRtpPacket();
        byte[] wire = new byte[1600];
        int sequenceNumber = 0;
        long timestamp = 0;
        while (data.remainingBytes() > 0) {
            int op = data.consumeInt(0, 9);
            if (op == 0) {
                depacketizer.lost();
                continue;
            }
            if (op == 1) {
                depacketizer.flush(sink);
                continue;
            }
            timestamp = timestamp + data.consumeInt(0, 2) * 3000L & 0xFFFF_FFFFL;
            byte[] payload = data.consumeBytes(data.consumeInt(0, 1400));
            int length = builder.marker(data.consumeBoolean()).sequenceNumber(sequenceNumber++ & 0xFFFF)
                    .timestamp(timestamp).payload(payload).writeTo(wire, 0);
            depacketizer.push(view.wrap(wire, 0, length), sink);
        }
        depacketizer.flush(sink);
        check(emitted[0] == depacketizer.frames(), "frame counter");
        check(emitted[1] == depacketizer.incompleteFrames(), "incomplete frame counter");
        check(depacketizer.droppedTotal() <= depacketizer.packets()
                + depacketizer.dropped(DropReason.INCOMPLETE_FRAGMENT)
                + depacketizer.dropped(DropReason.MALFORMED), "more drops than packets");
        check(gate.passed() + gate.held() == (codec.isVideo() ? depacketizer.frames() : 0), "gate counters");
        if (depacketizer instanceof H264Depacketizer h264) {
            h264.sps().ifPresent(sps -> check((sps[0] & 0x1F) == 7, "kept SPS is not an SPS"));
            h264.pps().ifPresent(pps -> check((pps[0] & 0x1F) == 8, "kept PPS is not a PPS"));
        }
        if (depacketizer instanceof Av1Depacketizer av1) {
            av1.sequenceHeader().ifPresent(obu -> check(Av1Obu.type(obu[0]) == Av1Obu.SEQUENCE_HEADER,
                    "kept sequence header is not one"));
        }
    }

    private static void checkFrame(MediaFrame frame, Codec codec) {
        check(frame.codec() == codec, "codec");
        check(frame.length() > 0 && frame.length() <= frame.data().length, "length " + frame.length());
        MediaFrame copy = frame.copy();
        check(Arrays.equals(copy.data(), frame.toByteArray()) && copy.timestamp() == frame.timestamp()
                && copy.complete() == frame.complete(), "copy differs");
        byte[] d = frame.toByteArray();
        switch (codec) {
            case H264 -> check(d.length > 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 1,
                    "access unit does not start with a start code");
            case AV1 -> {
                // every OBU must carry its size and the sizes must tile the temporal unit
                int pos = 0;
                while (pos < d.length) {
                    int header = d[pos] & 0xFF;
                    check((header & Av1Obu.HAS_SIZE_FIELD) != 0, "OBU without size field");
                    int type = Av1Obu.type(header);
                    check(type != Av1Obu.TEMPORAL_DELIMITER && type != Av1Obu.TILE_LIST, "dropped OBU type present");
                    int payload = pos + Av1Obu.headerLength(header);
                    long leb = Av1Obu.readLeb128(d, payload, d.length);
                    check(leb >= 0, "bad size field");
                    pos = payload + (int) (leb & 0xFF) + (int) (leb >>> 8);
                }
                check(pos == d.length, "OBU sizes do not tile the temporal unit");
            }
            case OPUS -> check(frame.durationSamples() > 0 && frame.durationSamples() <= 5760, "Opus duration");
            default -> { }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
