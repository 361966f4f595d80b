package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tributary.ingest.recording.MediaFixtures.Frame;
import dev.tributary.webrtc.media.Codec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recording split into segments by {@link RecordingWriter}, fed real encoded frames and checked
 * with ffprobe: each segment is a file of its own that starts with a keyframe at timestamp zero,
 * and audio switches files at the same presentation time as video.
 */
class RecordingWriterSegmentsTest {

    private static final int SECONDS = 7;
    /** A keyframe every 1.5 s: with 2 s segments the cuts fall at 3 s and 6 s. */
    private static final int GOP = 45;
    private static final long[] CUTS = {0, 3_000_000, 6_000_000, Long.MAX_VALUE};
    /** Audio reaches the writer this much ahead of video of the same time, as it may from the timeline. */
    private static final long AUDIO_LEAD = 60_000;

    @TempDir
    static Path fixtures;

    @TempDir
    Path out;

    private static List<Frame> opus;

    @BeforeAll
    static void encodeAudio() throws Exception {
        opus = MediaFixtures.opus(fixtures, SECONDS);
    }

    private record Timed(int track, Frame frame, long arrival) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource({"VP8, vp8", "H264, h264"})
    void splitsAtTheFirstKeyframeAfterTheSegmentDurationAndAudioFollows(Codec codec, String codecName)
            throws Exception {
        List<Frame> video = MediaFixtures.video(codec, fixtures, SECONDS, GOP);
        List<Path> files = new CopyOnWriteArrayList<>();
        List<RecordingWriter.Result> finished = new CopyOnWriteArrayList<>();
        RecordingWriter writer = new RecordingWriter((container, tracks) -> {
            Path file = out.resolve("segment-" + files.size() + container.extension());
            files.add(file);
            return file;
        }, "segments", 2, null, Duration.ofSeconds(5), Duration.ofSeconds(2), finished::add);

        writer.format(0, RecordingMuxerTest.trackFormat(codec, video));
        writer.format(1, new TrackFormat.Opus(1));
        List<Timed> frames = new ArrayList<>();
        video.forEach(f -> frames.add(new Timed(0, f, f.ptsMicros())));
        opus.forEach(f -> frames.add(new Timed(1, f, f.ptsMicros() - AUDIO_LEAD)));
        frames.sort(Comparator.comparingLong(Timed::arrival));
        for (Timed t : frames) {
            writer.frame(t.track(), t.frame().ptsMicros(), t.frame().keyframe(), t.frame().data());
        }
        RecordingWriter.Result last = writer.finish();

        assertThat(files).hasSize(3);
        assertThat(finished).hasSize(2);
        List<RecordingWriter.Result> results = new ArrayList<>(finished);
        results.add(last);
        for (int i = 0; i < files.size(); i++) {
            long from = CUTS[i];
            long to = CUTS[i + 1];
            List<Frame> videoIn = video.stream().filter(f -> f.ptsMicros() >= from && f.ptsMicros() < to).toList();
            long audioIn = opus.stream().filter(f -> f.ptsMicros() >= from && f.ptsMicros() < to).count();
            RecordingWriter.Result result = results.get(i);
            assertThat(result.file()).hasValue(files.get(i));
            assertThat(result.error()).isEmpty();
            assertThat(result.framesDropped()).isZero();
            assertThat(result.sizeBytes()).isPositive();
            assertThat(result.durationMicros()).isEqualTo(Math.max(videoIn.getLast().ptsMicros(),
                    opus.stream().filter(f -> f.ptsMicros() < to).toList().getLast().ptsMicros()) - from);

            Map<String, String> p = Probe.probe(files.get(i));
            assertThat(p).as("segment %d", i)
                    .containsEntry("streams.stream.0.codec_name", codecName)
                    .containsEntry("streams.stream.1.codec_name", "opus")
                    .containsEntry("streams.stream.0.nb_read_packets", Integer.toString(videoIn.size()))
                    .containsEntry("streams.stream.1.nb_read_packets", Long.toString(audioIn));
            assertThat(firstPacketIsKey(p, 0)).as("segment %d starts with a keyframe", i).isTrue();
            assertThat(videoIn.getFirst().keyframe()).isTrue();
            assertThat(Probe.keyPackets(p, 0)).isEqualTo(videoIn.stream().filter(Frame::keyframe).count());
            assertThat(Probe.seconds(p, "streams.stream.0.start_time")).as("segment %d", i).isCloseTo(0, within(0.001));
            assertThat(Probe.seconds(p, "streams.stream.1.start_time")).as("segment %d", i).isCloseTo(0, within(0.001));
            assertThat(Probe.lastPacketTime(p, 0)).isCloseTo((videoIn.getLast().ptsMicros() - from) / 1e6, within(0.001));
            assertThat(Probe.decodeErrors(files.get(i), 0)).as("segment %d", i).isEmpty();
        }
        assertThat(writer.writtenMicros()).isEqualTo(Math.max(video.getLast().ptsMicros(), opus.getLast().ptsMicros()));
        long bytes = video.stream().mapToLong(f -> f.data().length).sum() + opus.stream().mapToLong(f -> f.data().length).sum();
        assertThat(writer.writtenBytes()).isEqualTo(bytes);
    }

    @Test
    void aSegmentWaitsForAKeyframeAndSaysSo() throws Exception {
        // one keyframe every 3 s: the 2 s boundary passes and the writer waits for the next one
        List<Frame> video = MediaFixtures.video(Codec.VP8, fixtures, 4, 90);
        List<Path> files = new CopyOnWriteArrayList<>();
        RecordingWriter writer = new RecordingWriter((container, tracks) -> {
            Path file = out.resolve("wait-" + files.size() + container.extension());
            files.add(file);
            return file;
        }, "wait", 1, null, Duration.ofSeconds(5), Duration.ofSeconds(2), result -> { });
        writer.format(0, RecordingMuxerTest.trackFormat(Codec.VP8, video));
        List<Frame> beforeKeyframe = video.stream().filter(f -> f.ptsMicros() < 3_000_000).toList();
        for (Frame f : beforeKeyframe) {
            writer.frame(0, f.ptsMicros(), f.keyframe(), f.data());
        }
        writer.flush();
        await().atMost(Duration.ofSeconds(10)).until(writer::awaitingKeyframe);
        assertThat(files).hasSize(1);

        for (Frame f : video.subList(beforeKeyframe.size(), video.size())) {
            writer.frame(0, f.ptsMicros(), f.keyframe(), f.data());
        }
        RecordingWriter.Result last = writer.finish();

        assertThat(writer.awaitingKeyframe()).isFalse();
        assertThat(files).hasSize(2);
        assertThat(last.file()).hasValue(files.get(1));
        Map<String, String> p = Probe.probe(files.get(1));
        assertThat(p).containsEntry("streams.stream.0.nb_read_packets",
                Integer.toString(video.size() - beforeKeyframe.size()));
        assertThat(firstPacketIsKey(p, 0)).isTrue();
        assertThat(Probe.seconds(p, "streams.stream.0.start_time")).isCloseTo(0, within(0.001));
    }

    @Test
    void audioOnlySplitsAtTheFirstFrameAfterTheSegmentDuration() throws Exception {
        List<Path> files = new CopyOnWriteArrayList<>();
        RecordingWriter writer = new RecordingWriter((container, tracks) -> {
            Path file = out.resolve("audio-" + files.size() + container.extension());
            files.add(file);
            return file;
        }, "audio", 1, null, Duration.ofSeconds(5), Duration.ofSeconds(2), result -> { });
        writer.format(0, new TrackFormat.Opus(1));
        for (Frame f : opus) {
            writer.frame(0, f.ptsMicros(), true, f.data());
        }
        writer.finish();

        assertThat(files).hasSize(4);
        for (int i = 0; i < files.size(); i++) {
            Map<String, String> p = Probe.probe(files.get(i));
            long from = i * 2_000_000L;
            long frames = opus.stream().filter(f -> f.ptsMicros() >= from && f.ptsMicros() < from + 2_000_000).count();
            assertThat(p).containsEntry("streams.stream.0.nb_read_packets", Long.toString(frames));
            assertThat(Probe.seconds(p, "streams.stream.0.start_time")).isCloseTo(0, within(0.001));
            assertThat(Probe.decodeErrors(files.get(i), 0)).isEmpty();
        }
    }

    private static boolean firstPacketIsKey(Map<String, String> probe, int stream) {
        for (int i = 0; probe.containsKey("packets.packet." + i + ".stream_index"); i++) {
            if (probe.get("packets.packet." + i + ".stream_index").equals(Integer.toString(stream))) {
                return probe.get("packets.packet." + i + ".flags").startsWith("K");
            }
        }
        return false;
    }
}
