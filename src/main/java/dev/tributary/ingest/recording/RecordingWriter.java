package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a recording's frames to a file on a virtual thread of its own, so that the thread
 * feeding it (a peer connection's) never waits for FFmpeg or the disk. The container is chosen
 * once every expected track's codec parameters are known, or when the first frame has waited
 * {@code formatWait} for the missing ones (those tracks are then left out of the file); frames
 * arriving before are kept.
 *
 * <p>The feeding methods are thread-safe and never block. If writing falls behind by more than
 * {@link #MAX_QUEUED} frames, further frames are dropped and counted rather than letting memory
 * grow.
 *
 * <p><b>Batches.</b> Frames come every 10-40 ms, and waking the writing thread for each costs more
 * than writing the frame. So queued frames wait until a frame is fed {@link #BATCH_MILLIS} or more
 * after the oldest of them; that call wakes the writing thread, which writes all that is queued.
 * The feeder's own pace paces the writes, with no timer: a virtual thread's timed sleep goes
 * through the JDK's delay scheduler thread and then wakes a carrier, while a wake-up from the
 * feeder (a peer connection's virtual thread) runs on the feeder's carrier once it parks. When
 * frames stop coming, what is queued waits for {@link #flush()}, which the owner calls now and
 * then (the ingest session once a second), or for {@link #finish()}.
 *
 * <p><b>Segments.</b> With a segment duration, a long recording is split into several files, each
 * playable on its own: once a file holds that much, the next one starts at the first keyframe of
 * the first video track (of the first frame of any track if there is no video), at that frame's
 * presentation time T. Frames of the other tracks at or after the boundary wait (in memory, at
 * most {@link #MAX_HELD} of them) until T is known: those before T end the old file, the others
 * start the new one, so audio switches at the same presentation time as video. Each file's
 * timestamps start at zero (T is subtracted). A frame arriving after the switch with a timestamp
 * before T is dropped and counted. {@link #awaitingKeyframe()} tells the feeder that a switch
 * waits for a keyframe, which it should ask the sender for (a browser sends none unasked).
 */
public final class RecordingWriter implements AutoCloseable {

    /** How long frames gather before the writing thread writes them (see the class comment). */
    static final long BATCH_MILLIS = 50;

    private static final long BATCH_NANOS = BATCH_MILLIS * 1_000_000;
    /** {@link #batchStart} when no frame waits. */
    private static final long NO_BATCH = Long.MIN_VALUE;
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(RecordingWriter.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Frames that may wait for the writing thread. */
    public static final int MAX_QUEUED = 4096;

    /**
     * Frames held at a segment boundary while waiting for the video keyframe that starts the next
     * segment (about 20 s of 20 ms audio); beyond it the oldest go to the current segment.
     */
    public static final int MAX_HELD = 1024;

    /**
     * What was written to one file (with segments, one segment's).
     *
     * @param file the media file, with the container's extension; empty if nothing was written
     * @param container the container used, empty if nothing was written
     * @param tracks the tracks in the file, in the file's order
     * @param durationMicros the presentation time span of the frames written to the file
     * @param sizeBytes the file's size
     * @param framesDropped frames not written (queue overflow, a track left out, refused by the muxer)
     * @param error why writing failed, or empty
     */
    public record Result(Optional<Path> file, Optional<ContainerFormat> container, List<TrackFormat> tracks,
            long durationMicros, long sizeBytes, long framesDropped, Optional<String> error) {}

    private sealed interface Message {}

    private record Format(int track, TrackFormat format) implements Message {}

    private record Frame(int track, long ptsMicros, boolean keyframe, byte[] data) implements Message {}

    private record Close() implements Message {}

    /**
     * Where the file of a recording goes, decided once its container and tracks are known; with
     * segments, asked again for each segment's file (same container and tracks).
     */
    @FunctionalInterface
    public interface FileChooser {
        /**
         * @return the path of the media file to create
         * @throws RuntimeException if the recording cannot start; nothing is written then
         */
        Path fileFor(ContainerFormat container, List<TrackFormat> tracks);
    }

    /** Told on the writing thread that a segment's file is finished and the next one starts. */
    @FunctionalInterface
    public interface SegmentListener {
        /** {@code result} describes the finished file; the last segment's is {@link #finish()}'s. */
        void segmentFinished(Result result);
    }

    private final FileChooser chooser;
    private final String name;
    private final int expectedTracks;
    private final ContainerFormat containerOverride;
    private final long formatWaitNanos;
    private final long segmentMicros;
    private final SegmentListener segmentListener;
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    /** When the oldest frame the writing thread was not woken for was queued; {@link #NO_BATCH}. */
    private volatile long batchStart = NO_BATCH;
    /** Set by whoever wants the queue written now, cleared by the writing thread as it drains. */
    private volatile boolean wakeRequested;
    /** Set by the writing thread before it parks, cleared by whoever unparks it. */
    @SuppressWarnings("unused") // through PARKED
    private volatile boolean parked;

    // the writing thread's own state
    private final TrackFormat[] formats;
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long firstWaitingAt = Long.MAX_VALUE;
    private RecordingMuxer muxer;
    private ContainerFormat container;
    private List<TrackFormat> fileFormats = List.of();
    private int[] fileTrack;
    /** The track whose keyframes start segments, -1 for the first frame of any track. */
    private int cutTrack = -1;
    /** Subtracted from the timestamps of the current segment: its start T. */
    private long segmentBase;
    private long segmentDroppedBase;
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private String error;
    // written by the writing thread, read by any
    private volatile long firstPts = Long.MAX_VALUE;
    private volatile long lastPts = Long.MIN_VALUE;
    private volatile long segmentFirstPts = Long.MAX_VALUE;
    private volatile long segmentLastPts = Long.MIN_VALUE;
    private volatile long bytesWritten;
    private volatile boolean awaitingKeyframe;

    /**
     * Starts the writing thread.
     *
     * @param directory where the file goes (created if missing)
     * @param baseName the file name without extension
     * @param expectedTracks how many tracks to wait for
     * @param container the container to use, or null to choose by codec
     *     ({@link ContainerFormat#forCodecs})
     * @param formatWait how long the first frame waits for missing tracks' parameters
     */
    public RecordingWriter(Path directory, String baseName, int expectedTracks, ContainerFormat container,
            Duration formatWait) {
        this((format, tracks) -> directory.resolve(baseName + format.extension()), baseName, expectedTracks,
                container, formatWait);
    }

    /**
     * Starts the writing thread.
     *
     * @param chooser says where the file goes once the container is chosen
     * @param name names the writing thread
     * @param expectedTracks how many tracks to wait for
     * @param container the container to use, or null to choose by codec
     * @param formatWait how long the first frame waits for missing tracks' parameters
     */
    public RecordingWriter(FileChooser chooser, String name, int expectedTracks, ContainerFormat container,
            Duration formatWait) {
        this(chooser, name, expectedTracks, container, formatWait, Duration.ZERO, result -> { });
    }

    /**
     * Starts the writing thread, splitting the recording into segments.
     *
     * @param chooser says where each segment's file goes once the container is chosen
     * @param name names the writing thread
     * @param expectedTracks how many tracks to wait for
     * @param container the container to use, or null to choose by codec
     * @param formatWait how long the first frame waits for missing tracks' parameters
     * @param segmentDuration how long a segment is at least (it ends at the next keyframe); zero
     *     for a single file
     * @param segmentListener told when each segment but the last is finished
     */
    public RecordingWriter(FileChooser chooser, String name, int expectedTracks, ContainerFormat container,
            Duration formatWait, Duration segmentDuration, SegmentListener segmentListener) {
        if (segmentDuration.isNegative()) {
            throw new IllegalArgumentException("negative segment duration");
        }
        this.segmentMicros = segmentDuration.toNanos() / 1000;
        this.segmentListener = Objects.requireNonNull(segmentListener, "segmentListener");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.name = Objects.requireNonNull(name, "name");
        if (expectedTracks < 1) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
        this.expectedTracks = expectedTracks;
        this.containerOverride = container;
        this.formatWaitNanos = formatWait.toNanos();
        this.formats = new TrackFormat[expectedTracks];
        this.thread = Thread.ofVirtual().name("recording-writer-" + name).start(this::run);
    }

    /** A track's codec parameters; track numbers are those of the {@link RecordingPipeline}. */
    public void format(int track, TrackFormat format) {
        if (track >= 0 && track < expectedTracks && !closing) {
            queue.add(new Format(track, format));
            requestWake();
        }
    }

    /** A frame; the bytes become the writer's. */
    public void frame(int track, long ptsMicros, boolean keyframe, byte[] data) {
        if (closing || track < 0 || track >= expectedTracks) {
            dropped.incrementAndGet();
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(new Frame(track, ptsMicros, keyframe, data));
        long now = System.nanoTime();
        long start = batchStart;
        if (start == NO_BATCH) {
            batchStart = now;
        } else if (now - start >= BATCH_NANOS) {
            requestWake();
        }
    }

    /**
     * Has the frames queued so far written now rather than with the next batch; for a feeder
     * that may stop feeding for a while (see the class comment). Never blocks.
     */
    public void flush() {
        if (!queue.isEmpty()) {
            requestWake();
        }
    }

    /**
     * Wakes the writing thread if it is parked or about to park. It cannot miss the request: it
     * writes {@code parked} and then reads {@code wakeRequested} before parking, the waker
     * writes {@code wakeRequested} and then reads {@code parked}; with both volatile, at least
     * one of the two sees the other's write.
     */
    private void requestWake() {
        wakeRequested = true;
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * The presentation time span written so far, in microseconds, over all segments (readable
     * from any thread).
     */
    public long writtenMicros() {
        return span(firstPts, lastPts);
    }

    /** The presentation time span written to the current segment, in microseconds. */
    public long segmentWrittenMicros() {
        return span(segmentFirstPts, segmentLastPts);
    }

    /** Frame bytes accepted by the muxer so far, over all segments (container overhead excluded). */
    public long writtenBytes() {
        return bytesWritten;
    }

    /**
     * Whether the next segment waits for a keyframe of the video track: the feeder should ask the
     * sender for one.
     */
    public boolean awaitingKeyframe() {
        return awaitingKeyframe;
    }

    private static long span(long first, long last) {
        return first == Long.MAX_VALUE || last < first ? 0 : last - first;
    }

    /**
     * Writes what is queued, finishes the file (index, duration) and returns what was written.
     * Idempotent.
     */
    public Result finish() {
        if (!closing) {
            closing = true;
            queue.add(new Close());
            requestWake();
        }
        return result.join();
    }

    @Override
    public void close() {
        finish();
    }

    private void run() {
        try {
            while (true) {
                Message message = queue.poll();
                if (message == null) {
                    if (firstWaitingAt != Long.MAX_VALUE
                            && System.nanoTime() - (firstWaitingAt + formatWaitNanos) >= 0) {
                        openWithWhatIsKnown();
                    } else {
                        park();
                        if (Thread.currentThread().isInterrupted()) {
                            // Nothing here interrupts the writer; if someone does, it ends with
                            // what it has written rather than spin on a park that returns at once.
                            result.complete(closeMuxer());
                            return;
                        }
                    }
                    continue;
                }
                switch (message) {
                    case Format f -> {
                        formats[f.track] = f.format;
                        if (muxer == null && Arrays.stream(formats).allMatch(Objects::nonNull)) {
                            openWithWhatIsKnown();
                        }
                    }
                    case Frame f -> {
                        queued.decrementAndGet();
                        if (muxer == null && error == null) {
                            if (waiting.isEmpty()) {
                                firstWaitingAt = System.nanoTime();
                            }
                            waiting.add(f);
                        } else {
                            write(f);
                        }
                    }
                    case Close c -> {
                        if (muxer == null && !waiting.isEmpty()) {
                            openWithWhatIsKnown();
                        }
                        while (!held.isEmpty()) {
                            writeToMuxer(held.poll());
                        }
                        result.complete(closeMuxer());
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            error = e.toString();
            result.complete(closeMuxer());
        }
    }

    /**
     * Parks until a wake-up is requested (or until the missing formats have been waited for),
     * unless one was requested since the last park; the next frames fed start a new batch.
     */
    private void park() {
        parked = true;
        if (!wakeRequested) {
            if (firstWaitingAt == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, firstWaitingAt + formatWaitNanos - System.nanoTime());
            }
        }
        parked = false;
        wakeRequested = false;
        batchStart = NO_BATCH;
    }

    private void openWithWhatIsKnown() {
        firstWaitingAt = Long.MAX_VALUE;
        if (muxer != null || error != null) {
            return;
        }
        List<TrackFormat> known = new ArrayList<>();
        fileTrack = new int[expectedTracks];
        Codec video = null;
        Codec audio = null;
        for (int i = 0; i < expectedTracks; i++) {
            fileTrack[i] = -1;
            if (formats[i] != null) {
                fileTrack[i] = known.size();
                known.add(formats[i]);
                if (formats[i].codec().isVideo() && video == null) {
                    video = formats[i].codec();
                    cutTrack = i;
                } else if (!formats[i].codec().isVideo() && audio == null) {
                    audio = formats[i].codec();
                }
            }
        }
        if (known.isEmpty()) {
            dropped.addAndGet(waiting.size());
            waiting.clear();
            return;
        }
        ContainerFormat chosen = containerOverride != null ? containerOverride
                : ContainerFormat.forCodecs(video, audio);
        try {
            Path file = chooser.fileFor(chosen, List.copyOf(known));
            Files.createDirectories(file.toAbsolutePath().getParent());
            muxer = RecordingMuxer.open(file, chosen, known);
            container = chosen;
            fileFormats = List.copyOf(known);
        } catch (IOException | RuntimeException e) {
            error = "cannot start the file: " + e.getMessage();
            dropped.addAndGet(waiting.size());
            waiting.clear();
            return;
        }
        while (!waiting.isEmpty()) {
            write(waiting.poll());
        }
    }

    private void write(Frame frame) {
        if (segmentMicros > 0 && muxer != null && segmentFirstPts != Long.MAX_VALUE
                && frame.ptsMicros >= segmentFirstPts + segmentMicros) {
            if (cutTrack < 0 || frame.track == cutTrack && frame.keyframe) {
                startSegment(frame.ptsMicros);
            } else if (frame.track != cutTrack) {
                held.add(frame);
                awaitingKeyframe = cutTrack >= 0;
                if (held.size() > MAX_HELD) {
                    writeToMuxer(held.poll());
                }
                return;
            } else {
                awaitingKeyframe = true;
            }
        }
        writeToMuxer(frame);
    }

    /** Finishes the current segment's file and starts the next one at {@code start}. */
    private void startSegment(long start) {
        awaitingKeyframe = false;
        while (!held.isEmpty() && held.peek().ptsMicros < start) {
            writeToMuxer(held.poll());
        }
        Result finished = closeMuxer();
        muxer = null;
        segmentListener.segmentFinished(finished);
        segmentBase = start;
        segmentDroppedBase = dropped.get();
        segmentFirstPts = Long.MAX_VALUE;
        segmentLastPts = Long.MIN_VALUE;
        if (error == null) {
            try {
                Path file = chooser.fileFor(container, fileFormats);
                Files.createDirectories(file.toAbsolutePath().getParent());
                muxer = RecordingMuxer.open(file, container, fileFormats);
            } catch (IOException | RuntimeException e) {
                error = "cannot start the next segment: " + e.getMessage();
            }
        }
        while (!held.isEmpty()) {
            writeToMuxer(held.poll());
        }
    }

    private void writeToMuxer(Frame frame) {
        int track = fileTrack == null ? -1 : fileTrack[frame.track];
        if (muxer == null || track < 0 || frame.ptsMicros < segmentBase) {
            dropped.incrementAndGet();
            return;
        }
        try {
            if (muxer.writeFrame(track, frame.ptsMicros - segmentBase, frame.keyframe, frame.data, 0,
                    frame.data.length)) {
                firstPts = Math.min(firstPts, frame.ptsMicros);
                lastPts = Math.max(lastPts, frame.ptsMicros);
                segmentFirstPts = Math.min(segmentFirstPts, frame.ptsMicros);
                segmentLastPts = Math.max(segmentLastPts, frame.ptsMicros);
                bytesWritten += frame.data.length;
            } else {
                dropped.incrementAndGet();
            }
        } catch (RecordingException e) {
            error = e.getMessage();
            dropped.incrementAndGet();
        }
    }

    /** Closes the current segment's file and describes it. */
    private Result closeMuxer() {
        if (muxer == null) {
            return new Result(Optional.empty(), Optional.empty(), List.of(), 0, 0,
                    dropped.get() - segmentDroppedBase, Optional.ofNullable(error));
        }
        try {
            muxer.close();
        } catch (RecordingException e) {
            if (error == null) {
                error = e.getMessage();
            }
        }
        long size;
        try {
            size = Files.size(muxer.file());
        } catch (IOException e) {
            size = 0;
        }
        return new Result(Optional.of(muxer.file()), Optional.of(container), fileFormats, segmentWrittenMicros(),
                size, dropped.get() - segmentDroppedBase, Optional.ofNullable(error));
    }
}
