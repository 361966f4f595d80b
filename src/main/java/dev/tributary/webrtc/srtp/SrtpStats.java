package dev.tributary.webrtc.srtp;

/**
 * Counters of one {@link SrtpSession} since it was created, for getStats and logs.
 *
 * @param rtpPackets RTP packets protected or unprotected successfully
 * @param rtcpPackets RTCP packets protected or unprotected successfully
 * @param malformed packets refused as {@link SrtpFailure#MALFORMED}
 * @param authenticationFailures packets refused as {@link SrtpFailure#AUTHENTICATION_FAILED}
 * @param replayed packets refused as {@link SrtpFailure#REPLAYED}
 * @param streamLimit packets refused as {@link SrtpFailure#STREAM_LIMIT}
 * @param indexExhausted packets refused as {@link SrtpFailure#INDEX_EXHAUSTED}
 */
public record SrtpStats(
        long rtpPackets,
        long rtcpPackets,
        long malformed,
        long authenticationFailures,
        long replayed,
        long streamLimit,
        long indexExhausted) {}
