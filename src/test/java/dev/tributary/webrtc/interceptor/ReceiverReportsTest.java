package dev.tributary.webrtc.interceptor;

import static dev.tributary.webrtc.interceptor.Media.LOCAL_SSRC;
import static dev.tributary.webrtc.interceptor.Media.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.ReceiverReport;
import dev.tributary.webrtc.rtcp.ReportBlock;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtcp.SourceDescription;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.sim.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceiverReportsTest {

    private static final long SSRC = 0x0505_0505L;
    /** 8 kHz: 20 ms is 160 timestamp units, 1 ms is 8. */
    private static final StreamInfo PCMU = new StreamInfo(SSRC, -1, Set.of(0), Map.of(), 8000, false, Set.of(), -1);
    private static final long T0 = 7_000_000_000L;
    private static final InterceptorConfig FIXED_INTERVAL = InterceptorConfig.defaults(LOCAL_SSRC, "me")
            .withReceiverReports(new InterceptorConfig.ReceiverReports(true, Duration.ofSeconds(1), false));

    private final InterceptorChain chain = new InterceptorChain(FIXED_INTERVAL);
    private final RemoteStream stream = chain.bindRemoteStream(PCMU);
    private final VirtualClock clock = new VirtualClock(T0);

    /** Delivers packet k of the stream (sequence 1000 + k, timestamp 160 k) at T0 + arrival ms. */
    private void deliver(int k, long arrivalMs) {
        deliver(k, k, arrivalMs);
    }

    /** Delivers sequence 1000 + k with timestamp 160 × tick at T0 + arrival ms. */
    private void deliver(int k, int tick, long arrivalMs) {
        clock.advanceTo(T0 + arrivalMs * MS);
        runTimers();
        RtpPacket packet = Media.packet(SSRC, 0, 1000 + k, 160L * tick).build();
        assertThat(chain.onRtpReceived(clock.now(), packet, stream)).isSameAs(packet);
    }

    private final List<List<RtcpPacket>> sent = new ArrayList<>();

    /** Fires every deadline up to the clock's time, as a driver would. */
    private void runTimers() {
        long now = clock.now();
        for (long deadline = chain.nextDeadline(); deadline <= now; deadline = chain.nextDeadline()) {
            chain.handleTimeout(deadline);
            sent.addAll(Media.drain(chain));
        }
    }

    private void until(long ms) {
        clock.advanceTo(T0 + ms * MS);
        runTimers();
    }

    @Test
    void reportsLossJitterAndSenderReportDelayAsComputedByHand() {
        // Arrival = 20 k + e_k ms, so the transit time is 8 e_k units. Lost: k = 3 and 6;
        // k = 5 overtakes k = 4; k = 8 arrives twice.
        deliver(0, 0);      // transit 0
        deliver(1, 22);     // transit 16, d 16: J = 0 + 16 - (8 >> 4) = 16
        deliver(2, 40);     // transit 0, d 16: J = 16 + 16 - (24 >> 4) = 31
        deliver(5, 95);     // transit -40, d 40: J = 31 + 40 - (39 >> 4) = 69
        deliver(4, 97);     // transit 136, d 176: J = 69 + 176 - (77 >> 4) = 241
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_123_456_789L);
        clock.advanceTo(T0 + 100 * MS);
        chain.onRtcpReceived(clock.now(), List.of(new SenderReport(SSRC, ntp, 123_456, 10, 1000)));
        deliver(7, 143);    // transit 24, d 112: J = 241 + 112 - (249 >> 4) = 338
        deliver(8, 163);    // transit 24, d 0: J = 338 - (346 >> 4) = 317
        deliver(8, 170);    // a duplicate: received, but no jitter sample
        deliver(9, 181);    // transit 8, d 16: J = 317 + 16 - (325 >> 4) = 313, reported 313 >> 4 = 19
        until(1000);

        // Expected 10 (1000..1009), received 9 (8 distinct + 1 duplicate): lost 1, 256 / 10 = 25.
        // DLSR: 900 ms since the SR = 58982.4 units of 1/65536 s.
        assertThat(sent).hasSize(1);
        List<RtcpPacket> first = sent.getFirst();
        assertThat(first).hasSize(2);
        assertThat(first.get(1)).isEqualTo(SourceDescription.ofCname(LOCAL_SSRC, "me"));
        ReceiverReport report = (ReceiverReport) first.getFirst();
        assertThat(report.ssrc()).isEqualTo(LOCAL_SSRC);
        assertThat(report.reportBlocks()).containsExactly(
                new ReportBlock(SSRC, 25, 1, 1009, 19, NtpTime.middle32(ntp), 58982));

        // Second interval, after a second of silence (timestamps jump by 50 packet times, sequence
        // numbers do not): k = 10..19 with a constant transit of 8 (d = 0 ten times: J = 313 →
        // 293 → 275 → 258 → 242 → 227 → 213 → 200 → 187 → 175 → 164, reported 10), plus two
        // duplicates: expected 10, received 12, so fraction 0 and cumulative 20 - 21 = -1.
        // DLSR: 1900 ms = 124518.4 units.
        for (int k = 10; k < 20; k++) {
            deliver(k, k + 50, 20L * (k + 50) + 1);
            if (k == 12 || k == 13) {
                deliver(k, k + 50, 20L * (k + 50) + 2);
            }
        }
        until(2000);
        assertThat(sent).hasSize(2);
        assertThat(((ReceiverReport) sent.get(1).getFirst()).reportBlocks()).containsExactly(
                new ReportBlock(SSRC, 0, -1, 1019, 10, NtpTime.middle32(ntp), 124518));

        // Nothing heard in the third interval: the report goes out without blocks.
        until(3000);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).getFirst()).isEqualTo(new ReceiverReport(LOCAL_SSRC, List.of()));

        StreamStatistics stats = stream.statistics();
        assertThat(stats.packetsReceived()).isEqualTo(21);
        assertThat(stats.duplicatePackets()).isEqualTo(3);
        assertThat(stats.packetsLost()).isEqualTo(-1);
        assertThat(stats.jitter()).isEqualTo(10);
        assertThat(stats.payloadBytesReceived()).isEqualTo(21 * 100);
        assertThat(stats.headerBytesReceived()).isEqualTo(21 * 12);
    }

    /**
     * FFmpeg's RTP muxer sends a stream's first sender report just before its first packet, and
     * the next one five seconds later: the report must not be lost while the stream is unbound.
     */
    @Test
    void aSenderReportBeforeTheStreamIsBoundIsKeptForIt() {
        long late = 0x0606_0606L;
        InterceptorChain fresh = new InterceptorChain(FIXED_INTERVAL);
        List<ReceivedSenderReport> heard = new ArrayList<>();
        fresh.onSenderReport(heard::add);
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_000_000_000L);
        fresh.onRtcpReceived(T0, List.of(new SenderReport(SSRC, ntp, 4_000, 1, 100)));
        fresh.onRtcpReceived(T0 + MS, List.of(new SenderReport(SSRC, ntp + 1, 4_008, 2, 200)));
        // More reported SSRCs than are kept: the oldest unbound one is forgotten, not SSRC.
        for (int i = 0; i < InterceptorChain.MAX_EARLY_REPORTS; i++) {
            fresh.onRtcpReceived(T0 + 2 * MS, List.of(new SenderReport(late + i, ntp, 0, 0, 0)));
        }
        fresh.onRtcpReceived(T0 + 3 * MS, List.of(new SenderReport(SSRC, ntp + 2, 4_016, 3, 300)));
        assertThat(heard).as("nobody to tell before the stream is bound").isEmpty();

        RemoteStream bound = fresh.bindRemoteStream(PCMU);
        assertThat(bound.latestSenderReport()).contains(
                new ReceivedSenderReport(SSRC, ntp + 2, 4_016, 3, 300, T0 + 3 * MS));
        assertThat(fresh.latestSenderReport(SSRC)).isEqualTo(bound.latestSenderReport());
        assertThat(fresh.bindRemoteStream(new StreamInfo(late, -1, Set.of(0), Map.of(), 8000, false, Set.of(), -1))
                .latestSenderReport()).as("dropped to keep %d", InterceptorChain.MAX_EARLY_REPORTS).isEmpty();
        assertThat(fresh.bindRemoteStream(new StreamInfo(late + 1, -1, Set.of(0), Map.of(), 8000, false, Set.of(), -1))
                .latestSenderReport()).isPresent();

        // The reception report refers to it, its delay counted from its own arrival: the report
        // goes out 1 s after the packet, 1007 ms after the sender report = 65994.75 units.
        fresh.onRtpReceived(T0 + 10 * MS, Media.packet(SSRC, 0, 1, 4_080).build(), bound);
        fresh.handleTimeout(fresh.nextDeadline());
        ReportBlock block = Media.drainAll(fresh, ReceiverReport.class).getFirst().reportBlocks().stream()
                .filter(b -> b.ssrc() == SSRC).findFirst().orElseThrow();
        assertThat(block.lastSenderReport()).isEqualTo(NtpTime.middle32(ntp + 2));
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(65995);
    }

    @Test
    void extendedSequenceNumberCountsCyclesAcrossTheWrap() {
        for (int i = 0; i < 10; i++) {
            clock.advanceTo(T0 + 20L * i * MS);
            chain.onRtpReceived(clock.now(), Media.packet(SSRC, 0, 65530 + i, 160L * i).build(), stream);
        }
        until(1000);
        ReportBlock block = ((ReceiverReport) sent.getFirst().getFirst()).reportBlocks().getFirst();
        assertThat(block.extendedHighestSequence()).isEqualTo(65536 + 3);
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void aSenderThatRestartsItsSequenceIsFollowedAfterTwoSequentialPackets() {
        for (int i = 0; i < 5; i++) {
            chain.onRtpReceived(T0 + i * MS, Media.packet(SSRC, 0, 100 + i, 160L * i).build(), stream);
        }
        // A jump of 30000: the first packet after it does not count (RFC 3550 A.1), the second
        // confirms the restart and statistics start over from it.
        chain.onRtpReceived(T0 + 5 * MS, Media.packet(SSRC, 0, 30_000, 800).build(), stream);
        assertThat(stream.statistics().packetsReceived()).isEqualTo(5);
        chain.onRtpReceived(T0 + 6 * MS, Media.packet(SSRC, 0, 30_001, 960).build(), stream);
        chain.onRtpReceived(T0 + 7 * MS, Media.packet(SSRC, 0, 30_002, 1120).build(), stream);
        StreamStatistics stats = stream.statistics();
        assertThat(stats.packetsReceived()).isEqualTo(2);
        assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(30_002);
        assertThat(stats.packetsLost()).isZero();
    }

    @Test
    void reducedSizeReportsCarryNoSdes() {
        InterceptorChain reduced = new InterceptorChain(FIXED_INTERVAL.withReducedSizeRtcp(true));
        RemoteStream s = reduced.bindRemoteStream(PCMU);
        reduced.onRtpReceived(T0, Media.packet(SSRC, 0, 1, 0).build(), s);
        assertThat(reduced.nextDeadline()).isEqualTo(T0 + 1000 * MS);
        reduced.handleTimeout(T0 + 1000 * MS);
        List<List<RtcpPacket>> compounds = Media.drain(reduced);
        assertThat(compounds).hasSize(1);
        assertThat(compounds.getFirst()).singleElement().isInstanceOf(ReceiverReport.class);
    }

    @Test
    void randomisedIntervalsStayWithinHalfAndOneAndAHalfAndRepeatWithTheSeed() {
        List<Long> first = reportTimes(InterceptorConfig.defaults(LOCAL_SSRC, "me"));
        assertThat(reportTimes(InterceptorConfig.defaults(LOCAL_SSRC, "me"))).isEqualTo(first);
        long previous = T0;
        for (long time : first) {
            assertThat(time - previous).isBetween(500 * MS, 1500 * MS);
            previous = time;
        }
        assertThat(first.stream().map(t -> t % (1000 * MS)).distinct()).hasSizeGreaterThan(10);
    }

    private static List<Long> reportTimes(InterceptorConfig config) {
        InterceptorChain c = new InterceptorChain(config);
        RemoteStream s = c.bindRemoteStream(PCMU);
        c.onRtpReceived(T0, Media.packet(SSRC, 0, 1, 0).build(), s);
        List<Long> times = new ArrayList<>();
        while (times.size() < 20) {
            long deadline = c.nextDeadline();
            c.handleTimeout(deadline);
            if (!Media.drainAll(c, ReceiverReport.class).isEmpty()) {
                times.add(deadline);
            }
        }
        return times;
    }
}
