package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.concat;
import static dev.tributary.webrtc.media.Media.filler;
import static dev.tributary.webrtc.media.Media.hex;
import static dev.tributary.webrtc.media.Media.rtp;
import static dev.tributary.webrtc.media.Vp8DepacketizerTest.slice;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Av1DepacketizerTest {

    /** Sequence header OBU payload: profile 0, not still, not reduced, then arbitrary bits. */
    static final byte[] SEQ_PAYLOAD = hex("000000 0a0b0c");
    /** Frame OBU payload of a key frame: show_existing_frame 0, frame_type 0 (KEY_FRAME). */
    static final byte[] KEY_PAYLOAD = concat(hex("10"), filler(20, 1));
    /** Frame OBU payload of an inter frame: frame_type 1. */
    static final byte[] INTER_PAYLOAD = concat(hex("30"), filler(20, 2));

    private final Av1Depacketizer depacketizer = new Av1Depacketizer();
    private final Media.Frames frames = new Media.Frames();

    /** An OBU without size field: header type << 3, then payload. */
    static byte[] obu(int type, byte[] payload) {
        return concat(new byte[] {(byte) (type << 3)}, payload);
    }

    /** The same OBU in low-overhead form, as the depacketizer emits it. */
    static byte[] sized(int type, byte[] payload) {
        byte[] size = new byte[Av1Obu.leb128Size(payload.length)];
        Av1Obu.writeLeb128(size, 0, payload.length);
        return concat(new byte[] {(byte) (type << 3 | 2)}, size, payload);
    }

    static byte[] element(byte[] obu) {
        byte[] size = new byte[Av1Obu.leb128Size(obu.length)];
        Av1Obu.writeLeb128(size, 0, obu.length);
        return concat(size, obu);
    }

    @Test
    void aggregatedObusWithAndWithoutLengthFields() {
        byte[] seq = obu(1, SEQ_PAYLOAD);
        byte[] frame = obu(6, KEY_PAYLOAD);
        // W=2: first element with a length, the last without; N=1; a temporal delimiter first in W=0
        depacketizer.push(rtp(1, 90, false, concat(hex("08"), element(obu(2, new byte[0])), element(seq))), frames);
        depacketizer.push(rtp(2, 90, true, concat(hex("20"), element(obu(4, hex("0102"))), frame)), frames);
        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(concat(sized(1, SEQ_PAYLOAD), sized(4, hex("0102")),
                sized(6, KEY_PAYLOAD)));
        assertThat(out.keyframe()).isTrue();
        assertThat(out.complete()).isTrue();
        assertThat(depacketizer.sequenceHeader()).contains(sized(1, SEQ_PAYLOAD));
    }

    @Test
    void fragmentsAcrossThreePacketsAndAnObuWithItsOwnSizeField() {
        byte[] frame = obu(6, concat(INTER_PAYLOAD, filler(300, 3)));
        byte[] withSize = concat(hex("22 03"), hex("aabbcc"), hex("dd")); // size field says 3: dd is trailing
        depacketizer.push(rtp(1, 90, false, concat(hex("40"), element(withSize), element(slice(frame, 0, 100)))), frames);
        depacketizer.push(rtp(2, 90, false, concat(hex("d0"), slice(frame, 100, 200))), frames); // Z Y W=1
        depacketizer.push(rtp(3, 90, true, concat(hex("90"), slice(frame, 200, frame.length))), frames); // Z W=1
        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(concat(sized(4, hex("aabbcc")),
                sized(6, concat(INTER_PAYLOAD, filler(300, 3)))));
        assertThat(out.keyframe()).isFalse();
        assertThat(out.complete()).isTrue();
    }

    @Test
    void aLostMiddleFragmentDropsTheObuAndAnOrphanIsSkipped() {
        byte[] frame = obu(6, concat(INTER_PAYLOAD, filler(300, 3)));
        byte[] small = obu(5, hex("0102"));
        depacketizer.push(rtp(1, 90, false, concat(hex("40"), element(small), element(slice(frame, 0, 100)))), frames);
        depacketizer.lost();
        // orphan continuation, then a whole OBU in the same packet
        depacketizer.push(rtp(3, 90, true, concat(hex("a0"), element(slice(frame, 200, frame.length)), small)), frames);
        MediaFrame out = frames.only();
        assertThat(out.toByteArray()).isEqualTo(concat(sized(5, hex("0102")), sized(5, hex("0102"))));
        assertThat(out.complete()).isFalse();
        assertThat(depacketizer.dropped(DropReason.INCOMPLETE_FRAGMENT)).isEqualTo(1);
        assertThat(depacketizer.dropped(DropReason.ORPHAN_FRAGMENT)).isEqualTo(1);
    }

    @Test
    void malformedAggregationIsDropped() {
        depacketizer.push(rtp(1, 90, false, hex("00 05 10")), frames); // length past the end
        depacketizer.push(rtp(2, 90, false, hex("00 00")), frames); // empty element
        depacketizer.push(rtp(3, 90, false, hex("00 ffffffffffffffff01")), frames); // leb128 too long
        depacketizer.push(rtp(4, 90, false, hex("30 02 3001")), frames); // W=3 but two elements
        depacketizer.push(rtp(5, 90, false, hex("00")), frames); // no element
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(5);
        depacketizer.push(rtp(6, 90, true, hex("10 b0")), frames); // OBU with forbidden bit
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(6);
        assertThat(frames.frames).isEmpty();
        assertThat(depacketizer.discardedFrames()).isEqualTo(1);
    }

    @Test
    void keyframeFromSequenceHeaderAndKeyFrameWithoutN() {
        depacketizer.push(rtp(1, 90, true, concat(hex("00"), element(obu(1, SEQ_PAYLOAD)), element(obu(6, KEY_PAYLOAD)))), frames);
        depacketizer.push(rtp(2, 180, true, concat(hex("00"), element(obu(6, KEY_PAYLOAD)))), frames);
        assertThat(frames.frames).extracting(MediaFrame::keyframe).containsExactly(true, false);
    }

    @Test
    void roundTripWithFragmentation() {
        Av1Packetizer packetizer = new Av1Packetizer(45, 9, 10, 300);
        byte[] tu = concat(sized(2, new byte[0]), sized(1, SEQ_PAYLOAD),
                sized(6, concat(KEY_PAYLOAD, filler(1000, 5))), sized(8, hex("00")));
        byte[] next = concat(sized(2, new byte[0]), sized(6, concat(INTER_PAYLOAD, filler(286, 6))),
                sized(5, filler(3, 1)));
        var packets = Media.packetize(packetizer, tu, 0);
        assertThat(packets.getFirst().buffer()[packets.getFirst().payloadOffset()] & 0x08).isNotZero();
        packets.addAll(Media.packetize(packetizer, next, 3000));
        assertThat(packets).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(300));
        Media.Frames out = Media.push(depacketizer, packets);
        assertThat(out.frames).extracting(MediaFrame::toByteArray).containsExactly(
                concat(sized(1, SEQ_PAYLOAD), sized(6, concat(KEY_PAYLOAD, filler(1000, 5)))),
                concat(sized(6, concat(INTER_PAYLOAD, filler(286, 6))), sized(5, filler(3, 1))));
        assertThat(out.frames).extracting(MediaFrame::keyframe).containsExactly(true, false);
        assertThat(out.frames).allMatch(MediaFrame::complete);
    }
}
