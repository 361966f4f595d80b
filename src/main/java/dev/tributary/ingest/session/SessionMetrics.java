package dev.tributary.ingest.session;

import dev.tributary.webrtc.interceptor.StreamStatistics;
import dev.tributary.webrtc.peer.ConnectionStats;
import dev.tributary.webrtc.peer.MediaKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Process-wide meters of the ingest sessions. Each session's counters are sampled about once a
 * second (never per packet) and their increase since the previous sample is added to one meter
 * for the whole process: no meter is tagged by session, stream or recording, which would make
 * the number of time series grow without bound. Tags are limited to small fixed sets (media kind,
 * outcome, error type).
 *
 * <p>Meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #LIVE} gauge [{@code tributary_sessions_live}]
 *   <li>{@value #STARTED} [{@code tributary_sessions_started_total}], {@value #ENDED} by
 *       {@code outcome} = {@code normal} | {@code failed} [{@code tributary_sessions_ended_total}]
 *   <li>by {@code kind} = {@code audio} | {@code video}: {@value #PACKETS}, {@value #BYTES}
 *       (headers included), {@value #LOST}, {@value #RETRANSMITTED} (recovered from RTX),
 *       {@value #NACKS}, {@value #PLIS}, {@value #FIRS}
 *   <li>{@value #TRANSPORT_ERRORS} by {@code type} = {@code srtp} (failed authentication or
 *       replay check), {@code malformed_rtcp}, {@code unroutable_rtp}, {@code unknown_payload_type}
 *   <li>{@value #WRITTEN}: frame bytes handed to the muxer (container overhead excluded)
 *   <li>{@value #RECORDINGS} by {@code outcome} = {@code complete} | {@code failed}
 * </ul>
 */
public final class SessionMetrics {

    static final String LIVE = "tributary.sessions.live";
    static final String STARTED = "tributary.sessions.started";
    static final String ENDED = "tributary.sessions.ended";
    static final String PACKETS = "tributary.rtp.packets.received";
    static final String BYTES = "tributary.rtp.received";
    static final String LOST = "tributary.rtp.packets.lost";
    static final String RETRANSMITTED = "tributary.rtp.retransmissions.received";
    static final String NACKS = "tributary.rtcp.nacks.sent";
    static final String PLIS = "tributary.rtcp.plis.sent";
    static final String FIRS = "tributary.rtcp.firs.sent";
    static final String TRANSPORT_ERRORS = "tributary.transport.errors";
    static final String WRITTEN = "tributary.recording.written";
    static final String RECORDINGS = "tributary.recordings.finished";

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter endedNormal;
    private final Counter endedFailed;
    private final Map<MediaKind, KindMeters> kinds = new EnumMap<>(MediaKind.class);
    private final Counter srtpFailures;
    private final Counter malformedRtcp;
    private final Counter unroutableRtp;
    private final Counter unknownPayloadType;
    private final Counter written;
    private final Counter recordingsComplete;
    private final Counter recordingsFailed;

    /** The meters of one media kind. */
    private record KindMeters(Counter packets, Counter bytes, Counter lost, Counter retransmitted, Counter nacks,
            Counter plis, Counter firs) {}

    /** Registers the meters (the live-sessions gauge comes with {@link #liveSessions}). */
    public SessionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder(STARTED).description("Ingest sessions started").register(registry);
        this.endedNormal = ended("normal");
        this.endedFailed = ended("failed");
        for (MediaKind kind : MediaKind.values()) {
            String k = kind.name().toLowerCase(Locale.ROOT);
            kinds.put(kind, new KindMeters(
                    counter(PACKETS, "RTP packets received (retransmissions and duplicates included)", "kind", k),
                    Counter.builder(BYTES).description("RTP bytes received, headers included").baseUnit("bytes")
                            .tag("kind", k).register(registry),
                    counter(LOST, "RTP packets lost (RFC 3550: expected minus received)", "kind", k),
                    counter(RETRANSMITTED, "RTP packets recovered from retransmissions (RTX)", "kind", k),
                    counter(NACKS, "RTCP generic NACK packets sent", "kind", k),
                    counter(PLIS, "RTCP picture loss indications sent", "kind", k),
                    counter(FIRS, "RTCP full intra requests sent", "kind", k)));
        }
        this.srtpFailures = transportError("srtp");
        this.malformedRtcp = transportError("malformed_rtcp");
        this.unroutableRtp = transportError("unroutable_rtp");
        this.unknownPayloadType = transportError("unknown_payload_type");
        this.written = Counter.builder(WRITTEN).description("Frame bytes written to recordings").baseUnit("bytes")
                .register(registry);
        this.recordingsComplete = counter(RECORDINGS, "Recordings finished", "outcome", "complete");
        this.recordingsFailed = counter(RECORDINGS, "Recordings finished", "outcome", "failed");
    }

    private Counter ended(String outcome) {
        return counter(ENDED, "Ingest sessions ended", "outcome", outcome);
    }

    private Counter transportError(String type) {
        return counter(TRANSPORT_ERRORS, "Received packets dropped by the transport", "type", type);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    /** Registers the gauge of live sessions, read from {@code count} when scraped. */
    void liveSessions(Supplier<Number> count) {
        Gauge.builder(LIVE, count).description("Live ingest sessions").register(registry);
    }

    void sessionStarted() {
        started.increment();
    }

    void sessionEnded(boolean failed) {
        (failed ? endedFailed : endedNormal).increment();
    }

    void recordingFinished(boolean failed) {
        (failed ? recordingsFailed : recordingsComplete).increment();
    }

    /** A new session's sampler. */
    Sampler sampler() {
        return new Sampler();
    }

    /** One received stream's counters at a sample. */
    record StreamSample(MediaKind kind, StreamStatistics statistics) {}

    /**
     * The counters of one session as last sampled; each sample adds what grew since to the
     * process-wide meters. Counts that go down (RFC 3550 loss after late duplicates) add nothing
     * until they pass their highest value again. Streams are keyed by SSRC.
     */
    final class Sampler {

        private final Map<Long, long[]> streams = new HashMap<>();
        private final long[] connection = new long[4];
        private long writtenBytes;

        /**
         * Adds what grew since the previous sample.
         *
         * @param received the session's received streams
         * @param stats its connection's counters, or null if they could not be read
         * @param recordingBytes frame bytes its recording has written so far
         */
        synchronized void sample(Iterable<StreamSample> received, ConnectionStats stats, long recordingBytes) {
            for (StreamSample s : received) {
                StreamStatistics st = s.statistics();
                long[] last = streams.computeIfAbsent(st.ssrc(), ssrc -> new long[7]);
                KindMeters m = kinds.get(s.kind());
                add(m.packets, last, 0, st.packetsReceived());
                add(m.bytes, last, 1, st.payloadBytesReceived() + st.headerBytesReceived());
                add(m.lost, last, 2, st.packetsLost());
                add(m.retransmitted, last, 3, st.retransmittedPacketsReceived());
                add(m.nacks, last, 4, st.nackCount());
                add(m.plis, last, 5, st.pliCount());
                add(m.firs, last, 6, st.firCount());
            }
            if (stats != null) {
                add(srtpFailures, connection, 0, stats.srtpFailures());
                add(malformedRtcp, connection, 1, stats.malformedRtcp());
                add(unroutableRtp, connection, 2, stats.unroutableRtp());
                add(unknownPayloadType, connection, 3, stats.unknownPayloadType());
            }
            if (recordingBytes > writtenBytes) {
                written.increment(recordingBytes - writtenBytes);
                writtenBytes = recordingBytes;
            }
        }

        private static void add(Counter counter, long[] last, int index, long value) {
            if (value > last[index]) {
                counter.increment(value - last[index]);
                last[index] = value;
            }
        }
    }
}
