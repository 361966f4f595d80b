package dev.tributary.webrtc.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyframeGateTest {

    private final Media.Frames passed = new Media.Frames();
    private final KeyframeGate gate = new KeyframeGate(passed);

    private static MediaFrame frame(long ts, boolean key, boolean complete, boolean discontinuity) {
        MediaFrame frame = new MediaFrame(Codec.VP8);
        frame.set(new byte[] {(byte) ts}, 1, ts, key, complete, discontinuity, 0);
        return frame;
    }

    @Test
    void waitsForAKeyframeAndClosesAgainAfterTrouble() {
        assertThat(gate.keyframeNeeded()).isTrue();
        gate.onFrame(frame(1, false, true, false));
        gate.onFrame(frame(2, true, false, false)); // incomplete keyframe does not open
        assertThat(gate.keyframeRequests()).isEqualTo(1);
        gate.onFrame(frame(3, true, true, false));
        gate.onFrame(frame(4, false, true, false));
        assertThat(gate.keyframeNeeded()).isFalse();

        gate.onFrame(frame(5, false, true, true)); // discontinuity on a delta frame
        assertThat(gate.keyframeNeeded()).isTrue();
        assertThat(gate.keyframeRequests()).isEqualTo(2);
        gate.onFrame(frame(6, false, true, false));
        gate.onFrame(frame(7, true, true, true)); // a keyframe after a gap is fine
        gate.onFrame(frame(8, false, false, false)); // incomplete
        assertThat(gate.keyframeRequests()).isEqualTo(3);
        gate.onFrame(frame(9, true, true, false));
        gate.gap();
        gate.onFrame(frame(10, false, true, false));
        assertThat(gate.keyframeRequests()).isEqualTo(4);

        assertThat(passed.frames).extracting(MediaFrame::timestamp).containsExactly(3L, 4L, 7L, 9L);
        assertThat(gate.passed()).isEqualTo(4);
        assertThat(gate.held()).isEqualTo(6);
    }

    @Test
    void behindADepacketizerLossInsideAFrameClosesTheGate() {
        Vp8Depacketizer depacketizer = new Vp8Depacketizer();
        byte[] key = Vp8DepacketizerTest.keyFrame(3000);
        var packets = Media.packetize(new Vp8Packetizer(96, 1, 0, 0, 1200), key, 0);
        packets.addAll(Media.packetize(new Vp8Packetizer(96, 1, 3, 1, 1200),
                Media.concat(Media.hex("31"), Media.filler(2000, 1)), 3000));
        for (int i = 0; i < packets.size(); i++) {
            if (i == 4) {
                depacketizer.lost();
                continue;
            }
            depacketizer.push(packets.get(i), gate);
        }
        depacketizer.flush(gate);
        assertThat(passed.frames).extracting(MediaFrame::timestamp).containsExactly(0L);
        assertThat(gate.keyframeNeeded()).isTrue();
    }
}
