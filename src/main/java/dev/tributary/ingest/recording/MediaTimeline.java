package dev.tributary.ingest.recording;

import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.TimestampUnwrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The A/V timeline of one recording: gives every frame of every track a presentation time in
 * microseconds from the start of the recording, such that audio and video stay in lip sync.
 * Sans-IO: it is told of frames and sender reports with the current time and says which frames
 * may be written with which timestamp; it never reads a clock.
 *
 * <h2>Clocks</h2>
 * All media instants are expressed on the receiver's clock (the {@code now} its owner passes). A
 * track with RTCP sender reports (RFC 3550 §6.4.1) is placed through its SSRC's latest NTP ↔ RTP
 * pair: {@code instant(T) = offset + ntp(SR) + (T − T(SR)) × ns-per-tick}, where {@code offset} is
 * the receiver's time minus the NTP time of the first sender report of the session, one constant
 * for all tracks, so the relative position of the tracks is exactly what the sender's wall clock
 * says. The ns-per-tick is the measured one between the first and the latest sender report once
 * they are at least a second apart and within 1 % of the nominal clock rate (which absorbs a
 * sender whose RTP clock runs fast or slow against its wall clock), else the nominal one. A track
 * without sender reports is placed by arrival: at the RTP clock rate, anchored so that the frame
 * that came soonest after its capture, among those held until then, lands at its arrival (the
 * least delayed frame shows the track's delay best; the first one may have waited in a queue at
 * the sender or for a retransmission).
 *
 * <h2>Which sender reports to believe</h2>
 * A sender report is only worth following if it states the sender's clock. Two checks, each on
 * what the sender cannot get wrong if its reports are honest:
 * <ul>
 *   <li><b>Each SSRC against its own RTP clock.</b> Between two consecutive reports of an SSRC the
 *       RTP time must advance as much as the NTP time, to within 1 % (an RTP clock that is off
 *       by more is not a crystal's drift, tens of ppm) plus 100 ms
 *       (a sender that stamps a report with its last frame's RTP time instead of
 *       extrapolating to the report's instant is off by up to a frame interval: 100 ms covers
 *       10 frames/s). Neither figure involves the network: both times come from the sender. An
 *       SSRC that fails is not reporting a clock (GStreamer 1.22's webrtcbin adds its whole
 *       running time to each report's RTP time, so its reports advance twice as fast as its
 *       media), and none of its reports, earlier ones included, is believed: the one already in
 *       use came from the same broken code. Before the recording starts, that disqualifies the
 *       whole session's reports (below). Once its track has released frames, it keeps the
 *       placement it has and continues on its RTP clock, as a track placed by arrival does: any
 *       other choice would move it by an error nobody can measure.</li>
 *   <li><b>The session's reports against arrival, at the start.</b> Before the first frame is
 *       released, choosing between sender reports and arrival costs nothing, so the reports are
 *       checked against what actually arrived. For each track with a report, the implied delay
 *       of its least delayed held frame is its arrival minus the instant the reports give it.
 *       Since the instants are counted from the first report's arrival, that is the frame's
 *       capture-to-timeline delay (encoding, pacing, network, reassembly) minus the first
 *       report's network transit. It cannot be negative, media cannot arrive before its capture,
 *       except by the report's own queueing jitter: 200 ms is allowed. Nor can it exceed a
 *       second, and the tracks' implied delays must agree within a second: what it measures is
 *       what each track's encoder, pacer and jitter buffer add (the tracks share the network and
 *       the first report's transit), which an interactive sender keeps far below a second
 *       (ITU-T G.114 puts the limit of interactive use at 400 ms mouth to ear, for the whole
 *       path); reports that say more are wrong by seconds, not by a pipeline. A sender that
 *       queued its media while connecting sends it in one burst, and the first reports come
 *       right after it, before any frame shows the live delay; since the delays are minima,
 *       more frames only lower them, so while a check fails the start waits, up to the hold
 *       bound, for the frames sent live. When the hold runs out with a check still failing,
 *       the session's reports are not usable: every report of the session is ignored from then
 *       on and every track is placed by arrival, all alike, as in a session without reports.
 *       GStreamer 1.22 after a slow connect fails the upper bound: its first reports, 3.2 s off,
 *       would put its video half a second behind its audio. One frame's delay against the
 *       others is all the check needs, so it also applies to a track whose first report is
 *       taken up after the start, before that track releases a frame; failing it places that
 *       track alone by arrival.</li>
 * </ul>
 *
 * <h2>Holding</h2>
 * Before the start is known, every frame is held. The start is known once every track has a
 * frame and a sender report that pass the checks above, or when {@link Config#holdNanos()} has
 * passed since the first frame of the session or a track holds {@link Config#maxHeldFrames()}
 * frames: then every track that has frames but no believed sender report falls back to arrival. The start of the recording is the
 * earliest instant of the tracks' first frames, so the first file timestamp is 0 and the offset
 * between audio and video is kept. A track whose first frame comes after the start is held
 * likewise, bounded by its own first frame's arrival plus the hold.
 *
 * <h2>Changing the mapping without jumps</h2>
 * Once a track has released a frame, a new mapping (its first sender report after a fallback to
 * arrival, or a later sender report) is never applied at once. Each frame's instant is the
 * previous frame's instant advanced by the RTP time between them at the mapping's rate, then moved
 * towards the mapping's instant for that frame by at most {@link Config#maxSlew()} of that RTP
 * time (0.5 % by default: 5 ms per second of media). So consecutive timestamps of a track never go
 * backwards and their spacing never departs from the RTP spacing by more than the slew, while
 * the timeline converges to the sender-report mapping: a 100 ms error is gone after 20 s, and the
 * drift of a sender's clocks (tens of ppm) is followed continuously. Last guard for the muxer:
 * a track's timestamps strictly increase (a frame that would repeat or precede the previous one's
 * timestamp gets that timestamp plus 1 µs) and are never negative.
 *
 * <p>Frames of a track come out in the order they were given. The owner keeps the held frames in
 * a FIFO per track and, after every call, takes what {@link #poll} releases; {@link
 * #nextDeadline()} says when to call {@link #poll} if nothing else happens. Not thread-safe.
 */
public final class MediaTimeline {

    /** What {@link #onFrame} returns when the frame is held. */
    public static final long HELD = -1;

    /** How a track is placed on the timeline. */
    public enum Mapping {
        /** Not yet: its frames are held. */
        NONE,
        /** Through its sender reports. */
        SENDER_REPORT,
        /**
         * By its RTP clock rate from an anchor: the arrival of its least delayed frame held until
         * then, or, for a track whose sender reports stopped being believed after it released
         * frames, where those reports had placed it.
         */
        ARRIVAL
    }

    /**
     * @param holdNanos how long frames wait for a sender report, from the first frame of the
     *     session (for the start) or of a later track; 2 s by default, twice the interval at which
     *     libwebrtc sends video sender reports and well past the first report a WebRTC sender sends
     *     right after its first packets
     * @param maxHeldFrames the most frames held per track before falling back; 256 by default, more
     *     than 2 s of 100 audio frames/s or 60 video frames/s, so the time bound normally decides
     * @param maxSlew the largest fraction by which a track's timestamp spacing may depart from its
     *     RTP spacing while a new mapping is taken up; 0.005 by default, far above clock drift so
     *     refinements are followed, and small enough (0.1 ms on a 20 ms audio frame) not to be heard
     *     or seen
     */
    public record Config(long holdNanos, int maxHeldFrames, double maxSlew) {

        /** @throws IllegalArgumentException if a value is out of range */
        public Config {
            if (holdNanos < 0) {
                throw new IllegalArgumentException("negative hold: " + holdNanos);
            }
            if (maxHeldFrames < 1) {
                throw new IllegalArgumentException("maxHeldFrames must be positive: " + maxHeldFrames);
            }
            if (!(maxSlew > 0 && maxSlew < 1)) {
                throw new IllegalArgumentException("maxSlew must be between 0 and 1: " + maxSlew);
            }
        }

        /** @return 2 s, 256 frames, 0.5 % */
        public static Config defaults() {
            return new Config(2_000_000_000L, 256, 0.005);
        }
    }

    /**
     * A held frame released by {@link #poll}: the oldest held frame of that track.
     *
     * @param track the track, as {@link #addTrack} numbered it
     * @param ptsMicros its presentation time in microseconds from the recording's start
     */
    public record Release(int track, long ptsMicros) {}

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final double MAX_RATE_ERROR = 0.01;
    private static final long MAX_REPORT_JITTER_MILLIS = 100;
    private static final long MAX_EARLY_MILLIS = 200;
    private static final long MAX_DELAY_MILLIS = 1_000;

    private final Config config;
    private final List<Track> tracks = new ArrayList<>();
    private boolean started;
    private double startInstant;
    private boolean offsetKnown;
    private long ntpToReceiver;
    private long firstFrameArrival = Long.MAX_VALUE;
    private boolean reportsUnusable;
    private double minDelay = Double.POSITIVE_INFINITY;
    private double maxDelay = Double.NEGATIVE_INFINITY;

    /** @param config hold bounds and slew */
    public MediaTimeline(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Registers a track; do so for every track of the session before its first frame.
     *
     * @param ssrc the SSRC whose sender reports map this track
     * @param clockRate the RTP clock rate in Hz (90000 for video, 48000 for Opus)
     * @return the track's number: 0 for the first, 1 for the second …
     * @throws IllegalArgumentException if the clock rate is not positive or the SSRC is taken
     */
    public int addTrack(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        if (track(ssrc) != null) {
            throw new IllegalArgumentException("SSRC already has a track: " + ssrc);
        }
        tracks.add(new Track(ssrc, clockRate, config.maxHeldFrames()));
        return tracks.size() - 1;
    }

    /**
     * Takes a sender report of one of the tracks' SSRCs.
     *
     * @param now the current time in nanoseconds, the report's arrival
     * @param report the sender report
     * @return false if its SSRC belongs to no track (the report is ignored)
     */
    public boolean onSenderReport(long now, SenderReport report) {
        Track track = track(report.ssrc());
        if (track == null) {
            return false;
        }
        long rtp = track.unwrapper.unwrap(report.rtpTimestamp());
        if (reportsUnusable || track.reportsIgnored) {
            return true;
        }
        long ntp = NtpTime.toEpochNanos(report.ntpTimestamp());
        if (!track.followsRtpClock(ntp, rtp)) {
            distrust(track);
        } else {
            if (!offsetKnown) {
                offsetKnown = true;
                ntpToReceiver = now - ntp;
            }
            track.senderReport(ntp, rtp);
        }
        update(now);
        return true;
    }

    /**
     * Takes the next frame of a track, in the track's order.
     *
     * @param now the current time in nanoseconds, the frame's arrival
     * @param trackId the track, as {@link #addTrack} numbered it
     * @param rtpTimestamp the frame's RTP timestamp, 0 to 2<sup>32</sup>-1
     * @return the frame's presentation time in microseconds from the recording's start, to be
     *     written now; or {@link #HELD}: the owner keeps the frame until {@link #poll} releases it
     * @throws IllegalArgumentException if there is no such track or the timestamp is out of range
     * @throws IllegalStateException if the track already holds {@link Config#maxHeldFrames()}
     *     frames that {@link #poll} would have released
     */
    public long onFrame(long now, int trackId, long rtpTimestamp) {
        if (trackId < 0 || trackId >= tracks.size()) {
            throw new IllegalArgumentException("no track " + trackId);
        }
        Track track = tracks.get(trackId);
        long unwrapped = track.unwrapper.unwrap(rtpTimestamp);
        if (track.firstArrival == Long.MAX_VALUE) {
            track.firstArrival = now;
            track.firstTimestamp = unwrapped;
            firstFrameArrival = Math.min(firstFrameArrival, now);
        }
        track.minArrivalLead = Math.min(track.minArrivalLead,
                now - (unwrapped - track.firstTimestamp) * track.nominalNanosPerTick);
        update(now);
        if (started && track.mapping != Mapping.NONE && track.heldCount == 0) {
            return track.release(unwrapped);
        }
        if (track.heldCount == track.held.length) {
            throw new IllegalStateException("track " + trackId + " is full of released frames: call poll");
        }
        track.hold(unwrapped);
        if (track.heldCount == config.maxHeldFrames()) {
            update(now);
        }
        return HELD;
    }

    /**
     * The next held frame that may be written, across tracks in order of presentation time.
     *
     * @param now the current time in nanoseconds
     * @return the track and timestamp of that track's oldest held frame, or null if none may be
     *     released before {@link #nextDeadline()}
     */
    public Release poll(long now) {
        update(now);
        if (!started) {
            return null;
        }
        Track next = null;
        double earliest = Double.POSITIVE_INFINITY;
        for (Track track : tracks) {
            if (track.mapping != Mapping.NONE && track.heldCount > 0) {
                double instant = track.target(track.held[track.heldHead]);
                if (instant < earliest) {
                    earliest = instant;
                    next = track;
                }
            }
        }
        if (next == null) {
            return null;
        }
        return new Release(tracks.indexOf(next), next.release(next.unhold()));
    }

    /**
     * When {@link #poll} should be called next.
     *
     * @return {@link Long#MIN_VALUE} if a held frame may be released now; the time a hold bound
     *     runs out; or {@link Long#MAX_VALUE} if nothing is held
     */
    public long nextDeadline() {
        long deadline = Long.MAX_VALUE;
        if (!started) {
            return firstFrameArrival == Long.MAX_VALUE ? deadline : firstFrameArrival + config.holdNanos();
        }
        for (Track track : tracks) {
            if (track.heldCount > 0) {
                if (track.mapping != Mapping.NONE) {
                    return Long.MIN_VALUE;
                }
                deadline = Math.min(deadline, track.firstArrival + config.holdNanos());
            }
        }
        return deadline;
    }

    /**
     * @param trackId a track
     * @return how that track is placed on the timeline now
     */
    public Mapping mapping(int trackId) {
        return tracks.get(trackId).mapping;
    }

    /** @return whether the start of the recording is known (frames may be released) */
    public boolean started() {
        return started;
    }

    /** @return whether the session's sender reports were found not to state the sender's clock */
    public boolean senderReportsUnusable() {
        return reportsUnusable;
    }

    private Track track(long ssrc) {
        for (Track track : tracks) {
            if (track.ssrc == ssrc) {
                return track;
            }
        }
        return null;
    }

    /** An SSRC's reports contradict its own RTP clock: none of them is believed any more. */
    private void distrust(Track track) {
        track.reportsIgnored = true;
        if (!started) {
            disqualifyReports();
        } else if (track.mapping == Mapping.SENDER_REPORT) {
            if (track.releasedAny) {
                track.continueFrom(track.lastTimestamp, track.lastInstant);
            } else {
                track.mapping = Mapping.NONE;
            }
        }
    }

    /** Before the start: the session is placed as one without sender reports. */
    private void disqualifyReports() {
        reportsUnusable = true;
        for (Track track : tracks) {
            track.mapping = Mapping.NONE;
        }
    }

    /**
     * The implied delay of a track's least delayed frame under its sender report mapping: its
     * arrival minus the instant the mapping gives it.
     */
    private static double impliedDelay(Track track) {
        return track.minArrivalLead - track.target(track.firstTimestamp);
    }

    private static boolean plausibleDelays(double min, double max) {
        return min >= -MAX_EARLY_MILLIS * NANOS_PER_MILLI && max <= MAX_DELAY_MILLIS * NANOS_PER_MILLI
                && max - min <= MAX_DELAY_MILLIS * NANOS_PER_MILLI;
    }

    /** Falls back where a hold bound ran out, and fixes the start once it can. */
    private void update(long now) {
        if (!started) {
            boolean allReady = true;
            boolean bound = now - firstFrameArrival >= config.holdNanos();
            for (Track track : tracks) {
                allReady &= track.firstArrival != Long.MAX_VALUE && track.mapping != Mapping.NONE;
                bound |= track.heldCount >= config.maxHeldFrames();
            }
            if (!(allReady || bound && firstFrameArrival != Long.MAX_VALUE)) {
                return;
            }
            if (!reportsUnusable) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (Track track : tracks) {
                    if (track.mapping == Mapping.SENDER_REPORT && track.firstArrival != Long.MAX_VALUE) {
                        double delay = impliedDelay(track);
                        min = Math.min(min, delay);
                        max = Math.max(max, delay);
                    }
                }
                if (min <= max && !plausibleDelays(min, max)) {
                    if (!bound) {
                        // More frames can only lower the delays: those of a burst drain away.
                        return;
                    }
                    disqualifyReports();
                } else {
                    minDelay = min;
                    maxDelay = max;
                    for (Track track : tracks) {
                        track.delayChecked = track.mapping == Mapping.SENDER_REPORT
                                && track.firstArrival != Long.MAX_VALUE;
                    }
                }
            }
            startInstant = Double.POSITIVE_INFINITY;
            for (Track track : tracks) {
                if (track.firstArrival != Long.MAX_VALUE) {
                    if (track.mapping == Mapping.NONE) {
                        track.continueFrom(track.firstTimestamp, track.minArrivalLead);
                    }
                    startInstant = Math.min(startInstant, track.target(track.firstTimestamp));
                }
            }
            started = true;
            return;
        }
        for (Track track : tracks) {
            if (track.mapping == Mapping.SENDER_REPORT && !track.delayChecked
                    && track.firstArrival != Long.MAX_VALUE) {
                track.delayChecked = true;
                double delay = impliedDelay(track);
                if (plausibleDelays(Math.min(minDelay, delay), Math.max(maxDelay, delay))) {
                    minDelay = Math.min(minDelay, delay);
                    maxDelay = Math.max(maxDelay, delay);
                } else {
                    track.reportsIgnored = true;
                    track.mapping = Mapping.NONE;
                }
            }
            if (track.mapping == Mapping.NONE && track.heldCount > 0
                    && (now - track.firstArrival >= config.holdNanos()
                            || track.heldCount >= config.maxHeldFrames())) {
                track.continueFrom(track.firstTimestamp, track.minArrivalLead);
            }
        }
    }

    private final class Track {
        final long ssrc;
        final double nominalNanosPerTick;
        final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
        Mapping mapping = Mapping.NONE;

        long firstArrival = Long.MAX_VALUE;
        long firstTimestamp;
        /** The least over its frames of arrival minus RTP time since the first frame. */
        double minArrivalLead = Double.POSITIVE_INFINITY;
        long anchorTimestamp;
        double anchorInstant;

        boolean reportsIgnored;
        boolean delayChecked;

        boolean haveReport;
        long firstReportNtp;
        long firstReportRtp;
        long reportNtp;
        long reportRtp;
        double nanosPerTick;

        final long[] held;
        int heldHead;
        int heldCount;

        boolean releasedAny;
        long lastTimestamp;
        double lastInstant;
        long lastPts;

        Track(long ssrc, int clockRate, int maxHeld) {
            this.ssrc = ssrc;
            this.nominalNanosPerTick = (double) NANOS_PER_SECOND / clockRate;
            this.nanosPerTick = nominalNanosPerTick;
            this.held = new long[maxHeld];
        }

        /**
         * Whether a report agrees with the previous one about the RTP clock: both advance alike,
         * to within the rate error and a frame interval.
         */
        boolean followsRtpClock(long ntp, long rtp) {
            if (!haveReport || ntp <= reportNtp) {
                return true;
            }
            double ntpElapsed = ntp - reportNtp;
            double rtpElapsed = (rtp - reportRtp) * nominalNanosPerTick;
            return Math.abs(rtpElapsed - ntpElapsed)
                    <= MAX_RATE_ERROR * ntpElapsed + MAX_REPORT_JITTER_MILLIS * NANOS_PER_MILLI;
        }

        /** Placed by its RTP clock from now on, the given RTP time at the given instant. */
        void continueFrom(long timestamp, double instant) {
            mapping = Mapping.ARRIVAL;
            anchorTimestamp = timestamp;
            anchorInstant = instant;
        }

        void senderReport(long ntp, long rtp) {
            if (!haveReport || ntp <= reportNtp) {
                // First report, or a sender that restarted its wall clock: measure the rate anew.
                firstReportNtp = ntp;
                firstReportRtp = rtp;
                nanosPerTick = nominalNanosPerTick;
            } else if (ntp - firstReportNtp >= NANOS_PER_SECOND) {
                double measured = (double) (ntp - firstReportNtp) / (rtp - firstReportRtp);
                nanosPerTick = Math.abs(measured / nominalNanosPerTick - 1) <= MAX_RATE_ERROR
                        ? measured
                        : nominalNanosPerTick;
            }
            haveReport = true;
            reportNtp = ntp;
            reportRtp = rtp;
            mapping = Mapping.SENDER_REPORT;
        }

        /** The instant the current mapping gives an RTP time, on the receiver's clock. */
        double target(long timestamp) {
            if (mapping == Mapping.SENDER_REPORT) {
                return ntpToReceiver + reportNtp + (timestamp - reportRtp) * nanosPerTick;
            }
            return anchorInstant + (timestamp - anchorTimestamp) * nominalNanosPerTick;
        }

        private double rate() {
            return mapping == Mapping.SENDER_REPORT ? nanosPerTick : nominalNanosPerTick;
        }

        long release(long timestamp) {
            double target = target(timestamp);
            double instant;
            if (!releasedAny) {
                instant = target;
            } else if (timestamp <= lastTimestamp) {
                instant = lastInstant;
            } else {
                long elapsed = timestamp - lastTimestamp;
                double predicted = lastInstant + elapsed * rate();
                double allowed = config.maxSlew() * elapsed * nominalNanosPerTick;
                instant = predicted + Math.max(-allowed, Math.min(allowed, target - predicted));
            }
            long pts = Math.max(0, (long) Math.floor((instant - startInstant) / 1000));
            if (releasedAny && pts <= lastPts) {
                pts = lastPts + 1;
            }
            lastTimestamp = releasedAny ? Math.max(lastTimestamp, timestamp) : timestamp;
            releasedAny = true;
            lastInstant = instant;
            lastPts = pts;
            return pts;
        }

        void hold(long timestamp) {
            held[(heldHead + heldCount) % held.length] = timestamp;
            heldCount++;
        }

        long unhold() {
            long timestamp = held[heldHead];
            heldHead = (heldHead + 1) % held.length;
            heldCount--;
            return timestamp;
        }
    }
}
