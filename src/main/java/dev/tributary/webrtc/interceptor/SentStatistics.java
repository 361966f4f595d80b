package dev.tributary.webrtc.interceptor;

/**
 * Send counters of one of this side's SSRCs, the outbound-rtp part of {@code getStats} and what
 * a sender report needs.
 *
 * @param ssrc the SSRC
 * @param packetsSent RTP packets sent
 * @param payloadBytesSent payload octets of those, without headers and padding (RFC 3550 §6.4.1)
 * @param lastRtpTimestamp the RTP timestamp of the last packet sent
 * @param lastSentNanos when the last packet was sent, on the chain's clock
 */
public record SentStatistics(
        long ssrc, long packetsSent, long payloadBytesSent, long lastRtpTimestamp, long lastSentNanos) {}
