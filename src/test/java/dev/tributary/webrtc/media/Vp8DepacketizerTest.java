package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.concat;
import static dev.tributary.webrtc.media.Media.filler;
import static dev.tributary.webrtc.media.Media.hex;
import static dev.tributary.webrtc.media.Media.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Vp8DepacketizerTest {

    private final Vp8Depacketizer depacketizer = new Vp8Depacketizer();
    private final Media.Frames frames = new Media.Frames();

    /** A key frame of 640x480: frame tag with P=0, start code, sizes, then filler. */
    static byte[] keyFrame(int length) {
        return concat(hex("5003009d012a8002e001"), filler(length - 10, 3));
    }

    @Test
    void descriptorsWithEveryOptionalFieldAreSkipped() {
        byte[] frame = keyFrame(300);
        // X, S, PID=0; I with 15-bit PictureID, L, T and K
        depacketizer.push(rtp(1, 90, false, concat(hex("90 f0 8123 05 e1"), slice(frame, 0, 100))), frames);
        // X, I with 7-bit PictureID only
        depacketizer.push(rtp(2, 90, false, concat(hex("80 80 23"), slice(frame, 100, 200))), frames);
        // no extension at all, N set
        depacketizer.push(rtp(3, 90, true, concat(hex("20"), slice(frame, 200, 300))), frames);

        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(frame);
        assertThat(out.keyframe()).isTrue();
        assertThat(out.complete()).isTrue();
        assertThat(depacketizer.width()).isEqualTo(640);
        assertThat(depacketizer.height()).isEqualTo(480);
    }

    @Test
    void interFrameAndTruncatedDescriptors() {
        byte[] inter = concat(hex("31 0100"), filler(20, 1));
        depacketizer.push(rtp(1, 90, true, concat(hex("10"), inter)), frames);
        assertThat(frames.only().keyframe()).isFalse();
        assertThat(frames.only().complete()).isTrue();

        depacketizer.push(rtp(2, 180, false, hex("90")), frames); // X without its byte
        depacketizer.push(rtp(3, 180, false, hex("90 80")), frames); // I without PictureID
        depacketizer.push(rtp(4, 180, false, hex("90 80 81")), frames); // 15-bit PictureID cut
        depacketizer.push(rtp(5, 180, false, hex("90 f0 8123 05 e1")), frames); // no payload
        depacketizer.push(rtp(6, 180, true, concat(hex("00"), inter)), frames);
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(4);
        assertThat(frames.last().complete()).isFalse();
    }

    @Test
    void aFrameAfterLossNeedsSAndPidZero() {
        byte[] part = concat(hex("31"), filler(50, 2)); // an inter frame
        depacketizer.lost();
        depacketizer.push(rtp(5, 90, true, concat(hex("00"), part)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(7, 180, true, concat(hex("11"), part)), frames); // S=1 but PID=1
        depacketizer.lost();
        depacketizer.push(rtp(9, 270, true, concat(hex("10"), part)), frames);
        assertThat(frames.frames).extracting(MediaFrame::complete).containsExactly(false, false, true);
    }

    @Test
    void keyFrameWithABrokenHeaderIsNeitherKeyNorComplete() {
        depacketizer.push(rtp(1, 90, true, concat(hex("10 5003009d01ff"), filler(10, 1))), frames);
        assertThat(frames.only().keyframe()).isFalse();
        assertThat(frames.only().complete()).isFalse();
        assertThat(depacketizer.invalidKeyframes()).isEqualTo(1);
    }

    @Test
    void roundTrip() {
        Vp8Packetizer packetizer = new Vp8Packetizer(96, 1, 100, 32767, 1200);
        byte[] key = keyFrame(5000);
        byte[] inter = concat(hex("31 0100"), filler(900, 1));
        var packets = Media.packetize(packetizer, key, 0);
        packets.addAll(Media.packetize(packetizer, inter, 3000));
        assertThat(packets).hasSize(6);
        var interPacket = packets.get(5);
        assertThat(interPacket.buffer()[interPacket.payloadOffset() + 2] & 0x7F).isZero(); // PictureID wrapped
        assertThat(interPacket.buffer()[interPacket.payloadOffset() + 3]).isZero();
        Media.Frames out = Media.push(depacketizer, packets);
        assertThat(out.frames).extracting(MediaFrame::toByteArray).containsExactly(key, inter);
        assertThat(out.frames).extracting(MediaFrame::keyframe).containsExactly(true, false);
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
