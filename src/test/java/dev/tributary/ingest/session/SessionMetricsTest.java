package dev.tributary.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.interceptor.StreamStatistics;
import dev.tributary.webrtc.peer.ConnectionStats;
import dev.tributary.webrtc.peer.MediaKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SessionMetrics metrics = new SessionMetrics(registry);

    private static SessionMetrics.StreamSample stream(MediaKind kind, long ssrc, long packets, long bytes, long lost,
            long retransmitted, long nacks, long plis, long firs) {
        return new SessionMetrics.StreamSample(kind, new StreamStatistics(ssrc, -1, packets, bytes - 12 * packets,
                12 * packets, lost, 0, packets, 0, 0, 0, retransmitted, 0, 0, 0, nacks, nacks, 0, plis, firs,
                Optional.empty()));
    }

    private static ConnectionStats connection(long srtp, long malformedRtcp, long unroutable, long unknownPt) {
        return new ConnectionStats(srtp, malformedRtcp, 0, 0, unroutable, unknownPt, 0, 0, 0);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    void samplesOfSessionsAddUpToOneMeterPerKindWithoutSessionTags() {
        SessionMetrics.Sampler a = metrics.sampler();
        SessionMetrics.Sampler b = metrics.sampler();

        a.sample(List.of(stream(MediaKind.VIDEO, 1, 100, 120_000, 2, 1, 1, 1, 0),
                stream(MediaKind.AUDIO, 2, 50, 5_000, 0, 0, 0, 0, 0)), connection(1, 0, 3, 0), 90_000);
        b.sample(List.of(stream(MediaKind.VIDEO, 1, 10, 12_000, 0, 0, 0, 0, 1)), connection(0, 2, 0, 4), 10_000);
        // a's second sample adds only what grew since its first
        a.sample(List.of(stream(MediaKind.VIDEO, 1, 160, 190_000, 5, 3, 2, 2, 0),
                stream(MediaKind.AUDIO, 2, 100, 10_000, 0, 0, 0, 0, 0)), connection(1, 0, 3, 0), 150_000);

        assertThat(count(SessionMetrics.PACKETS, "kind", "video")).isEqualTo(170);
        assertThat(count(SessionMetrics.PACKETS, "kind", "audio")).isEqualTo(100);
        assertThat(count(SessionMetrics.BYTES, "kind", "video")).isEqualTo(202_000);
        assertThat(count(SessionMetrics.LOST, "kind", "video")).isEqualTo(5);
        assertThat(count(SessionMetrics.RETRANSMITTED, "kind", "video")).isEqualTo(3);
        assertThat(count(SessionMetrics.NACKS, "kind", "video")).isEqualTo(2);
        assertThat(count(SessionMetrics.PLIS, "kind", "video")).isEqualTo(2);
        assertThat(count(SessionMetrics.FIRS, "kind", "video")).isEqualTo(1);
        assertThat(count(SessionMetrics.TRANSPORT_ERRORS, "type", "srtp")).isEqualTo(1);
        assertThat(count(SessionMetrics.TRANSPORT_ERRORS, "type", "malformed_rtcp")).isEqualTo(2);
        assertThat(count(SessionMetrics.TRANSPORT_ERRORS, "type", "unroutable_rtp")).isEqualTo(3);
        assertThat(count(SessionMetrics.TRANSPORT_ERRORS, "type", "unknown_payload_type")).isEqualTo(4);
        assertThat(registry.get(SessionMetrics.WRITTEN).counter().count()).isEqualTo(160_000);
        assertThat(registry.get(SessionMetrics.PACKETS).counters()).hasSize(2);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .allSatisfy(tag -> assertThat(tag.getKey()).isIn("kind", "type", "outcome")));
    }

    @Test
    void aCountThatGoesDownAddsNothingUntilItPassesItsHighestValue() {
        SessionMetrics.Sampler s = metrics.sampler();

        s.sample(List.of(stream(MediaKind.VIDEO, 1, 100, 1200, 5, 0, 0, 0, 0)), null, 0);
        // late packets arrived: RFC 3550 loss went down
        s.sample(List.of(stream(MediaKind.VIDEO, 1, 110, 1320, 3, 0, 0, 0, 0)), null, 0);
        assertThat(count(SessionMetrics.LOST, "kind", "video")).isEqualTo(5);
        s.sample(List.of(stream(MediaKind.VIDEO, 1, 120, 1440, 7, 0, 0, 0, 0)), null, 0);
        assertThat(count(SessionMetrics.LOST, "kind", "video")).isEqualTo(7);
    }

    @Test
    void sessionsAndRecordingsAreCountedByOutcomeAndLiveOnesByTheGauge() {
        AtomicInteger live = new AtomicInteger(2);
        metrics.liveSessions(live::get);
        metrics.sessionStarted();
        metrics.sessionStarted();
        metrics.sessionEnded(false);
        metrics.sessionEnded(true);
        metrics.recordingFinished(false);
        metrics.recordingFinished(false);
        metrics.recordingFinished(true);

        assertThat(registry.get(SessionMetrics.LIVE).gauge().value()).isEqualTo(2);
        live.set(0);
        assertThat(registry.get(SessionMetrics.LIVE).gauge().value()).isZero();
        assertThat(registry.get(SessionMetrics.STARTED).counter().count()).isEqualTo(2);
        assertThat(count(SessionMetrics.ENDED, "outcome", "normal")).isEqualTo(1);
        assertThat(count(SessionMetrics.ENDED, "outcome", "failed")).isEqualTo(1);
        assertThat(count(SessionMetrics.RECORDINGS, "outcome", "complete")).isEqualTo(2);
        assertThat(count(SessionMetrics.RECORDINGS, "outcome", "failed")).isEqualTo(1);
    }
}
