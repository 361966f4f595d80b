package dev.tributary.webrtc.interceptor;

import static dev.tributary.webrtc.interceptor.Media.LOCAL_SSRC;
import static dev.tributary.webrtc.interceptor.Media.MS;
import static dev.tributary.webrtc.interceptor.Media.TWCC_ID;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_SSRC;
import static dev.tributary.webrtc.interceptor.Media.VP8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.webrtc.rtcp.TransportFeedback;
import dev.tributary.webrtc.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransportCcTest {

    private static final long T0 = 3_000_000_000L;

    private final InterceptorChain chain = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me"));
    private final RemoteStream stream = chain.bindRemoteStream(Media.video());
    private final List<TransportFeedback> feedback = new ArrayList<>();

    private void receive(long now, int mediaSeq, int transportSeq) {
        RtpPacket packet = Media.packet(VIDEO_SSRC, VP8, mediaSeq, 0)
                .addExtension(TWCC_ID, Media.transportSequence(transportSeq)).build();
        chain.onRtpReceived(now, packet, stream);
    }

    private void runUntil(long now) {
        for (long deadline = chain.nextDeadline(); deadline <= now; deadline = chain.nextDeadline()) {
            chain.handleTimeout(deadline);
            feedback.addAll(Media.drainAll(chain, TransportFeedback.class));
        }
    }

    @Test
    void feedbackDecodesToTheRecordedArrivalTimesAcrossTheWrapWithLossAndReordering() {
        Random random = new Random(7);
        // Transport sequence → arrival in µs; scheduled arrivals sorted by time.
        Map<Integer, Long> arrivals = new HashMap<>();
        TreeMap<Long, Integer> schedule = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            int seq = (65_300 + i) & 0xFFFF;
            if (random.nextInt(20) == 0) {
                continue; // lost
            }
            long arrival = T0 + i * 5 * MS + random.nextLong(-2 * MS, 2 * MS) + random.nextInt(1000);
            if (i == 300) {
                arrival += 250 * MS; // very late: reported missing first, then received
            }
            while (schedule.containsKey(arrival)) {
                arrival++;
            }
            schedule.put(arrival, seq);
        }
        schedule.forEach((arrival, seq) -> {
            runUntil(arrival);
            receive(arrival, seq, seq);
            arrivals.put(seq, Math.floorDiv(arrival, 1000));
        });
        runUntil(T0 + 5000 * MS);

        Map<Integer, Long> reported = new HashMap<>();
        for (int i = 0; i < feedback.size(); i++) {
            TransportFeedback fb = feedback.get(i);
            assertThat(fb.feedbackPacketCount()).isEqualTo(i & 0xFF);
            assertThat(fb.senderSsrc()).isEqualTo(LOCAL_SSRC);
            assertThat(fb.mediaSsrc()).isEqualTo(VIDEO_SSRC);
            long[] times = fb.arrivalTimesMicros();
            for (int p = 0; p < times.length; p++) {
                int seq = fb.receivedPackets().get(p).sequence();
                assertThat(arrivals).containsKey(seq);
                // Each delta is rounded to 250 µs against the running sum: off by at most 125 µs.
                assertThat(times[p]).as("arrival of %d", seq).isCloseTo(arrivals.get(seq),
                        within(125L));
                reported.put(seq, times[p]);
            }
        }
        assertThat(reported.keySet()).isEqualTo(arrivals.keySet());
        // Roughly one feedback per 100 ms over 3 s (plus one for the late packet).
        assertThat(feedback.size()).isBetween(29, 33);
    }

    @Test
    void aBurstIsReportedBeforeTheIntervalEndsInPacketsOfAtMostTheLimit() {
        for (int i = 0; i < 250; i++) {
            long now = T0 + i * 10_000L; // 10 µs apart
            runUntil(now);
            receive(now, i, i);
        }
        runUntil(T0 + 3 * MS);
        assertThat(feedback).hasSize(2);
        assertThat(feedback).allSatisfy(fb -> assertThat(fb.receivedPackets()).hasSize(100));
        runUntil(T0 + 200 * MS);
        assertThat(feedback).hasSize(3);
        assertThat(feedback.get(2).receivedPackets()).hasSize(50);
        assertThat(feedback.get(2).baseSequence()).isEqualTo(200);
        // Nothing more arrives: the recorder goes quiet.
        runUntil(T0 + 2000 * MS);
        assertThat(feedback).hasSize(3);
    }

    @Test
    void streamsWithoutTransportCcAreNotRecorded() {
        InterceptorChain c = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me"));
        StreamInfo info = Media.video();
        RemoteStream s = c.bindRemoteStream(new StreamInfo(info.ssrc(), info.rtxSsrc(), info.payloadTypes(),
                info.rtxPayloadTypes(), info.clockRate(), true, Set.of(), TWCC_ID));
        c.onRtpReceived(T0, Media.packet(VIDEO_SSRC, VP8, 1, 0)
                .addExtension(TWCC_ID, Media.transportSequence(1)).build(), s);
        c.handleTimeout(T0 + 200 * MS);
        assertThat(Media.drainAll(c, TransportFeedback.class)).isEmpty();
    }
}
