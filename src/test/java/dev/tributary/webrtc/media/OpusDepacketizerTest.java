package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.hex;
import static dev.tributary.webrtc.media.Media.rtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import org.junit.jupiter.api.Test;

class OpusDepacketizerTest {

    private final OpusDepacketizer depacketizer = new OpusDepacketizer();
    private final Media.Frames frames = new Media.Frames();

    @Test
    void everyPacketIsAFrameWithItsDuration() {
        depacketizer.push(rtp(1, 0, true, hex("fc 0102")), frames); // CELT FB 20 ms, one frame
        depacketizer.push(rtp(2, 960, false, hex("79 0102")), frames); // hybrid 20 ms, two equal frames
        depacketizer.push(rtp(3, 2880, false, hex("1a 01 aabb")), frames); // SILK 60 ms, two frames, sizes 1 and 1
        depacketizer.push(rtp(4, 8640, false, hex("03 83 01 01 aa bb cc")), frames); // 3 VBR frames of 10 ms
        depacketizer.push(rtp(5, 10080, false, hex("fb 43 02 aabbcc 0000")), frames); // 3 CBR frames 20 ms + padding 2
        assertThat(frames.frames).extracting(MediaFrame::durationSamples).containsExactly(960, 1920, 5760, 1440, 2880);
        assertThat(frames.frames).allMatch(f -> f.keyframe() && f.complete());
        assertThat(frames.frames.get(1).toByteArray()).isEqualTo(hex("79 0102"));
    }

    @Test
    void invalidTocsAreDropped() {
        depacketizer.push(rtp(1, 0, false, hex("fd 010203")), frames); // code 1, odd length
        depacketizer.push(rtp(2, 0, false, hex("fe fc")), frames); // code 2, size field cut
        depacketizer.push(rtp(3, 0, false, hex("fe 05 01")), frames); // code 2, first frame too long
        depacketizer.push(rtp(4, 0, false, hex("ff 00")), frames); // code 3, zero frames
        depacketizer.push(rtp(5, 0, false, hex("1b 03 00")), frames); // code 3, 3 x 60 ms > 120 ms
        depacketizer.push(rtp(6, 0, false, hex("ff 42 ff")), frames); // padding runs past the end
        depacketizer.push(rtp(7, 0, false, hex("ff 02 010203")), frames); // CBR not divisible
        assertThat(frames.frames).isEmpty();
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(7);
    }

    @Test
    void lossSetsDiscontinuityOnly() {
        depacketizer.push(rtp(1, 0, true, hex("fc 01")), frames);
        depacketizer.lost();
        depacketizer.push(rtp(3, 1920, false, hex("fc 01")), frames);
        assertThat(frames.frames).extracting(MediaFrame::discontinuity).containsExactly(false, true);
        assertThat(frames.frames).allMatch(MediaFrame::complete);
    }

    @Test
    void roundTripAndMarkerOnTheFirstPacket() {
        OpusPacketizer packetizer = new OpusPacketizer(111, 5, 0, 1200);
        var packets = Media.packetize(packetizer, hex("fc 0102"), 0);
        packets.addAll(Media.packetize(packetizer, hex("fc 0304"), 960));
        assertThat(packets).extracting(p -> p.marker()).containsExactly(true, false);
        assertThat(Media.push(depacketizer, packets).frames).extracting(MediaFrame::toByteArray)
                .containsExactly(hex("fc 0102"), hex("fc 0304"));
        assertThatThrownBy(() -> Media.packetize(packetizer, hex("fd 01"), 0)).isInstanceOf(ParseException.class);
    }
}
