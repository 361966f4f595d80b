package dev.tributary.webrtc.interceptor;

import static dev.tributary.webrtc.interceptor.Media.LOCAL_SSRC;
import static dev.tributary.webrtc.interceptor.Media.MS;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_RTX_SSRC;
import static dev.tributary.webrtc.interceptor.Media.VIDEO_SSRC;
import static dev.tributary.webrtc.interceptor.Media.VP8;
import static dev.tributary.webrtc.interceptor.Media.VP8_RTX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.rtcp.GenericNack;
import dev.tributary.webrtc.rtcp.PictureLossIndication;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.Rtx;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NackAndRtxTest {

    private static final long T0 = -5_000_000_000L;
    private static final InterceptorConfig.Nack NACK = new InterceptorConfig.Nack(true, Duration.ofMillis(10),
            Duration.ofMillis(100), Duration.ofMillis(10), 3, Duration.ofSeconds(1), 500);

    private final InterceptorChain chain = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me")
            .withNack(NACK).withTransportCc(new InterceptorConfig.TransportCc(false, Duration.ofMillis(100), 100)));
    private final RemoteStream stream = chain.bindRemoteStream(Media.video());

    private RtpPacket media(int seq) {
        return Media.packet(VIDEO_SSRC, VP8, seq, 3000L * seq).build();
    }

    private RtpPacketView receive(long ms, RtpPacket packet) {
        return chain.onRtpReceived(T0 + ms * MS, packet, stream);
    }

    private List<Integer> nacksAt(long ms) {
        assertThat(chain.nextDeadline()).isLessThanOrEqualTo(T0 + ms * MS);
        chain.handleTimeout(T0 + ms * MS);
        return Media.drainAll(chain, GenericNack.class).stream()
                .peek(nack -> assertThat(nack.mediaSsrc()).isEqualTo(VIDEO_SSRC))
                .flatMap(nack -> nack.lostSequenceNumbers().stream()).toList();
    }

    @Test
    void asksAfterTheReorderDelayThenEveryRoundTripAndAQuarterAndGivesUpAfterTheRetries() {
        for (int seq = 0; seq < 5; seq++) {
            receive(seq, media(seq));
        }
        receive(7, media(7)); // 5 and 6 missing from t = 7 ms
        assertThat(chain.nextDeadline()).isEqualTo(T0 + 17 * MS);
        chain.handleTimeout(T0 + 16 * MS);
        assertThat(Media.drain(chain)).isEmpty();
        assertThat(nacksAt(17)).containsExactly(5, 6);
        receive(20, media(6)); // arrives late, without RTX: no longer asked for
        // Retries every 1.25 × 100 ms; three NACKs in all, then given up one interval later.
        assertThat(chain.nextDeadline()).isEqualTo(T0 + 142 * MS);
        assertThat(nacksAt(142)).containsExactly(5);
        assertThat(nacksAt(267)).containsExactly(5);
        assertThat(chain.nextDeadline()).isEqualTo(T0 + 392 * MS);
        chain.handleTimeout(T0 + 392 * MS);
        // Packet 5 is lost for good: no more NACKs, and the decoder needs a keyframe.
        assertThat(Media.drain(chain)).singleElement().satisfies(compound -> assertThat(compound)
                .filteredOn(p -> p instanceof GenericNack || p instanceof PictureLossIndication)
                .containsExactly(new PictureLossIndication(LOCAL_SSRC, VIDEO_SSRC)));
        StreamStatistics stats = stream.statistics();
        assertThat(stats.nackCount()).isEqualTo(3);
        assertThat(stats.nackedPackets()).isEqualTo(4);
        assertThat(stats.unrecoveredPackets()).isEqualTo(1);
        assertThat(stats.pliCount()).isEqualTo(1);
    }

    @Test
    void givesUpPacketsOlderThanTheMaximumAge() {
        InterceptorChain patient = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me")
                .withNack(new InterceptorConfig.Nack(true, Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofMillis(10), 100, Duration.ofMillis(300), 500)));
        RemoteStream s = patient.bindRemoteStream(Media.video());
        patient.onRtpReceived(T0, media(0), s);
        patient.onRtpReceived(T0, media(2), s);
        int nacks = 0;
        for (long deadline = patient.nextDeadline(); deadline < T0 + 2000 * MS; deadline = patient.nextDeadline()) {
            patient.handleTimeout(deadline);
            nacks += Media.drainAll(patient, GenericNack.class).size();
        }
        // At 10, 135 and 260 ms; at 300 ms the packet is too old.
        assertThat(nacks).isEqualTo(3);
        assertThat(s.statistics().unrecoveredPackets()).isEqualTo(1);
    }

    @Test
    void aReorderedPacketWithinTheDelayIsNeverAskedFor() {
        receive(0, media(0));
        receive(1, media(2));
        receive(5, media(1));
        chain.handleTimeout(T0 + 50 * MS);
        assertThat(Media.drainAll(chain, GenericNack.class)).isEmpty();
    }

    @Test
    void aGapBeyondTheLimitIsGivenUpWholeWithoutNacks() {
        receive(0, media(0));
        receive(1, media(1000));
        assertThat(stream.statistics().unrecoveredPackets()).isEqualTo(999);
        chain.handleTimeout(T0 + 50 * MS);
        assertThat(Media.drain(chain)).singleElement().satisfies(compound -> assertThat(compound)
                .filteredOn(p -> p instanceof GenericNack || p instanceof PictureLossIndication)
                .containsExactly(new PictureLossIndication(LOCAL_SSRC, VIDEO_SSRC)));
    }

    @Test
    void streamsThatDidNotNegotiateNackGetNone() {
        InterceptorChain c = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me"));
        RemoteStream s = c.bindRemoteStream(Media.video(EnumSet.of(StreamInfo.Feedback.NACK_PLI)));
        c.onRtpReceived(T0, media(0), s);
        c.onRtpReceived(T0, media(5), s);
        c.handleTimeout(T0 + 200 * MS);
        assertThat(Media.drainAll(c, GenericNack.class)).isEmpty();
    }

    @Test
    void rtxIsUnwrappedIntoTheOriginalBytesAndTimesTheRoundTrip() {
        receive(0, media(0));
        receive(1, media(1));
        receive(3, media(3));
        assertThat(nacksAt(13)).containsExactly(2);
        RtpPacket original = Media.packet(VIDEO_SSRC, VP8, 2, 6000).marker(true)
                .addExtension(Media.TWCC_ID, Media.transportSequence(77)).build();
        byte[] rtx = new byte[Rtx.rtxLength(original)];
        Rtx.writeRtx(original, VP8_RTX, VIDEO_RTX_SSRC, 500, rtx, 0);

        RtpPacketView restored = receive(53, RtpPacket.parse(rtx));

        assertThat(Arrays.copyOfRange(restored.buffer(), restored.offset(), restored.offset() + restored.length()))
                .isEqualTo(Arrays.copyOfRange(original.buffer(), original.offset(), original.offset() + original.length()));
        // NACKed once at 13 ms, answered at 53 ms: an unambiguous 40 ms sample.
        assertThat(chain.roundTripTime()).isEqualTo(40 * MS);
        StreamStatistics stats = stream.statistics();
        assertThat(stats.retransmittedPacketsReceived()).isEqualTo(1);
        assertThat(stats.retransmittedBytesReceived()).isEqualTo(100);
        assertThat(stats.packetsReceived()).isEqualTo(4);
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.rtxSsrc()).isEqualTo(VIDEO_RTX_SSRC);
        chain.handleTimeout(T0 + 500 * MS);
        assertThat(Media.drainAll(chain, GenericNack.class)).isEmpty();
    }

    @Test
    void rtxIsRecognisedByPayloadTypeWhenItsSsrcWasNotSignalled() {
        StreamInfo info = Media.video();
        InterceptorChain c = new InterceptorChain(InterceptorConfig.defaults(LOCAL_SSRC, "me"));
        RemoteStream s = c.bindRemoteStream(new StreamInfo(info.ssrc(), -1, info.payloadTypes(),
                info.rtxPayloadTypes(), info.clockRate(), true, info.feedback(), info.transportCcExtensionId()));
        RtpPacket original = media(9);
        byte[] rtx = new byte[Rtx.rtxLength(original)];
        Rtx.writeRtx(original, VP8_RTX, 0xCAFE, 1, rtx, 0);
        RtpPacketView restored = c.onRtpReceived(T0, RtpPacket.parse(rtx), s);
        assertThat(restored.copy()).isEqualTo(original);
        assertThat(s.statistics().rtxSsrc()).isEqualTo(0xCAFE);
    }

    @Test
    void paddingOnlyRtxProbesAreDroppedAndCounted() {
        RtpPacket probe = RtpPacket.builder().ssrc(VIDEO_RTX_SSRC).payloadType(VP8_RTX).sequenceNumber(9)
                .timestamp(0).padding(200).build();
        assertThat(receive(0, probe)).isNull();
        RtpPacket shortRtx = Media.packet(VIDEO_RTX_SSRC, VP8_RTX, 10, 0).payload(new byte[1]).build();
        assertThat(receive(1, shortRtx)).isNull();
        RtpPacket unknownPayloadType = Media.packet(VIDEO_SSRC, 100, 1, 0).build();
        assertThat(receive(2, unknownPayloadType)).isNull();
        StreamStatistics stats = stream.statistics();
        assertThat(stats.paddingProbesDropped()).isEqualTo(1);
        assertThat(stats.malformedPackets()).isEqualTo(2);
        assertThat(stats.packetsReceived()).isZero();
    }

    @Test
    void unboundStreamsDropTheirPackets() {
        chain.unbind(stream);
        assertThat(receive(0, media(0))).isNull();
        assertThat(chain.remoteStream(VIDEO_SSRC)).isEmpty();
        assertThat(chain.remoteStream(VIDEO_RTX_SSRC)).isEmpty();
        assertThat(chain.bindRemoteStream(Media.video()).bound()).isTrue();
    }

    @Test
    void audioWithoutRtxTakesRoundTripSamplesFromAnsweredNacks() {
        StreamInfo opus = new StreamInfo(Media.AUDIO_SSRC, -1, Set.of(Media.OPUS), Map.of(), 48_000,
                false, Set.of(StreamInfo.Feedback.NACK), -1);
        RemoteStream audio = chain.bindRemoteStream(opus);
        chain.onRtpReceived(T0, Media.packet(Media.AUDIO_SSRC, Media.OPUS, 0, 0).build(), audio);
        chain.onRtpReceived(T0, Media.packet(Media.AUDIO_SSRC, Media.OPUS, 2, 960).build(), audio);
        chain.handleTimeout(T0 + 10 * MS);
        assertThat(Media.drainAll(chain, GenericNack.class)).hasSize(1);
        chain.onRtpReceived(T0 + 70 * MS, Media.packet(Media.AUDIO_SSRC, Media.OPUS, 1, 480).build(), audio);
        assertThat(chain.roundTripTime()).isEqualTo(60 * MS);
        assertThat(chain.requestKeyframe(T0, Media.AUDIO_SSRC, false)).isFalse();
    }
}
