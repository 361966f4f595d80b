package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.concat;
import static dev.tributary.webrtc.media.Media.filler;
import static dev.tributary.webrtc.media.Media.hex;
import static dev.tributary.webrtc.media.Media.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class H264DepacketizerTest {

    private static final byte[] START = {0, 0, 0, 1};
    /** Constrained Baseline level 1.3 SPS of a 320x240 stream and its PPS, from x264. */
    static final byte[] SPS = hex("6742c00dd90141fb0110000003001000000303c0f142a480");
    static final byte[] PPS = hex("68cb83cb20");

    private final H264Depacketizer depacketizer = new H264Depacketizer();
    private final Media.Frames frames = new Media.Frames();

    private static byte[] idr(int length) {
        byte[] nal = filler(length, 5);
        nal[0] = 0x65;
        nal[1] = (byte) 0x88; // first_mb_in_slice = 0
        return nal;
    }

    private static byte[] slice(int length, boolean firstInPicture) {
        byte[] nal = filler(length, 1);
        nal[0] = 0x41;
        nal[1] = (byte) (firstInPicture ? 0x9a : 0x2a);
        return nal;
    }

    private static byte[] stapA(byte[]... nals) {
        byte[] out = {0x78};
        for (byte[] nal : nals) {
            out = concat(out, new byte[] {(byte) (nal.length >> 8), (byte) nal.length}, nal);
        }
        return out;
    }

    private static byte[] fuA(byte[] nal, int from, int to, boolean start, boolean end) {
        byte[] header = {(byte) (nal[0] & 0xE0 | 28), (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | nal[0] & 0x1F)};
        return concat(header, java.util.Arrays.copyOfRange(nal, from, to));
    }

    @Test
    void stapAThenFuAGiveOneAnnexBKeyframe() {
        byte[] idr = idr(3000);
        depacketizer.push(rtp(1, 9000, false, stapA(SPS, PPS)), frames);
        depacketizer.push(rtp(2, 9000, false, fuA(idr, 1, 1000, true, false)), frames);
        depacketizer.push(rtp(3, 9000, false, fuA(idr, 1000, 2000, false, false)), frames);
        assertThat(frames.frames).isEmpty();
        depacketizer.push(rtp(4, 9000, true, fuA(idr, 2000, 3000, false, true)), frames);

        MediaFrame frame = frames.only();
        assertThat(frame.toByteArray()).isEqualTo(concat(START, SPS, START, PPS, START, idr));
        assertThat(frame.keyframe()).isTrue();
        assertThat(frame.complete()).isTrue();
        assertThat(frame.timestamp()).isEqualTo(9000);
        assertThat(frame.codec()).isEqualTo(Codec.H264);
        assertThat(depacketizer.sps()).contains(SPS);
        assertThat(depacketizer.pps()).contains(PPS);
        assertThat(depacketizer.spsInfo()).get().satisfies(sps -> {
            assertThat(sps.width()).isEqualTo(320);
            assertThat(sps.height()).isEqualTo(240);
            assertThat(sps.profileIdc()).isEqualTo(66);
            assertThat(sps.levelIdc()).isEqualTo(13);
        });
        assertThat(depacketizer.droppedTotal()).isZero();
    }

    @Test
    void idrWithoutParameterSetsGetsTheLatestInsertedAfterTheDelimiter() {
        byte[] aud = {0x09, (byte) 0xf0};
        depacketizer.push(rtp(1, 0, true, stapA(SPS, PPS)), frames);
        byte[] idr = idr(50);
        depacketizer.push(rtp(2, 3000, false, aud), frames);
        depacketizer.push(rtp(3, 3000, true, idr), frames);
        assertThat(frames.last().toByteArray())
                .isEqualTo(concat(START, aud, START, SPS, START, PPS, START, idr));
        assertThat(frames.last().keyframe()).isTrue();

        byte[] p = slice(40, true);
        depacketizer.push(rtp(4, 6000, true, p), frames);
        assertThat(frames.last().toByteArray()).isEqualTo(concat(START, p));
        assertThat(frames.last().keyframe()).isFalse();
    }

    @Test
    void aTimestampChangeEndsAnUnmarkedAccessUnit() {
        byte[] a = slice(30, true);
        byte[] b = slice(30, true);
        depacketizer.push(rtp(1, 100, false, a), frames);
        depacketizer.push(rtp(2, 200, true, b), frames);
        assertThat(frames.frames).hasSize(2);
        assertThat(frames.frames.get(0).complete()).isTrue();
        assertThat(frames.frames.get(0).toByteArray()).isEqualTo(concat(START, a));
        assertThat(frames.frames.get(1).timestamp()).isEqualTo(200);
    }

    @Test
    void lossInsideAFragmentedUnitDropsItAndMarksTheFrameIncomplete() {
        byte[] first = slice(20, true);
        byte[] idr = idr(300);
        depacketizer.push(rtp(1, 9000, false, first), frames);
        depacketizer.push(rtp(2, 9000, false, fuA(idr, 1, 100, true, false)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(4, 9000, true, fuA(idr, 200, 300, false, true)), frames);

        MediaFrame frame = frames.only();
        assertThat(frame.complete()).isFalse();
        assertThat(frame.discontinuity()).isTrue();
        assertThat(frame.toByteArray()).isEqualTo(concat(START, first));
        assertThat(depacketizer.dropped(DropReason.INCOMPLETE_FRAGMENT)).isEqualTo(1);
        assertThat(depacketizer.dropped(DropReason.ORPHAN_FRAGMENT)).isEqualTo(1);
        assertThat(depacketizer.incompleteFrames()).isEqualTo(1);
    }

    @Test
    void afterLossAFrameIsCompleteOnlyIfItsFirstPacketProvablyStartsIt() {
        depacketizer.lost();
        depacketizer.push(rtp(5, 100, true, slice(30, false)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(7, 200, true, slice(30, true)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(9, 300, true, fuA(idr(100), 1, 100, true, true)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(11, 400, true, fuA(idr(100), 1, 100, true, false)), frames);

        // the last two frames are left with nothing: not emitted, counted
        assertThat(frames.frames).extracting(MediaFrame::complete).containsExactly(false, true);
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(1); // S and E both set
        assertThat(depacketizer.dropped(DropReason.INCOMPLETE_FRAGMENT)).isEqualTo(1);
        assertThat(depacketizer.discardedFrames()).isEqualTo(2);
    }

    @Test
    void lossBeforeAMarkedFramesSuccessorLeavesTheEarlierFrameComplete() {
        depacketizer.push(rtp(1, 100, true, slice(30, true)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(3, 300, false, slice(30, true)), frames);
        depacketizer.push(rtp(4, 300, false, slice(30, false)), frames);
        depacketizer.lost();
        depacketizer.push(rtp(6, 400, true, slice(30, true)), frames);

        assertThat(frames.frames).extracting(MediaFrame::complete).containsExactly(true, false, true);
        assertThat(frames.frames).extracting(MediaFrame::discontinuity).containsExactly(false, true, true);
    }

    @Test
    void interleavedModeAndGarbageAreCountedAndDropped() {
        depacketizer.push(rtp(1, 100, false, hex("7900 01 02")), frames); // STAP-B
        depacketizer.push(rtp(2, 100, false, hex("7a00")), frames); // MTAP16
        depacketizer.push(rtp(3, 100, false, hex("7d80 00")), frames); // FU-B
        depacketizer.push(rtp(4, 100, false, hex("e5 00")), frames); // forbidden bit
        depacketizer.push(rtp(5, 100, false, hex("78 00 05 65")), frames); // STAP-A size past the end
        depacketizer.push(rtp(6, 100, false, hex("78 00 00")), frames); // STAP-A empty unit
        depacketizer.push(rtp(7, 100, false, hex("1e 00")), frames); // reserved type 30
        depacketizer.push(rtp(8, 100, false, hex("7c 85")), frames); // FU-A without data
        depacketizer.push(rtp(9, 100, false, hex("7c 58 01")), frames); // FU-A of type 24
        depacketizer.push(rtp(10, 100, false, new byte[0]), frames);
        depacketizer.push(rtp(11, 100, true, slice(10, true)), frames);

        assertThat(depacketizer.dropped(DropReason.UNSUPPORTED)).isEqualTo(3);
        assertThat(depacketizer.dropped(DropReason.MALFORMED)).isEqualTo(6);
        assertThat(depacketizer.dropped(DropReason.EMPTY)).isEqualTo(1);
        assertThat(frames.only().complete()).isFalse();
        assertThat(depacketizer.packets()).isEqualTo(11);
    }

    @Test
    void aNewFragmentStartAbandonsTheUnfinishedOne() {
        byte[] a = idr(100);
        byte[] b = slice(100, false);
        depacketizer.push(rtp(1, 100, false, fuA(a, 1, 50, true, false)), frames);
        depacketizer.push(rtp(2, 100, false, fuA(b, 1, 50, true, false)), frames);
        depacketizer.push(rtp(3, 100, true, fuA(b, 50, 100, false, true)), frames);
        assertThat(frames.only().toByteArray()).isEqualTo(concat(START, b));
        assertThat(frames.only().complete()).isFalse();
        assertThat(frames.only().keyframe()).isFalse();
    }

    @Test
    void flushEmitsTheUnmarkedFrameAsIncomplete() {
        depacketizer.push(rtp(1, 100, false, slice(10, true)), frames);
        depacketizer.flush(frames);
        assertThat(frames.only().complete()).isFalse();
        depacketizer.flush(frames);
        assertThat(frames.frames).hasSize(1);
    }

    @Test
    void timestampsAreUnwrapped() {
        depacketizer.push(rtp(1, 0xFFFF_F000L, true, slice(10, true)), frames);
        depacketizer.push(rtp(2, 0x1000, true, slice(10, true)), frames);
        assertThat(frames.frames).extracting(MediaFrame::timestamp).containsExactly(0xFFFF_F000L, 0x1_0000_1000L);
        assertThat(frames.last().rtpTimestamp()).isEqualTo(0x1000);
    }

    @Test
    void roundTripsThroughBothPacketizationModes() {
        byte[] au = concat(START, SPS, START, PPS, START, idr(5000), START, slice(700, false));
        for (int mode : new int[] {0, 1}) {
            H264Packetizer packetizer = new H264Packetizer(mode, 96, 0x1234, 65530, mode == 0 ? 6000 : 1200);
            List<dev.tributary.webrtc.rtp.RtpPacket> packets = Media.packetize(packetizer, au, 1234);
            assertThat(packets).extracting(p -> p.marker()).last().isEqualTo(true);
            assertThat(packets.stream().filter(p -> p.marker())).hasSize(1);
            assertThat(packets).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(mode == 0 ? 6000 : 1200));
            if (mode == 1) {
                assertThat(packets.getFirst().buffer()[packets.getFirst().payloadOffset()] & 0x1F).isEqualTo(24);
                assertThat(packets).hasSize(1 + 5 + 1);
            } else {
                assertThat(packets).hasSize(4);
            }
            H264Depacketizer d = new H264Depacketizer();
            MediaFrame frame = Media.push(d, packets).only();
            assertThat(frame.toByteArray()).isEqualTo(au);
            assertThat(frame.complete()).isTrue();
            assertThat(frame.keyframe()).isTrue();
        }
    }

    @Test
    void threeByteStartCodesComeBackAsFourByteOnes() {
        byte[] p = slice(40, true);
        byte[] au = concat(new byte[] {0, 0, 1}, p, new byte[] {0, 0}); // trailing zero bytes too
        MediaFrame frame = Media.push(new H264Depacketizer(),
                Media.packetize(new H264Packetizer(1, 96, 1, 0, 1200), au, 0)).only();
        assertThat(frame.toByteArray()).isEqualTo(concat(START, p));
    }
}
