package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How frames reach {@link RecordingWriter}'s thread: in batches paced by the feeder, on
 * {@link RecordingWriter#flush()}, and never left behind by a wake-up lost to the writer parking.
 * The frames are Opus packets (a TOC byte and filler), which the muxer takes as they are.
 */
class RecordingWriterTest {

    private static final int FRAME_BYTES = 20;
    private static final long FRAME_MICROS = 20_000;

    @TempDir
    Path out;

    @Test
    void framesFedAtTheirPaceAreWrittenWithoutFlush() throws Exception {
        RecordingWriter writer = opened("paced");
        for (int i = 0; i < 30; i++) {
            writer.frame(0, i * FRAME_MICROS, true, opus());
            Thread.sleep(10);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.writtenBytes() > 0);
        assertThat(writer.finish().framesDropped()).isZero();
        assertThat(writer.writtenBytes()).isEqualTo(30L * FRAME_BYTES);
    }

    /** The only wake-ups are a later frame, flush and finish: a lone frame waits for flush. */
    @Test
    void aFrameWithNoneAfterItWaitsForFlush() throws Exception {
        RecordingWriter writer = opened("lone");
        writer.frame(0, 0, true, opus());
        writer.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.writtenBytes() == FRAME_BYTES);
        // Microseconds of work from there to its park, given plenty of time on a loaded machine.
        Thread.sleep(2 * RecordingWriter.BATCH_MILLIS);

        writer.frame(0, FRAME_MICROS, true, opus());
        Thread.sleep(4 * RecordingWriter.BATCH_MILLIS);
        assertThat(writer.writtenBytes()).isEqualTo(FRAME_BYTES);
        writer.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.writtenBytes() == 2 * FRAME_BYTES);
        writer.finish();
    }

    /**
     * Each round queues a frame, flushes and spins until it is written, so that the writer goes
     * back to parking between rounds and every flush races the park. A wake-up lost in that race
     * leaves the frame queued: nothing else would wake the writer.
     */
    @Test
    void noFlushIsLostWhenItRacesThePark() throws Exception {
        RecordingWriter writer = opened("race");
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            writer.frame(0, i * FRAME_MICROS, true, opus());
            writer.flush();
            long expected = (long) (i + 1) * FRAME_BYTES;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writer.writtenBytes() != expected) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError("frame " + i + " not written 10 s after flush: a lost wake-up");
                }
                Thread.onSpinWait();
            }
        }
        RecordingWriter.Result result = writer.finish();
        assertThat(result.framesDropped()).isZero();
        assertThat(result.durationMicros()).isEqualTo((rounds - 1) * FRAME_MICROS);
    }

    /** A writer for one Opus track in WebM whose file is open (its format has been handled). */
    private RecordingWriter opened(String name) throws InterruptedException {
        CountDownLatch open = new CountDownLatch(1);
        RecordingWriter writer = new RecordingWriter((container, tracks) -> {
            open.countDown();
            return out.resolve(name + container.extension());
        }, name, 1, ContainerFormat.WEBM, Duration.ofSeconds(5));
        writer.format(0, new TrackFormat.Opus(1));
        assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
        return writer;
    }

    /** A 20 ms CELT fullband mono frame's TOC (config 31, code 0) and filler. */
    private static byte[] opus() {
        byte[] frame = new byte[FRAME_BYTES];
        frame[0] = (byte) 0xF8;
        return frame;
    }
}
