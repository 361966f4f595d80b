package dev.tributary.webrtc.interceptor;

import java.util.Arrays;
import java.util.Optional;

/**
 * One remote stream bound to an {@link InterceptorChain}: the handle the peer connection passes
 * with each of the stream's packets, so that the chain finds the stream's state without a lookup.
 * Obtained from {@link InterceptorChain#bindRemoteStream(StreamInfo)}; used on the chain's thread
 * only.
 */
public final class RemoteStream {

    final StreamInfo info;
    final long ssrc;
    final boolean[] mediaPayloadType = new boolean[128];
    /** RTX payload type → the media payload type it repairs, -1 for none. */
    final int[] apt = new int[128];
    final ReceptionStatistics media;
    /** Statistics of the RTX SSRC, created with its first packet (the SSRC may not be signalled). */
    ReceptionStatistics rtx;
    final NackGenerator nack;
    final KeyframeRequester keyframes;
    ReceivedSenderReport lastSenderReport;
    boolean bound = true;

    long retransmittedPackets;
    long retransmittedBytes;
    long paddingProbes;
    long malformed;
    long nackPackets;
    long unrecovered;

    RemoteStream(StreamInfo info, InterceptorConfig config) {
        this.info = info;
        this.ssrc = info.ssrc();
        info.payloadTypes().forEach(pt -> mediaPayloadType[pt] = true);
        Arrays.fill(apt, -1);
        info.rtxPayloadTypes().forEach((rtxPt, mediaPt) -> apt[rtxPt] = mediaPt);
        this.media = new ReceptionStatistics(info.ssrc(), info.clockRate());
        this.nack = config.nack().enabled() && info.has(StreamInfo.Feedback.NACK)
                ? new NackGenerator(config.nack()) : null;
        boolean pli = info.has(StreamInfo.Feedback.NACK_PLI);
        this.keyframes = config.keyframes().enabled() && info.video() && (pli || info.has(StreamInfo.Feedback.CCM_FIR))
                ? new KeyframeRequester(pli, config.keyframes()) : null;
    }

    /** @return what the stream was bound with */
    public StreamInfo info() {
        return info;
    }

    /** @return the media SSRC */
    public long ssrc() {
        return ssrc;
    }

    /** @return whether the stream is still bound to its chain */
    public boolean bound() {
        return bound;
    }

    /** @return whether {@code ssrc} is this stream's media or RTX SSRC */
    boolean owns(long candidate) {
        return candidate == ssrc || candidate == info.rtxSsrc() || rtx != null && candidate == rtx.ssrc;
    }

    /** @return the latest sender report of the media SSRC */
    public Optional<ReceivedSenderReport> latestSenderReport() {
        return Optional.ofNullable(lastSenderReport);
    }

    /** @return a snapshot of the stream's counters */
    public StreamStatistics statistics() {
        return new StreamStatistics(ssrc, rtx != null ? rtx.ssrc : info.rtxSsrc(), media.received(),
                media.payloadBytes, media.headerBytes, media.cumulativeLost(), media.lastFractionLost,
                media.extendedHighest(), media.jitter(), media.jitterSeconds(), media.duplicates,
                retransmittedPackets, retransmittedBytes, paddingProbes, malformed, nackPackets,
                nack != null ? nack.nackedPackets : 0, unrecovered,
                keyframes != null ? keyframes.pliCount : 0, keyframes != null ? keyframes.firCount : 0,
                latestSenderReport());
    }
}
