package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.ingest.recording.MediaFixtures.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Remuxes real encoded media (made by the ffmpeg CLI) and checks the result with ffprobe and a
 * full decode by ffmpeg.
 */
class RecordingMuxerTest {

    private static final int SECONDS = 3;
    /** Video starts 100 ms and audio 250 ms into the recording: the A/V offset to find again. */
    private static final long VIDEO_OFFSET = 100_000;
    private static final long AUDIO_OFFSET = 250_000;
    private static final double ONE_MS = 0.001;

    @TempDir
    static Path fixtures;

    @TempDir
    Path out;

    private static List<Frame> opus;

    @BeforeAll
    static void encodeAudio() throws Exception {
        opus = MediaFixtures.opus(fixtures, SECONDS);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "VP8, WEBM, vp8", "VP9, WEBM, vp9", "AV1, WEBM, av1",
        "H264, FRAGMENTED_MP4, h264", "H264, MATROSKA, h264", "VP8, MATROSKA, vp8", "AV1, MATROSKA, av1"})
    void remuxesVideoAndOpusWithTheirOffset(Codec codec, ContainerFormat container, String codecName) throws Exception {
        List<Frame> video = MediaFixtures.video(codec, fixtures, SECONDS);
        Path file = out.resolve("rec" + container.extension());

        RecordingMuxer.TrackStats[] stats = record(file, container, codec, video);

        assertThat(stats[0]).isEqualTo(new RecordingMuxer.TrackStats(video.size(), 0, 0));
        assertThat(stats[1]).isEqualTo(new RecordingMuxer.TrackStats(opus.size(), 0, 0));
        Map<String, String> p = Probe.probe(file);
        assertThat(p).containsEntry("streams.stream.0.codec_name", codecName)
                .containsEntry("streams.stream.1.codec_name", "opus")
                .containsEntry("streams.stream.0.width", "320")
                .containsEntry("streams.stream.0.height", "240")
                .containsEntry("streams.stream.0.nb_read_packets", Integer.toString(video.size()))
                .containsEntry("streams.stream.1.nb_read_packets", Integer.toString(opus.size()));
        assertThat(Probe.keyPackets(p, 0)).isEqualTo(video.stream().filter(Frame::keyframe).count());
        assertThat(Probe.seconds(p, "streams.stream.0.start_time")).isCloseTo(VIDEO_OFFSET / 1e6, within(ONE_MS));
        assertThat(Probe.seconds(p, "streams.stream.1.start_time")).isCloseTo(AUDIO_OFFSET / 1e6, within(ONE_MS));
        double videoEnd = (VIDEO_OFFSET + video.getLast().ptsMicros() + MediaFixtures.FRAME_MICROS) / 1e6;
        double audioEnd = (AUDIO_OFFSET + opus.getLast().ptsMicros() + 20_000) / 1e6;
        // Matroska's Duration counts from zero; ffprobe reports MP4's from the earliest start.
        double end = Probe.seconds(p, "format.duration")
                + (container == ContainerFormat.FRAGMENTED_MP4 ? Probe.seconds(p, "format.start_time") : 0);
        assertThat(end).isCloseTo(Math.max(videoEnd, audioEnd), within(MediaFixtures.FRAME_MICROS / 1e6));
        assertThat(Probe.lastPacketTime(p, 0)).isCloseTo((VIDEO_OFFSET + video.getLast().ptsMicros()) / 1e6, within(ONE_MS));
        assertThat(Probe.lastPacketTime(p, 1)).isCloseTo((AUDIO_OFFSET + opus.getLast().ptsMicros()) / 1e6, within(ONE_MS));
        assertThat(Probe.decodeErrors(file, 0)).isEmpty();
    }

    @Test
    void repairsSmallTimestampRegressionsAndDropsLargeOnesUntilTheNextKeyframe() throws Exception {
        List<Frame> video = MediaFixtures.video(Codec.VP8, fixtures, SECONDS);
        Path file = out.resolve("repaired.webm");
        int late = 50; // a frame 1 s late; video after it waits for the next keyframe
        int nextKey = late + 1;
        while (!video.get(nextKey).keyframe()) {
            nextKey++;
        }
        try (RecordingMuxer muxer = RecordingMuxer.open(file, ContainerFormat.WEBM, List.of(trackFormat(Codec.VP8, video)))) {
            for (int i = 0; i < video.size(); i++) {
                Frame f = video.get(i);
                long pts = f.ptsMicros();
                if (i == 10) {
                    pts = video.get(9).ptsMicros(); // same timestamp twice: repaired
                } else if (i == 20) {
                    pts -= 2 * MediaFixtures.FRAME_MICROS; // behind by one frame: repaired
                }
                muxer.writeFrame(0, pts, f.keyframe(), ByteBuffer.wrap(f.data()));
                if (i == late) {
                    assertThat(muxer.writeFrame(0, pts - 1_000_000, false, ByteBuffer.wrap(f.data()))).isFalse();
                    assertThat(muxer.waitingForKeyframe(0)).isTrue();
                }
            }
            int dropped = 1 + (nextKey - late - 1);
            assertThat(muxer.stats(0)).isEqualTo(new RecordingMuxer.TrackStats(video.size() - dropped + 1, dropped, 2));
        }
        Map<String, String> p = Probe.probe(file);
        assertThat(p).containsEntry("streams.stream.0.nb_read_packets", Integer.toString(video.size() - (nextKey - late - 1)));
        assertThat(Probe.decodeErrors(file, 0)).isEmpty();
    }

    @Test
    void countsAndDropsMalformedFrames() throws Exception {
        List<Frame> video = MediaFixtures.video(Codec.H264, fixtures, SECONDS);
        List<Frame> av1 = MediaFixtures.video(Codec.AV1, fixtures, SECONDS);
        Path file = out.resolve("malformed.mkv");
        byte[] noStartCode = {0x65, 1, 2, 3};
        byte[] forbiddenBit = {0, 0, 0, 1, (byte) 0xe5, 1, 2};
        byte[] obuOverrun = {0x32, 0x7f, 1, 2}; // OBU claims 127 bytes
        byte[] obuWithoutSize = {0x30, 1, 2, 3};
        byte[] opusNoFrames = {(byte) 0x03, 0x00}; // code 3 with a frame count of zero
        try (RecordingMuxer muxer = RecordingMuxer.open(file, ContainerFormat.MATROSKA, List.of(
                trackFormat(Codec.H264, video), trackFormat(Codec.AV1, av1), new TrackFormat.Opus(2)))) {
            byte[] p1 = video.get(1).data();
            assertThat(muxer.writeFrame(0, 0, false, p1, 0, p1.length)).as("before the first keyframe").isFalse();
            assertThat(muxer.writeFrame(0, 0, true, noStartCode, 0, noStartCode.length)).isFalse();
            assertThat(muxer.writeFrame(0, 0, true, forbiddenBit, 0, forbiddenBit.length)).isFalse();
            assertThat(muxer.writeFrame(0, -1, true, video.get(0).data(), 0, 10)).as("negative time").isFalse();
            assertThat(muxer.writeFrame(0, 0, true, new byte[0], 0, 0)).isFalse();
            assertThat(muxer.writeFrame(1, 0, true, obuOverrun, 0, obuOverrun.length)).isFalse();
            assertThat(muxer.writeFrame(1, 0, true, obuWithoutSize, 0, obuWithoutSize.length)).isFalse();
            assertThat(muxer.writeFrame(2, 0, true, opusNoFrames, 0, opusNoFrames.length)).isFalse();
            for (int i = 0; i < 30; i++) {
                byte[] v = video.get(i).data();
                assertThat(muxer.writeFrame(0, video.get(i).ptsMicros(), video.get(i).keyframe(), v, 0, v.length)).isTrue();
                byte[] a = av1.get(i).data();
                assertThat(muxer.writeFrame(1, av1.get(i).ptsMicros(), av1.get(i).keyframe(), a, 0, a.length)).isTrue();
            }
            assertThat(muxer.stats(0)).isEqualTo(new RecordingMuxer.TrackStats(30, 5, 0));
            assertThat(muxer.stats(1)).isEqualTo(new RecordingMuxer.TrackStats(30, 2, 0));
            assertThat(muxer.stats(2)).isEqualTo(new RecordingMuxer.TrackStats(0, 1, 0));
            assertThatThrownBy(() -> muxer.writeFrame(3, 0, true, p1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> muxer.writeFrame(0, 0, true, p1, 2, p1.length)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Probe.probe(file)).containsEntry("streams.stream.0.nb_read_packets", "30")
                .containsEntry("streams.stream.1.nb_read_packets", "30");
        assertThat(Probe.decodeErrors(file, 0)).isEmpty();
    }

    @Test
    void rejectsTrackParametersBeforeCreatingTheFile() {
        Path file = out.resolve("never.mkv");
        byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        assertThatThrownBy(() -> RecordingMuxer.open(file, ContainerFormat.MATROSKA,
                List.of(new TrackFormat.H264(new byte[] {0x67, 0x42, 0, 0x1e}, pps))))
                .isInstanceOf(RecordingException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> RecordingMuxer.open(file, ContainerFormat.MATROSKA,
                List.of(new TrackFormat.Av1(new byte[] {0x12, 0x00}))))
                .isInstanceOf(RecordingException.class).hasMessageContaining("no AV1 sequence header");
        assertThatThrownBy(() -> RecordingMuxer.open(file, ContainerFormat.FRAGMENTED_MP4, List.of(new TrackFormat.Vp8(320, 240))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordingMuxer.open(file, ContainerFormat.WEBM, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> RecordingMuxer.open(out.resolve("missing/dir/x.webm"), ContainerFormat.WEBM,
                List.of(new TrackFormat.Opus(1))))
                .isInstanceOf(RecordingException.class).hasMessageContaining("creating");
    }

    @Test
    void closeFinishesTheFileOnceAndLaterWritesFail() throws Exception {
        Path file = out.resolve("closed.webm");
        RecordingMuxer muxer = RecordingMuxer.open(file, ContainerFormat.WEBM, List.of(new TrackFormat.Opus(1)));
        for (Frame f : opus.subList(0, 50)) {
            muxer.writeFrame(0, f.ptsMicros(), true, f.data(), 0, f.data().length);
        }
        muxer.close();
        long size = Files.size(file);
        muxer.close();
        assertThat(Files.size(file)).isEqualTo(size);
        assertThatThrownBy(() -> muxer.writeFrame(0, 2_000_000, true, opus.get(0).data(), 0, 3))
                .isInstanceOf(RecordingException.class).hasMessageContaining("closed");
        Map<String, String> p = Probe.probe(file);
        assertThat(p).containsEntry("streams.stream.0.nb_read_packets", "50");
        // FFmpeg's Matroska Duration includes the 312-sample Opus codec delay.
        assertThat(Probe.seconds(p, "format.duration")).isCloseTo(1.0 + 312 / 48_000.0, within(0.001));
    }

    @Test
    void writesAnIndexOnClose() throws Exception {
        List<Frame> h264 = MediaFixtures.video(Codec.H264, fixtures, SECONDS);
        Path mp4 = out.resolve("indexed.mp4");
        record(mp4, ContainerFormat.FRAGMENTED_MP4, Codec.H264, h264);
        byte[] bytes = Files.readAllBytes(mp4);
        // The last top-level box is the movie fragment random access index.
        assertThat(new String(bytes, bytes.length - 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("mfro");
        List<Frame> vp8 = MediaFixtures.video(Codec.VP8, fixtures, SECONDS);
        Path webm = out.resolve("indexed.webm");
        record(webm, ContainerFormat.WEBM, Codec.VP8, vp8);
        assertThat(indexOf(Files.readAllBytes(webm), new byte[] {0x1c, 0x53, (byte) 0xbb, 0x6b})).as("Cues").isPositive();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void choosesABrowserPlayableContainer() {
        assertThat(ContainerFormat.forCodecs(Codec.H264, Codec.OPUS)).isEqualTo(ContainerFormat.FRAGMENTED_MP4);
        assertThat(ContainerFormat.forCodecs(Codec.H264, null)).isEqualTo(ContainerFormat.FRAGMENTED_MP4);
        assertThat(ContainerFormat.forCodecs(Codec.VP8, Codec.OPUS)).isEqualTo(ContainerFormat.WEBM);
        assertThat(ContainerFormat.forCodecs(Codec.AV1, null)).isEqualTo(ContainerFormat.WEBM);
        assertThat(ContainerFormat.forCodecs(null, Codec.OPUS)).isEqualTo(ContainerFormat.WEBM);
        assertThatThrownBy(() -> ContainerFormat.forCodecs(Codec.OPUS, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContainerFormat.MATROSKA.supports(Codec.H264)).isTrue();
        assertThat(ContainerFormat.WEBM.supports(Codec.H264)).isFalse();
    }

    private static RecordingMuxer.TrackStats[] record(Path file, ContainerFormat container, Codec codec,
                                                      List<Frame> video) {
        record Timed(int track, long pts, Frame frame) {
        }
        List<Timed> frames = new ArrayList<>();
        video.forEach(f -> frames.add(new Timed(0, VIDEO_OFFSET + f.ptsMicros(), f)));
        opus.forEach(f -> frames.add(new Timed(1, AUDIO_OFFSET + f.ptsMicros(), f)));
        frames.sort(Comparator.comparingLong(Timed::pts));
        try (RecordingMuxer muxer = RecordingMuxer.open(file, container, List.of(trackFormat(codec, video), new TrackFormat.Opus(1)))) {
            for (Timed t : frames) {
                byte[] data = t.frame().data();
                assertThat(muxer.writeFrame(t.track(), t.pts(), t.frame().keyframe(), data, 0, data.length)).isTrue();
            }
            return new RecordingMuxer.TrackStats[] {muxer.stats(0), muxer.stats(1)};
        }
    }

    static TrackFormat trackFormat(Codec codec, List<Frame> video) {
        byte[] first = video.getFirst().data();
        return switch (codec) {
            case H264 -> {
                byte[][] ps = MediaFixtures.parameterSets(first);
                yield new TrackFormat.H264(ps[0], ps[1]);
            }
            case VP8 -> TrackFormat.vp8FromKeyframe(first, 0, first.length);
            case VP9 -> TrackFormat.vp9FromKeyframe(first, 0, first.length);
            case AV1 -> new TrackFormat.Av1(MediaFixtures.sequenceHeader(first));
            case OPUS -> new TrackFormat.Opus(1);
        };
    }
}
