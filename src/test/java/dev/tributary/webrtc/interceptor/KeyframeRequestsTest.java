package dev.tributary.webrtc.interceptor;

import static dev.tributary.webrtc.interceptor.Media.LOCAL_SSRC;
import static dev.tributary.webrtc.interceptor.Media.MS;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_SSRC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.rtcp.FullIntraRequest;
import dev.tributary.webrtc.rtcp.PictureLossIndication;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeRequestsTest {

    private final InterceptorChain chain = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me"));

    /** Runs every deadline up to {@code endMs}; returns the times (ms) keyframe requests went out. */
    private List<Long> run(long endMs, List<RtcpPacket> requests) {
        List<Long> times = new ArrayList<>();
        for (long deadline = chain.nextDeadline(); deadline <= endMs * MS; deadline = chain.nextDeadline()) {
            chain.handleTimeout(deadline);
            collect(deadline, times, requests);
        }
        return times;
    }

    private void collect(long now, List<Long> times, List<RtcpPacket> requests) {
        for (List<RtcpPacket> compound : Media.drain(chain)) {
            for (RtcpPacket packet : compound) {
                if (packet instanceof PictureLossIndication || packet instanceof FullIntraRequest) {
                    times.add(now / MS);
                    requests.add(packet);
                }
            }
        }
    }

    @Test
    void plisAreRateLimitedAndRequestsWithinTheLimitCollapseIntoOneAtItsEnd() {
        chain.bindRemoteStream(Media.video());
        List<RtcpPacket> requests = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        assertThat(chain.requestKeyframe(0, VIDEO_SSRC, false)).isTrue();
        collect(0, times, requests);
        for (long ms : new long[] {100, 200, 499}) {
            chain.requestKeyframe(ms * MS, VIDEO_SSRC, false);
            collect(ms * MS, times, requests);
        }
        assertThat(chain.nextDeadline()).isEqualTo(500 * MS);
        times.addAll(run(3000, requests));
        assertThat(times).containsExactly(0L, 500L);
        assertThat(requests).containsOnly(new PictureLossIndication(LOCAL_SSRC, VIDEO_SSRC));
        assertThat(chain.remoteStream(VIDEO_SSRC).orElseThrow().statistics().pliCount()).isEqualTo(2);
    }

    @Test
    void persistentRequestsRepeatUntilAKeyframeArrives() {
        chain.bindRemoteStream(Media.video());
        List<RtcpPacket> requests = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        chain.requestKeyframe(0, VIDEO_SSRC, true);
        collect(0, times, requests);
        times.addAll(run(3500, requests));
        assertThat(times).containsExactly(0L, 1000L, 2000L, 3000L);
        chain.keyframeReceived(VIDEO_SSRC);
        times.addAll(run(10_000, requests));
        assertThat(times).hasSize(4);
    }

    @Test
    void firWhereOnlyCcmFirIsNegotiatedWithAGrowingSequenceNumber() {
        chain.bindRemoteStream(Media.video(EnumSet.of(StreamInfo.Feedback.CCM_FIR, StreamInfo.Feedback.NACK)));
        List<RtcpPacket> requests = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        chain.requestKeyframe(0, VIDEO_SSRC, true);
        collect(0, times, requests);
        run(2500, requests);
        assertThat(requests).containsExactly(FullIntraRequest.of(LOCAL_SSRC, VIDEO_SSRC, 0),
                FullIntraRequest.of(LOCAL_SSRC, VIDEO_SSRC, 1), FullIntraRequest.of(LOCAL_SSRC, VIDEO_SSRC, 2));
    }

    @Test
    void noRequestWithoutPliOrFirOrForAudioOrUnknownStreams() {
        chain.bindRemoteStream(Media.video(EnumSet.of(StreamInfo.Feedback.NACK)));
        chain.bindRemoteStream(Media.audio());
        assertThat(chain.requestKeyframe(0, VIDEO_SSRC, true)).isFalse();
        assertThat(chain.requestKeyframe(0, Media.AUDIO_SSRC, true)).isFalse();
        assertThat(chain.requestKeyframe(0, 42, true)).isFalse();
        assertThat(chain.requestKeyframe(0, Media.VIDEO_RTX_SSRC, true)).isFalse();
        assertThat(chain.pollRtcp()).isEmpty();
    }
}
