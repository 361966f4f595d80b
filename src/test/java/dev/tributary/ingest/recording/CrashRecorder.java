package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import dev.tributary.ingest.recording.MediaFixtures.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A process that records fixture media in real time until it is killed: the subject of
 * {@link RecordingMuxerCrashTest}. Arguments: output file, container, video codec, fixture
 * directory, fixture length in seconds. Prints {@code recording} when the first frame is written.
 */
public final class CrashRecorder {

    private CrashRecorder() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ContainerFormat container = ContainerFormat.valueOf(args[1]);
        Codec codec = Codec.valueOf(args[2]);
        Path fixtures = Path.of(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<Frame> video = MediaFixtures.video(codec, fixtures, seconds, Integer.parseInt(args[5]));
        List<Frame> audio = MediaFixtures.opus(fixtures, seconds);
        record Timed(int track, Frame frame) {
        }
        List<Timed> frames = new ArrayList<>();
        video.forEach(f -> frames.add(new Timed(0, f)));
        audio.forEach(f -> frames.add(new Timed(1, f)));
        frames.sort(Comparator.comparingLong(t -> t.frame().ptsMicros()));
        try (RecordingMuxer muxer = RecordingMuxer.open(file, container,
                List.of(RecordingMuxerTest.trackFormat(codec, video), new TrackFormat.Opus(1)))) {
            long start = System.nanoTime();
            boolean announced = false;
            for (Timed t : frames) {
                long due = start + t.frame().ptsMicros() * 1000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                byte[] data = t.frame().data();
                muxer.writeFrame(t.track(), t.frame().ptsMicros(), t.frame().keyframe(), data, 0, data.length);
                if (!announced) {
                    System.out.println("recording");
                    System.out.flush();
                    announced = true;
                }
            }
        }
    }
}
