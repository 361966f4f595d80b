package dev.tributary.webrtc.interceptor;

import java.util.Optional;

/**
 * A snapshot of one remote stream's counters, the inbound-rtp part of {@code getStats}. Media and
 * recovered (RTX-unwrapped) packets count together, as in W3C {@code RTCInboundRtpStreamStats}.
 *
 * @param ssrc the media SSRC
 * @param rtxSsrc the RTX SSRC seen or negotiated, -1 if none
 * @param packetsReceived media packets received, retransmissions and duplicates included
 * @param payloadBytesReceived payload octets of those packets, without headers and padding
 * @param headerBytesReceived header and padding octets of those packets
 * @param packetsLost expected minus received (RFC 3550 §6.4.1); negative with many duplicates
 * @param fractionLost the fraction lost (in 1/256) of the last receiver report
 * @param extendedHighestSequenceNumber the highest sequence number with its cycle count
 * @param jitter the interarrival jitter in RTP timestamp units (RFC 3550 A.8)
 * @param jitterSeconds the same in seconds
 * @param duplicatePackets packets whose sequence number had already arrived
 * @param retransmittedPacketsReceived packets recovered from RTX
 * @param retransmittedBytesReceived payload octets of those
 * @param paddingProbesDropped padding-only RTX packets (bandwidth probes) dropped
 * @param malformedPackets packets dropped as malformed or with a payload type of no stream
 * @param nackCount NACK packets sent
 * @param nackedPackets sequence numbers asked for, counting each retry
 * @param unrecoveredPackets missing packets given up by the NACK generator
 * @param pliCount PLIs sent
 * @param firCount FIRs sent
 * @param lastSenderReport the latest sender report of the stream
 */
public record StreamStatistics(
        long ssrc,
        long rtxSsrc,
        long packetsReceived,
        long payloadBytesReceived,
        long headerBytesReceived,
        long packetsLost,
        int fractionLost,
        long extendedHighestSequenceNumber,
        long jitter,
        double jitterSeconds,
        long duplicatePackets,
        long retransmittedPacketsReceived,
        long retransmittedBytesReceived,
        long paddingProbesDropped,
        long malformedPackets,
        long nackCount,
        long nackedPackets,
        long unrecoveredPackets,
        long pliCount,
        long firCount,
        Optional<ReceivedSenderReport> lastSenderReport) {}
