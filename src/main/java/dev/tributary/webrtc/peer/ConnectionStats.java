package dev.tributary.webrtc.peer;

/**
 * What a connection's receive path dropped, and why; every count is since the connection was
 * created.
 *
 * @param srtpFailures SRTP/SRTCP packets that failed authentication or replay checks, or were
 *     malformed
 * @param malformedRtcp decrypted RTCP compounds that did not parse
 * @param datagramsBeforeKeys DTLS, RTP or RTCP datagrams that arrived before they could be handled
 * @param unknownDatagrams datagrams of no protocol this connection speaks (RFC 7983)
 * @param unroutableRtp RTP packets no media section claimed
 * @param unknownPayloadType RTP packets with a payload type not negotiated in their section
 * @param repairPackets RTX packets dropped: padding probes, or repairing a stream not known yet
 * @param recoveredPackets packets recovered from RTX and delivered to their tracks
 * @param sendFailures datagrams the UDP transport failed to send
 */
public record ConnectionStats(long srtpFailures, long malformedRtcp, long datagramsBeforeKeys,
        long unknownDatagrams, long unroutableRtp, long unknownPayloadType, long repairPackets,
        long recoveredPackets,
        long sendFailures) {}
