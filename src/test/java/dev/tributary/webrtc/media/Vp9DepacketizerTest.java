package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.concat;
import static dev.tributary.webrtc.media.Media.filler;
import static dev.tributary.webrtc.media.Media.hex;
import static dev.tributary.webrtc.media.Media.rtp;
import static dev.tributary.webrtc.media.Vp8DepacketizerTest.slice;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Vp9DepacketizerTest {

    private final Vp9Depacketizer depacketizer = new Vp9Depacketizer();
    private final Media.Frames frames = new Media.Frames();

    /**
     * A profile 0 key frame header: frame_marker 2, profile 0, show_existing 0, frame_type 0,
     * show_frame 1, error_resilient 0, sync code, color space 1 (BT.601), color range 0, then
     * width-1 = 351 and height-1 = 287 (352x288).
     */
    static byte[] keyFrame(int length) {
        // bits: 10 0 0 0 0 1 0 | 01001001 10000011 01000010 | 001 0 | 0000000101011111 | 0000000100011111
        return concat(hex("82 49 83 42 20 15 f0 11 f0"), filler(length - 9, 9));
    }

    static byte[] interFrame(int length) {
        return concat(hex("86"), filler(length - 1, 4)); // frame_type 1
    }

    @Test
    void nonFlexibleModeWithScalabilityStructure() {
        byte[] key = keyFrame(200);
        // I (15-bit), L, B, V; layer byte TID 0 U 0 SID 0 D 0, TL0PICIDX; SS: N_S=0 Y G, 1 layer 352x288, 1 group with one P_DIFF
        byte[] first = concat(hex("aa 8001 00 07 18 0160 0120 01 04 01"), slice(key, 0, 100));
        byte[] second = concat(hex("a4 8001 00 07"), slice(key, 100, 200));
        depacketizer.push(rtp(1, 90, false, first), frames);
        depacketizer.push(rtp(2, 90, true, second), frames);
        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(key);
        assertThat(out.keyframe()).isTrue();
        assertThat(out.complete()).isTrue();
        assertThat(depacketizer.width()).isEqualTo(352);
        assertThat(depacketizer.height()).isEqualTo(288);
    }

    @Test
    void flexibleModeWithReferenceIndicesAndSpatialLayersMakesASuperframe() {
        byte[] base = interFrame(300);
        byte[] upper = interFrame(40);
        // I (7-bit), P, L, F, B, E; layer SID 0; three P_DIFFs with N chaining
        depacketizer.push(rtp(1, 90, false, concat(hex("fc 05 00 03 05 06"), base)), frames);
        // SID 1, one P_DIFF
        depacketizer.push(rtp(2, 90, true, concat(hex("fc 05 02 02"), upper)), frames);
        MediaFrame out = frames.only();
        // index: 110 01 001 = 0xc9, sizes 300 and 40 in two little-endian bytes, marker again
        assertThat(out.toByteArray()).isEqualTo(concat(base, upper, hex("c9 2c01 2800 c9")));
        assertThat(out.keyframe()).isFalse();
        assertThat(out.complete()).isTrue();
    }

    @Test
    void tooManyReferenceIndicesAndTruncatedFieldsAreMalformed() {
        depacketizer.push(rtp(1, 90, false, hex("5c 03 03 03 03 ff")), frames); // four P_DIFFs
        depacketizer.push(rtp(2, 90, false, hex("8c")), frames); // I without PictureID
        depacketizer.push(rtp(3, 90, false, hex("0e 10 0160")), frames); // SS sizes cut
        depacketizer.push(rtp(4, 90, false, hex("0e 08 02 04")), frames); // SS groups cut
        depacketizer.push(rtp(5, 90, false, hex("2c 00")), frames); // layer byte then nothing
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(5);
    }

    @Test
    void lossInsideALayerFrameDropsThatLayerOnly() {
        byte[] base = keyFrame(100);
        depacketizer.push(rtp(1, 90, false, concat(hex("2c 00 00"), base)), frames);
        depacketizer.push(rtp(2, 90, false, concat(hex("28 02 00"), filler(30, 1))), frames);
        depacketizer.lost();
        depacketizer.push(rtp(4, 90, true, concat(hex("24 02 00"), filler(30, 2))), frames);
        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(base);
        assertThat(out.complete()).isFalse();
        assertThat(out.keyframe()).isTrue();
        assertThat(depacketizer.dropped(DropReason.ORPHAN_FRAGMENT)).isEqualTo(1);
    }

    @Test
    void roundTrip() {
        Vp9Packetizer packetizer = new Vp9Packetizer(98, 7, 0, 0, 1200);
        byte[] key = keyFrame(3000);
        byte[] inter = interFrame(1190);
        var packets = Media.packetize(packetizer, key, 0);
        packets.addAll(Media.packetize(packetizer, inter, 3000));
        assertThat(packets).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1200));
        Media.Frames out = Media.push(new Vp9Depacketizer(), packets);
        assertThat(out.frames).extracting(MediaFrame::toByteArray).containsExactly(key, inter);
        assertThat(out.frames).extracting(MediaFrame::keyframe).containsExactly(true, false);
        assertThat(out.frames).allMatch(MediaFrame::complete);
    }
}
