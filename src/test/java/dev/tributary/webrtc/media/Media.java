package dev.tributary.webrtc.media;

import dev.tributary.webrtc.rtp.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Builds packets and collects frames for the media tests. */
final class Media {

    private Media() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Deterministic filler bytes, never 0 or 1 (no accidental start codes). */
    static byte[] filler(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (2 + (i * 31 + seed * 17) % 250);
        }
        return bytes;
    }

    static RtpPacket rtp(int seq, long ts, boolean marker, byte[] payload) {
        return RtpPacket.builder().payloadType(96).ssrc(0x1234).sequenceNumber(seq & 0xFFFF)
                .timestamp(ts & 0xFFFF_FFFFL).marker(marker).payload(payload).build();
    }

    static List<RtpPacket> packetize(Packetizer packetizer, byte[] frame, long ts) {
        List<RtpPacket> packets = new ArrayList<>();
        packetizer.packetize(frame, 0, frame.length, ts,
                (buf, off, len) -> packets.add(RtpPacket.parse(Arrays.copyOfRange(buf, off, off + len))));
        return packets;
    }

    /** A sink that keeps copies of every frame. */
    static final class Frames implements FrameSink {
        final List<MediaFrame> frames = new ArrayList<>();

        @Override
        public void onFrame(MediaFrame frame) {
            frames.add(frame.copy());
        }

        MediaFrame only() {
            if (frames.size() != 1) {
                throw new AssertionError("expected one frame, got " + frames);
            }
            return frames.getFirst();
        }

        MediaFrame last() {
            return frames.getLast();
        }
    }

    static Frames push(Depacketizer depacketizer, List<RtpPacket> packets) {
        Frames frames = new Frames();
        for (RtpPacket packet : packets) {
            depacketizer.push(packet, frames);
        }
        return frames;
    }
}
