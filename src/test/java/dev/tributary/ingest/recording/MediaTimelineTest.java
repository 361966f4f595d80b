package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.ingest.recording.MediaTimeline.Config;
import dev.tributary.ingest.recording.MediaTimeline.Mapping;
import dev.tributary.ingest.recording.MediaTimeline.Release;
import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.sim.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class MediaTimelineTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    /** The sender's wall clock at the first capture: 2024-01-01T00:00:00Z in Unix nanoseconds. */
    private static final long SENDER_START = 1_704_067_200L * SECOND;
    /** The receiver's clock at the same moment: an unrelated monotonic clock. */
    private static final long RECEIVER_START = 5_000 * SECOND;

    /** One media source of the simulated sender. */
    static final class Source {
        final String name;
        final long ssrc;
        final int clockRate;
        final long frameInterval;
        final long rtpOffset;
        double ppm;
        long transit;
        long reportTransit = 30 * MS;
        long reportInterval = SECOND;
        long firstReport = Long.MAX_VALUE;
        /** Sender time of its first capture, from the session's start. */
        long start;
        /** Media captured before this sender time waits until then, as while connecting. */
        long queuedUntil;
        /** Error of each report's RTP time, in ns, as a function of the sender time of the report. */
        LongUnaryOperator reportError = time -> 0;
        int track;
        int sent;

        Source(String name, long ssrc, int clockRate, long frameInterval, long rtpOffset, long transit) {
            this.name = name;
            this.ssrc = ssrc;
            this.clockRate = clockRate;
            this.frameInterval = frameInterval;
            this.rtpOffset = rtpOffset;
            this.transit = transit;
        }

        /** The RTP timestamp of a capture at sender wall time {@code wall}, modulo 2^32. */
        long rtp(long wall) {
            double ticks = (wall - SENDER_START) * (clockRate * (1 + ppm * 1e-6)) / SECOND;
            return (rtpOffset + Math.round(ticks)) & 0xFFFF_FFFFL;
        }

        /** The RTP time a report sent at sender wall time {@code wall} carries. */
        long reportRtp(long wall) {
            long error = reportError.applyAsLong(wall - SENDER_START);
            return (rtp(wall) + Math.round((double) error * clockRate / SECOND)) & 0xFFFF_FFFFL;
        }
    }

    /** A frame as the muxer received it. */
    record Written(Source source, long capture, long pts, long writtenAt) {}

    /** Runs the sender and the timeline over a virtual clock; collects what the muxer gets. */
    static final class Run {
        final MediaTimeline timeline;
        final List<Source> sources;
        final VirtualClock clock = new VirtualClock(RECEIVER_START - SECOND);
        final List<ArrayDeque<Long>> heldCaptures = new ArrayList<>();
        final List<Written> written = new ArrayList<>();

        Run(Config config, Source... sources) {
            timeline = new MediaTimeline(config);
            this.sources = List.of(sources);
            for (Source source : sources) {
                source.track = timeline.addTrack(source.ssrc, source.clockRate);
                heldCaptures.add(new ArrayDeque<>());
            }
        }

        Run play(long duration) {
            record Event(long at, long order, Source source, long wall, boolean report) {}
            PriorityQueue<Event> events = new PriorityQueue<>(
                    Comparator.comparingLong(Event::at).thenComparingLong(Event::order));
            long order = 0;
            for (Source s : sources) {
                for (long wall = SENDER_START + s.start; wall < SENDER_START + duration; wall += s.frameInterval) {
                    long sent = Math.max(wall, SENDER_START + s.queuedUntil);
                    events.add(new Event(RECEIVER_START + sent - SENDER_START + s.transit, order++, s, wall, false));
                    s.sent++;
                }
                if (s.firstReport != Long.MAX_VALUE) {
                    for (long wall = SENDER_START + s.firstReport; wall < SENDER_START + duration;
                            wall += s.reportInterval) {
                        events.add(new Event(RECEIVER_START + wall - SENDER_START + s.reportTransit, order++, s, wall,
                                true));
                    }
                }
            }
            while (!events.isEmpty()) {
                Event e = events.peek();
                long deadline = timeline.nextDeadline();
                if (deadline < e.at()) {
                    clock.advanceTo(Math.max(clock.now(), deadline));
                    drain();
                    continue;
                }
                events.poll();
                clock.advanceTo(e.at());
                if (e.report()) {
                    long ntp = NtpTime.fromEpochNanos(e.wall());
                    assertThat(timeline.onSenderReport(clock.now(),
                            new SenderReport(e.source().ssrc, ntp, e.source().reportRtp(e.wall()), 0, 0))).isTrue();
                } else {
                    long pts = timeline.onFrame(clock.now(), e.source().track, e.source().rtp(e.wall()));
                    if (pts == MediaTimeline.HELD) {
                        heldCaptures.get(e.source().track).add(e.wall());
                    } else {
                        assertThat(heldCaptures.get(e.source().track)).isEmpty();
                        written.add(new Written(e.source(), e.wall(), pts, clock.now()));
                    }
                }
                drain();
            }
            return this;
        }

        private void drain() {
            for (Release r; (r = timeline.poll(clock.now())) != null; ) {
                Source source = sources.get(r.track());
                written.add(new Written(source, heldCaptures.get(r.track()).remove(), r.ptsMicros(), clock.now()));
            }
        }

        /** Every frame sent was written, held ones included. */
        void assertAllWritten() {
            for (Source source : sources) {
                assertThat(of(source)).as(source.name).hasSize(source.sent);
            }
        }

        List<Written> of(Source source) {
            return written.stream().filter(w -> w.source() == source).toList();
        }

        /** Error of each frame against the sender's wall clock, in µs, relative to the true start. */
        long error(Written w) {
            return w.pts() - (w.capture() - SENDER_START) / 1000;
        }

        void assertWithin(Source source, long fromCapture, long micros) {
            for (Written w : of(source)) {
                if (w.capture() >= SENDER_START + fromCapture) {
                    assertThat(Math.abs(error(w))).as("%s at %d ms", source.name, (w.capture() - SENDER_START) / MS)
                            .isLessThanOrEqualTo(micros);
                }
            }
        }

        /** Strictly increasing, never negative, spacing within the slew of the RTP spacing. */
        void assertSmooth(Source source, double slew) {
            List<Written> frames = of(source);
            assertThat(frames).isNotEmpty();
            for (int i = 1; i < frames.size(); i++) {
                long step = frames.get(i).pts() - frames.get(i - 1).pts();
                long nominal = (frames.get(i).capture() - frames.get(i - 1).capture()) / 1000;
                assertThat(step).as("%s step %d", source.name, i).isPositive()
                        .isBetween((long) (nominal * (1 - slew)) - 2, (long) (nominal * (1 + slew)) + 2);
            }
            assertThat(frames.getFirst().pts()).isNotNegative();
        }
    }

    private final Random random = new Random(2024);

    private Source video() {
        return new Source("video", 0x1111, 90_000, 33_333_333, random.nextLong(1L << 32), 70 * MS);
    }

    /** Audio is captured with video but reaches the receiver 40 ms earlier. */
    private Source audio() {
        return new Source("audio", 0x2222, 48_000, 20 * MS, random.nextLong(1L << 32), 30 * MS);
    }

    @Test
    void senderReportsPutAudioAndVideoWithinAMillisecondOfTheTruth() {
        for (int round = 0; round < 20; round++) {
            Source video = video();
            Source audio = audio();
            video.firstReport = 200 * MS;
            audio.firstReport = 700 * MS;
            Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
            assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.SENDER_REPORT);
            assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.SENDER_REPORT);
            run.assertWithin(video, 0, 1000);
            run.assertWithin(audio, 0, 1000);
            assertThat(run.of(audio).getFirst().pts()).isZero();
            run.assertAllWritten();
            // Held until the second report arrived, 700 ms + 30 ms after the first capture.
            assertThat(run.of(video).getFirst().writtenAt()).isEqualTo(RECEIVER_START + 730 * MS);
        }
    }

    @Test
    void rtpTimestampWrapInTheMiddle() {
        Source video = new Source("video", 0x1111, 90_000, 33_333_333, (1L << 32) - 90_000 * 3, 70 * MS);
        Source audio = new Source("audio", 0x2222, 48_000, 20 * MS, (1L << 32) - 48_000 * 5, 30 * MS);
        video.firstReport = 100 * MS;
        audio.firstReport = 100 * MS;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        run.assertWithin(video, 0, 1000);
        run.assertWithin(audio, 0, 1000);
        run.assertSmooth(video, 0);
        run.assertSmooth(audio, 0);
    }

    @Test
    void senderReportsOnlyForVideoPlaceAudioByArrival() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 300 * MS;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        // Audio frames travel as fast as the reports (30 ms), so arrival is right for audio;
        // placing video by arrival instead would put it 40 ms late.
        run.assertWithin(video, 0, 1000);
        run.assertWithin(audio, 0, 1000);
        assertThat(run.of(audio).getFirst().writtenAt()).isEqualTo(RECEIVER_START + 30 * MS + 2 * SECOND);
    }

    @Test
    void withoutSenderReportsFallsBackToArrivalAfterTheHold() {
        Source video = video();
        Source audio = audio();
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        run.assertSmooth(video, 0);
        run.assertSmooth(audio, 0);
        // By arrival the video is 40 ms late: that is all one can know without reports.
        assertThat(run.of(audio).getFirst().pts()).isZero();
        // To within an RTP tick: the anchor is the least delayed frame, and RTP times are rounded.
        assertThat(run.of(video).getFirst().pts()).isCloseTo(40_000, within(12L));
        assertThat(run.of(audio).getFirst().writtenAt()).isEqualTo(RECEIVER_START + 30 * MS + 2 * SECOND);
        run.assertAllWritten();
    }

    @Test
    void senderReportsAfterTheFallbackAreTakenUpWithoutAJump() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 5 * SECOND;
        audio.firstReport = 5 * SECOND + 500 * MS;
        Run run = new Run(Config.defaults(), video, audio).play(30 * SECOND);
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.SENDER_REPORT);
        run.assertSmooth(video, 0.005);
        run.assertSmooth(audio, 0.005);
        // The start was fixed by arrival, so only the offset between the tracks can become right:
        // 40 ms at first, corrected at 5 ms per second, in sync 8 s later.
        long before = avOffset(run, 4 * SECOND);
        assertThat(before).isBetween(39_000L, 41_000L);
        long after = avOffset(run, 20 * SECOND);
        assertThat(Math.abs(after)).isLessThanOrEqualTo(1000);
    }

    /** Video's error minus audio's error around the given capture time, in µs. */
    private static long avOffset(Run run, long at) {
        Source video = run.sources.get(0);
        Source audio = run.sources.get(1);
        Written v = run.of(video).stream().filter(w -> w.capture() >= SENDER_START + at).findFirst().orElseThrow();
        Written a = run.of(audio).stream().filter(w -> w.capture() >= SENDER_START + at).findFirst().orElseThrow();
        return run.error(v) - run.error(a);
    }

    @Test
    void followsASenderWhoseRtpClockRuns100PpmFast() {
        Source video = video();
        Source audio = audio();
        video.ppm = 100;
        video.firstReport = 100 * MS;
        video.reportInterval = 5 * SECOND;
        audio.firstReport = 150 * MS;
        audio.reportInterval = 5 * SECOND;
        Run run = new Run(Config.defaults(), video, audio).play(60 * SECOND);
        run.assertSmooth(video, 0.005);
        run.assertWithin(video, 0, 1000);
        run.assertWithin(audio, 0, 1000);
        // Once two reports 5 s apart measured the rate, the error is rounding only; with the
        // nominal rate it would grow to 0.5 ms before each report.
        run.assertWithin(video, 12 * SECOND, 50);
    }

    /** Reports whose RTP time has the sender's running time added, as GStreamer 1.22 sends them. */
    private static LongUnaryOperator runningTimeAddedSince(long since) {
        return time -> time - since;
    }

    @Test
    void reportsThatRunAtTwiceTheRtpClockStopBeingFollowedWithoutShorteningTheRecording() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 100 * MS;
        audio.firstReport = 150 * MS;
        video.reportError = runningTimeAddedSince(0);
        audio.reportError = runningTimeAddedSince(0);
        Run run = new Run(Config.defaults(), video, audio).play(30 * SECOND);
        // The first reports are off by their running time (100 and 150 ms), plausible at the
        // start; the second ones contradict the RTP clock, so each track keeps its placement.
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        run.assertSmooth(video, 0);
        run.assertSmooth(audio, 0);
        assertThat(avOffset(run, 2 * SECOND)).isBetween(49_000L, 51_000L);
        assertThat(avOffset(run, 25 * SECOND)).isBetween(49_000L, 51_000L);
        List<Written> frames = run.of(video);
        assertThat(frames.getLast().pts() - frames.getFirst().pts())
                .isCloseTo((frames.getLast().capture() - frames.getFirst().capture()) / 1000, within(1000L));
        run.assertAllWritten();
    }

    @Test
    void reportsThatDisagreeAcrossTracksAfterASlowConnectPlaceEveryTrackByArrival() {
        Source video = video();
        Source audio = audio();
        // Media queued for 2 s while connecting comes in one burst; the first reports follow it,
        // video's 2.05 s wrong, audio's 0.1 s.
        video.queuedUntil = 2 * SECOND;
        audio.queuedUntil = 2 * SECOND;
        video.firstReport = 2 * SECOND + 50 * MS;
        audio.firstReport = 2 * SECOND + 100 * MS;
        video.reportError = runningTimeAddedSince(0);
        audio.reportError = runningTimeAddedSince(2 * SECOND);
        Run run = new Run(Config.defaults(), video, audio).play(15 * SECOND);
        assertThat(run.timeline.senderReportsUnusable()).isTrue();
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        // As without reports: video 40 ms late, its transit being 40 ms longer.
        assertThat(avOffset(run, 0)).isBetween(39_000L, 41_000L);
        assertThat(avOffset(run, 10 * SECOND)).isBetween(39_000L, 41_000L);
        run.assertSmooth(video, 0);
        run.assertSmooth(audio, 0);
        run.assertAllWritten();
    }

    @Test
    void honestReportsAfterASlowConnectAreKept() {
        Source video = video();
        Source audio = audio();
        video.queuedUntil = 2 * SECOND;
        audio.queuedUntil = 2 * SECOND;
        video.firstReport = 2 * SECOND + 50 * MS;
        audio.firstReport = 2 * SECOND + 100 * MS;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.senderReportsUnusable()).isFalse();
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.SENDER_REPORT);
        run.assertWithin(video, 0, 1000);
        run.assertWithin(audio, 0, 1000);
        run.assertAllWritten();
    }

    @Test
    void consistentReportsThatDisagreeAcrossTracksBySecondsAreNotUsed() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 200 * MS;
        audio.firstReport = 700 * MS;
        video.reportError = time -> 2_500 * MS;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.senderReportsUnusable()).isTrue();
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(avOffset(run, 5 * SECOND)).isBetween(39_000L, 41_000L);
        run.assertSmooth(video, 0);
        run.assertSmooth(audio, 0);
    }

    @Test
    void aReportThatPlacesMediaAfterItsArrivalIsNotUsed() {
        Source audio = audio();
        audio.firstReport = 100 * MS;
        // Says each frame was captured half a second after it actually was, so after it arrived.
        audio.reportError = time -> -500 * MS;
        Run run = new Run(Config.defaults(), audio).play(10 * SECOND);
        assertThat(run.timeline.senderReportsUnusable()).isTrue();
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        run.assertSmooth(audio, 0);
        run.assertAllWritten();
    }

    @Test
    void aSenderThatStampsReportsWithItsLastFrameIsStillFollowed() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 210 * MS;
        audio.firstReport = 710 * MS;
        audio.reportInterval = 5 * SECOND;
        video.reportError = time -> -(time % video.frameInterval);
        audio.reportError = time -> -(time % audio.frameInterval);
        Run run = new Run(Config.defaults(), video, audio).play(20 * SECOND);
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.SENDER_REPORT);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.SENDER_REPORT);
        run.assertWithin(video, 0, 35_000);
        run.assertWithin(audio, 0, 35_000);
        run.assertSmooth(video, 0.005);
    }

    @Test
    void aLateTrackWhoseReportsDisagreeIsPlacedByArrivalAlone() {
        Source video = video();
        Source audio = audio();
        video.firstReport = 100 * MS;
        audio.start = 3 * SECOND;
        audio.firstReport = 3 * SECOND + 50 * MS;
        audio.reportError = time -> 3 * SECOND;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.senderReportsUnusable()).isFalse();
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.SENDER_REPORT);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        // Audio travels as fast as the reports, so arrival places it right.
        assertThat(Math.abs(avOffset(run, 5 * SECOND))).isLessThanOrEqualTo(1000);
        run.assertAllWritten();
    }

    @Test
    void arrivalAfterABurstIsAnchoredOnTheLeastDelayedFrame() {
        Source video = video();
        Source audio = audio();
        // Queues of different depth: the first frames' arrivals say nothing about their capture.
        video.queuedUntil = 2 * SECOND;
        audio.queuedUntil = SECOND;
        Run run = new Run(Config.defaults(), video, audio).play(10 * SECOND);
        assertThat(run.timeline.mapping(video.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(run.timeline.mapping(audio.track)).isEqualTo(Mapping.ARRIVAL);
        assertThat(avOffset(run, 0)).isBetween(39_000L, 41_000L);
        assertThat(avOffset(run, 8 * SECOND)).isBetween(39_000L, 41_000L);
        run.assertAllWritten();
    }

    /**
     * What GStreamer 1.22's webrtcbin sent in a real session whose connection came 2.5 s after its
     * live sources started: 3.2 s of queued audio and video in one burst, its first reports 76 ms
     * after the first frame, every report's RTP time off by the sender's running time. Both
     * sources start together and encode with no look-ahead, so audio and video frames sent live
     * reach the receiver alike: in a right recording each track's least delayed frame is placed
     * as long before its arrival as the other track's. The first reports would put video about
     * half a second after audio.
     */
    @Test
    void aRealGstreamerBurstAfterASlowConnectStaysInSync() throws Exception {
        MediaTimeline timeline = new MediaTimeline(Config.defaults());
        timeline.addTrack(1, 48_000);
        timeline.addTrack(2, 90_000);
        List<ArrayDeque<Long>> held = List.of(new ArrayDeque<>(), new ArrayDeque<>());
        long[] leastDelay = {Long.MAX_VALUE, Long.MAX_VALUE};
        int[] frames = new int[2];
        List<Replayed> released = new ArrayList<>();
        long now = 0;
        try (var in = getClass().getResourceAsStream("gstreamer-burst.csv")) {
            assertThat(in).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#")).toList();
            for (String line : lines) {
                String[] f = line.split(",");
                int track = Integer.parseInt(f[1]);
                long at = RECEIVER_START + Long.parseLong(f[2]);
                for (long deadline; (deadline = timeline.nextDeadline()) < at; ) {
                    now = Math.max(now, deadline);
                    for (Replayed r; (r = replayed(timeline.poll(now), held)) != null; ) {
                        released.add(r);
                    }
                }
                now = at;
                if (f[0].equals("report")) {
                    timeline.onSenderReport(now, new SenderReport(track + 1, Long.parseUnsignedLong(f[4]),
                            Long.parseLong(f[3]), 0, 0));
                } else {
                    frames[track]++;
                    long pts = timeline.onFrame(now, track, Long.parseLong(f[3]));
                    if (pts == MediaTimeline.HELD) {
                        held.get(track).add(now);
                    } else {
                        released.add(new Replayed(track, now, pts));
                    }
                }
                for (Replayed r; (r = replayed(timeline.poll(now), held)) != null; ) {
                    released.add(r);
                }
            }
        }
        for (Replayed r : released) {
            leastDelay[r.track()] = Math.min(leastDelay[r.track()], r.arrival() / 1000 - r.pts());
        }
        assertThat(released).hasSize(frames[0] + frames[1]);
        assertThat(timeline.senderReportsUnusable()).isTrue();
        assertThat(Math.abs(leastDelay[1] - leastDelay[0])).as("video's least delay minus audio's, µs")
                .isLessThanOrEqualTo(20_000);
    }

    /** A frame of a replayed session: its track, arrival and timestamp. */
    private record Replayed(int track, long arrival, long pts) {}

    private static Replayed replayed(Release release, List<ArrayDeque<Long>> held) {
        return release == null ? null
                : new Replayed(release.track(), held.get(release.track()).remove(), release.ptsMicros());
    }

    @Test
    void holdIsBoundedInTimeAndFrames() {
        MediaTimeline timeline = new MediaTimeline(new Config(2 * SECOND, 10, 0.005));
        int video = timeline.addTrack(1, 90_000);
        int audio = timeline.addTrack(2, 48_000);
        long now = RECEIVER_START;
        assertThat(timeline.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(timeline.onFrame(now, audio, 1000)).isEqualTo(MediaTimeline.HELD);
        assertThat(timeline.nextDeadline()).isEqualTo(now + 2 * SECOND);
        assertThat(timeline.poll(now + 2 * SECOND - 1)).isNull();
        for (int i = 1; i < 9; i++) {
            assertThat(timeline.onFrame(now + i * 20 * MS, audio, 1000 + i * 960L)).isEqualTo(MediaTimeline.HELD);
        }
        assertThat(timeline.started()).isFalse();
        // The tenth frame fills the hold: every track with frames falls back, the start is fixed.
        assertThat(timeline.onFrame(now + 180 * MS, audio, 1000 + 9 * 960L)).isEqualTo(MediaTimeline.HELD);
        assertThat(timeline.started()).isTrue();
        assertThat(timeline.mapping(audio)).isEqualTo(Mapping.ARRIVAL);
        assertThat(timeline.mapping(video)).isEqualTo(Mapping.NONE);
        assertThat(timeline.nextDeadline()).isEqualTo(Long.MIN_VALUE);
        for (int i = 0; i < 10; i++) {
            assertThat(timeline.poll(now + 180 * MS)).isEqualTo(new Release(audio, i * 20_000L));
        }
        assertThat(timeline.poll(now + 180 * MS)).isNull();
        assertThat(timeline.onFrame(now + 200 * MS, audio, 1000 + 10 * 960L)).isEqualTo(200_000);
        // A track starting later waits for its own report, bounded by its own hold.
        assertThat(timeline.onFrame(now + 300 * MS, video, 5000)).isEqualTo(MediaTimeline.HELD);
        assertThat(timeline.nextDeadline()).isEqualTo(now + 300 * MS + 2 * SECOND);
        assertThat(timeline.poll(now + 300 * MS + 2 * SECOND)).isEqualTo(new Release(video, 300_000));
        assertThat(timeline.mapping(video)).isEqualTo(Mapping.ARRIVAL);
    }

    @Test
    void ignoresReportsOfUnknownSsrcsAndRejectsBadTracks() {
        MediaTimeline timeline = new MediaTimeline(Config.defaults());
        timeline.addTrack(7, 90_000);
        assertThat(timeline.onSenderReport(0, new SenderReport(8, NtpTime.fromEpochNanos(SENDER_START), 0, 0, 0)))
                .isFalse();
        assertThat(timeline.mapping(0)).isEqualTo(Mapping.NONE);
        assertThatThrownBy(() -> timeline.addTrack(7, 48_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeline.addTrack(9, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeline.onFrame(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
