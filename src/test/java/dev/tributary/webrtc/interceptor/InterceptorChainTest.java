package dev.tributary.webrtc.interceptor;

import static dev.tributary.webrtc.interceptor.Media.AUDIO_SSRC;
import static dev.tributary.webrtc.interceptor.Media.LOCAL_SSRC;
import static dev.tributary.webrtc.interceptor.Media.MS;
import static dev.tributary.webrtc.interceptor.Media.OPUS;
import static dev.tributary.webrtc.interceptor.Media.TWCC_ID;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_RTX_SSRC;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_SSRC;
import static dev.tributary.webrtc.interceptor.Media.VP8;
import static dev.tributary.webrtc.interceptor.Media.VP8_RTX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.rtcp.GenericNack;
import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.ReceiverReport;
import dev.tributary.webrtc.rtcp.ReportBlock;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtcp.SourceDescription;
import dev.tributary.webrtc.rtcp.TransportFeedback;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketBuilder;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.Rtx;
import dev.tributary.webrtc.sim.VirtualClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole chain driven as a peer connection would drive it, against a scripted sender that
 * loses some video packets on the way and answers NACKs with RTX 30 ms later.
 */
class InterceptorChainTest {

    private static final long ONE_WAY = 15 * MS;

    private record Arrival(long time, long order, byte[] bytes, RemoteStream stream) {}

    private final VirtualClock clock = new VirtualClock(1_000 * MS);
    private final InterceptorChain chain = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "rec"));
    private final RemoteStream video = chain.bindRemoteStream(Media.video());
    private final RemoteStream audio = chain.bindRemoteStream(Media.audio());
    private final PriorityQueue<Arrival> network = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private final Map<Integer, RtpPacket> sentVideo = new HashMap<>();
    private final List<List<RtcpPacket>> compounds = new ArrayList<>();
    private final Set<Integer> deliveredVideo = new HashSet<>();
    private final List<ReceivedSenderReport> senderReports = new ArrayList<>();
    private long order;
    private int transportSeq = 65_000;
    private int rtxSeq = 1000;

    private void send(long at, RtpPacket packet, RemoteStream stream) {
        network.add(new Arrival(at + ONE_WAY, order++, packet.copy().buffer(), stream));
    }

    private RtpPacket withTransportSequence(RtpPacketBuilder builder) {
        return builder.addExtension(TWCC_ID, Media.transportSequence(transportSeq++)).build();
    }

    /** The scripted sender: 30 fps video of 8 packets a frame, 50 packets/s audio, for 3 s. */
    private void scheduleMedia() {
        int videoSeq = 40_000;
        for (int frame = 0; frame < 90; frame++) {
            long at = clock.now() + frame * 33 * MS;
            for (int p = 0; p < 8; p++, videoSeq++) {
                RtpPacket packet = withTransportSequence(Media.packet(VIDEO_SSRC, VP8, videoSeq, 3000L * frame)
                        .marker(p == 7));
                sentVideo.put(videoSeq, packet);
                if (videoSeq % 37 != 5) {
                    send(at + p * MS, packet, video);
                }
            }
        }
        for (int i = 0; i < 150; i++) {
            send(clock.now() + i * 20 * MS,
                    withTransportSequence(Media.packet(AUDIO_SSRC, OPUS, 7000 + i, 960L * i)), audio);
        }
    }

    /** Answers a NACK with RTX packets that arrive 30 ms after the NACK was sent. */
    private void answer(GenericNack nack) {
        for (int seq : nack.lostSequenceNumbers()) {
            RtpPacket original = sentVideo.get(seq);
            byte[] rtx = new byte[Rtx.rtxLength(original)];
            Rtx.writeRtx(original, VP8_RTX, VIDEO_RTX_SSRC, rtxSeq++, rtx, 0);
            send(clock.now() + ONE_WAY, RtpPacket.parse(rtx), video);
        }
    }

    private void drain() {
        for (List<RtcpPacket> compound : Media.drain(chain)) {
            compounds.add(compound);
            for (RtcpPacket packet : compound) {
                if (packet instanceof GenericNack nack) {
                    answer(nack);
                }
            }
        }
    }

    @Test
    void recoversLossesReportsAndGivesFeedbackLikeAPeerConnectionWouldSee() {
        chain.onSenderReport(senderReports::add);
        scheduleMedia();
        long srNtp = NtpTime.fromEpochNanos(1_750_000_000_000_000_000L);
        ReusableRtpPacket view = new ReusableRtpPacket();
        long end = clock.now() + 4000 * MS;
        long srArrival = -1;
        while (clock.now() < end) {
            long next = Math.min(end, Math.min(chain.nextDeadline(),
                    network.isEmpty() ? Long.MAX_VALUE : network.peek().time()));
            clock.advanceTo(next);
            if (srArrival < 0 && clock.now() >= 2_000 * MS) {
                srArrival = clock.now();
                chain.onRtcpReceived(clock.now(), List.of(new SenderReport(VIDEO_SSRC, srNtp, 90_000, 240, 24_000),
                        SourceDescription.ofCname(VIDEO_SSRC, "obs")));
            }
            if (chain.nextDeadline() <= clock.now()) {
                chain.handleTimeout(clock.now());
            }
            while (!network.isEmpty() && network.peek().time() <= clock.now()) {
                Arrival arrival = network.poll();
                view.wrap(arrival.bytes(), 0, arrival.bytes().length);
                RtpPacketView out = chain.onRtpReceived(clock.now(), view, arrival.stream());
                if (out != null && out.ssrc() == VIDEO_SSRC) {
                    deliveredVideo.add(out.sequenceNumber());
                    assertThat(out.copy()).isEqualTo(sentVideo.get(out.sequenceNumber()));
                }
            }
            drain();
        }

        // Every lost packet was asked for once and arrived as RTX: nothing is missing.
        assertThat(deliveredVideo).isEqualTo(sentVideo.keySet());
        StreamStatistics stats = video.statistics();
        int lost = (int) sentVideo.keySet().stream().filter(seq -> seq % 37 == 5).count();
        assertThat(lost).isEqualTo(20);
        assertThat(stats.retransmittedPacketsReceived()).isEqualTo(lost);
        assertThat(stats.nackedPackets()).isEqualTo(lost);
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.unrecoveredPackets()).isZero();
        assertThat(stats.packetsReceived()).isEqualTo(720);
        assertThat(stats.pliCount()).isZero();
        // NACK sent after the 10 ms reorder delay, RTX back one round trip (30 ms) later.
        assertThat(chain.roundTripTime()).isEqualTo(30 * MS);

        assertThat(senderReports).containsExactly(
                new ReceivedSenderReport(VIDEO_SSRC, srNtp, 90_000, 240, 24_000, srArrival));
        assertThat(chain.latestSenderReport(VIDEO_SSRC)).contains(senderReports.getFirst());
        assertThat(stats.lastSenderReport()).contains(senderReports.getFirst());

        // Full compound RTCP: RR first, SDES CNAME second, feedback after.
        assertThat(compounds).allSatisfy(compound -> {
            assertThat(compound.get(0)).isInstanceOf(ReceiverReport.class);
            assertThat(compound.get(1)).isEqualTo(SourceDescription.ofCname(LOCAL_SSRC, "rec"));
        });
        List<ReportBlock> blocks = compounds.stream().flatMap(List::stream)
                .filter(ReceiverReport.class::isInstance).map(ReceiverReport.class::cast)
                .flatMap(rr -> rr.reportBlocks().stream()).toList();
        assertThat(blocks).extracting(ReportBlock::ssrc).contains(VIDEO_SSRC, VIDEO_RTX_SSRC, AUDIO_SSRC);
        ReportBlock lastVideo = blocks.stream().filter(b -> b.ssrc() == VIDEO_SSRC).reduce((a, b) -> b).orElseThrow();
        assertThat(lastVideo.lastSenderReport()).isEqualTo(NtpTime.middle32(srNtp));
        List<TransportFeedback> feedback = compounds.stream().flatMap(List::stream)
                .filter(TransportFeedback.class::isInstance).map(TransportFeedback.class::cast).toList();
        // Every packet that crossed the network, RTX included, was reported.
        assertThat(feedback.stream().mapToInt(fb -> fb.receivedPackets().size()).sum())
                .isGreaterThanOrEqualTo(720 - lost + 150);
    }

    @Test
    void onRtpReceivedAllocatesNothingInSteadyState() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        byte[][] packets = new byte[64][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = withTransportSequence(Media.packet(VIDEO_SSRC, VP8, i, 3000L * (i / 8))).copy().buffer();
        }
        ReusableRtpPacket view = new ReusableRtpPacket();
        long now = 0;
        int seq = 0;
        long allocated = 0;
        for (int round = 0; round < 200; round++) {
            long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < packets.length; i++, seq++) {
                byte[] bytes = packets[i];
                bytes[2] = (byte) (seq >>> 8);
                bytes[3] = (byte) seq;
                // The transport-wide sequence number sits right after the one-byte extension header.
                bytes[17] = (byte) (seq >>> 8);
                bytes[18] = (byte) seq;
                now += 4 * MS;
                chain.onRtpReceived(now, view.wrap(bytes, 0, bytes.length), video);
            }
            allocated = threads.getThreadAllocatedBytes(threadId) - before;
            chain.handleTimeout(now);
            chain.pollRtcp();
        }
        assertThat(video.statistics().packetsReceived()).isEqualTo(200 * 64);
        assertThat(allocated).isZero();
    }

    @Test
    void countsWhatThisSideSends() {
        assertThat(chain.sentStatistics(LOCAL_SSRC)).isEmpty();
        for (int i = 0; i < 3; i++) {
            chain.onRtpSent(i * MS, Media.packet(LOCAL_SSRC, VP8, i, 100L * i).build());
        }
        chain.onRtpSent(5 * MS, Media.packet(0x2222, VP8, 0, 7).build());
        assertThat(chain.sentStatistics(LOCAL_SSRC)).contains(new SentStatistics(LOCAL_SSRC, 3, 300, 200, 2 * MS));
        assertThat(chain.sentStatistics(0x2222)).contains(new SentStatistics(0x2222, 1, 100, 7, 5 * MS));
    }
}
