package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import java.io.IOException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 */
public final class RecordingWriter implements AutoCloseable {

    /** Frames that may wait for the writing thread. */
    public static final int MAX_QUEUED = 4096;

    /**
     * What was written.
     *
     * @param file the media file, with the container's extension; empty if nothing was written
     * @param container the container used, empty if nothing was written
     * @param tracks the tracks in the file, in the file's order
     * @param durationMicros the presentation time span of the written frames
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

    private final Path directory;
    private final String baseName;
    private final int expectedTracks;
    private final ContainerFormat containerOverride;
    private final long formatWaitNanos;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    // the writing thread's own state
    private final TrackFormat[] formats;
    private final ArrayDeque<Frame> waiting = new ArrayDeque<>();
    private long firstWaitingAt = Long.MAX_VALUE;
    private RecordingMuxer muxer;
    private ContainerFormat container;
    private List<TrackFormat> fileFormats = List.of();
    private int[] fileTrack;
    private long firstPts = Long.MAX_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private String error;

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
        this.directory = Objects.requireNonNull(directory, "directory");
        this.baseName = Objects.requireNonNull(baseName, "baseName");
        if (expectedTracks < 1) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
        this.expectedTracks = expectedTracks;
        this.containerOverride = container;
        this.formatWaitNanos = formatWait.toNanos();
        this.formats = new TrackFormat[expectedTracks];
        this.thread = Thread.ofVirtual().name("recording-writer-" + baseName).start(this::run);
    }

    /** A track's codec parameters; track numbers are those of the {@link RecordingPipeline}. */
    public void format(int track, TrackFormat format) {
        if (track >= 0 && track < expectedTracks && !closing) {
            queue.add(new Format(track, format));
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
    }

    /** The presentation time span written so far, in microseconds (readable from any thread). */
    public long writtenMicros() {
        long first = firstPts;
        long last = lastPts;
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
                Message message = firstWaitingAt == Long.MAX_VALUE ? queue.take()
                        : queue.poll(Math.max(0, firstWaitingAt + formatWaitNanos - System.nanoTime()),
                                TimeUnit.NANOSECONDS);
                if (message == null) {
                    openWithWhatIsKnown();
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
                        result.complete(closeMuxer());
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(closeMuxer());
        } catch (RuntimeException e) {
            error = e.toString();
            result.complete(closeMuxer());
        }
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
            Files.createDirectories(directory);
            muxer = RecordingMuxer.open(directory.resolve(baseName + chosen.extension()), chosen, known);
            container = chosen;
            fileFormats = List.copyOf(known);
        } catch (IOException | RecordingException e) {
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
        int track = fileTrack == null ? -1 : fileTrack[frame.track];
        if (muxer == null || track < 0) {
            dropped.incrementAndGet();
            return;
        }
        try {
            if (muxer.writeFrame(track, frame.ptsMicros, frame.keyframe, frame.data, 0, frame.data.length)) {
                firstPts = Math.min(firstPts, frame.ptsMicros);
                lastPts = Math.max(lastPts, frame.ptsMicros);
            } else {
                dropped.incrementAndGet();
            }
        } catch (RecordingException e) {
            error = e.getMessage();
            dropped.incrementAndGet();
        }
    }

    private Result closeMuxer() {
        if (muxer == null) {
            return new Result(Optional.empty(), Optional.empty(), List.of(), 0, 0, dropped.get(),
                    Optional.ofNullable(error));
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
        return new Result(Optional.of(muxer.file()), Optional.of(container), fileFormats, writtenMicros(), size,
                dropped.get(), Optional.ofNullable(error));
    }
}
