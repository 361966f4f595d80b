package dev.tributary.ingest.recording;

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
