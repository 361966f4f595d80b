package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.SenderReport;
import java.time.Instant;

/**
 * The sender information of an RTCP sender report (RFC 3550 §6.4.1) and when it arrived: the
 * pairing of the sender's wall clock and RTP clock that places its RTP timestamps on a common
 * timeline with the session's other streams.
 *
 * @param ssrc the sender's SSRC
 * @param ntpTimestamp the sender's wall clock at the report, 64-bit NTP format ({@link NtpTime})
 * @param rtpTimestamp the same instant in the stream's RTP timestamp units
 * @param packetCount RTP packets sent so far, modulo 2<sup>32</sup>
 * @param octetCount payload octets sent so far, modulo 2<sup>32</sup>
 * @param arrivalNanos when the report arrived, on the clock the chain is driven with
 */
public record ReceivedSenderReport(
        long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount, long arrivalNanos) {

    static ReceivedSenderReport of(SenderReport report, long arrivalNanos) {
        return new ReceivedSenderReport(report.ssrc(), report.ntpTimestamp(), report.rtpTimestamp(),
                report.packetCount(), report.octetCount(), arrivalNanos);
    }

    /** @return the sender's wall-clock time of the report */
    public Instant ntpTime() {
        return NtpTime.toInstant(ntpTimestamp);
    }
}
