package dev.tributary.webrtc.interceptor;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one peer connection's {@link InterceptorChain}: who we are in RTCP, which
 * interceptors run, and their timing. {@link #defaults(long, String)} gives the set a WebRTC
 * receiver wants; the {@code with…} methods change one part.
 *
 * @param localSsrc the SSRC this side's RTCP packets carry as sender, 0 to 2<sup>32</sup>-1
 * @param cname this side's canonical name for SDES (RFC 3550 §6.5.1)
 * @param reducedSizeRtcp {@code a=rtcp-rsize} was negotiated (RFC 5506): feedback goes out alone
 *     and reports without SDES; otherwise every compound starts with an RR and carries the CNAME
 * @param maxRtcpPacketSize the largest compound {@link InterceptorChain#pollRtcp()} returns, in
 *     bytes before SRTCP protection
 * @param randomSeed seeds the RFC 3550 §6.3.5 randomisation of the report interval, so runs with
 *     the same inputs send at the same times
 * @param receiverReports receiver reports (RFC 3550 §6.4.2)
 * @param nack the generic NACK generator (RFC 4585 §6.2.1)
 * @param keyframes PLI/FIR keyframe requests (RFC 4585 §6.3.1, RFC 5104 §4.3.1)
 * @param transportCc transport-wide congestion control feedback
 */
public record InterceptorConfig(
        long localSsrc,
        String cname,
        boolean reducedSizeRtcp,
        int maxRtcpPacketSize,
        long randomSeed,
        ReceiverReports receiverReports,
        Nack nack,
        Keyframes keyframes,
        TransportCc transportCc) {

    /** Fits a compound in one datagram under a 1280-byte path MTU with SRTCP and IP overhead. */
    public static final int DEFAULT_MAX_RTCP_PACKET_SIZE = 1200;

    /**
     * @throws IllegalArgumentException if the SSRC is out of range, the CNAME empty or the size
     *     too small for a report with SDES
     * @throws NullPointerException if a part is null
     */
    public InterceptorConfig {
        if (localSsrc < 0 || localSsrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("localSsrc out of 0..2^32-1: " + localSsrc);
        }
        if (Objects.requireNonNull(cname, "cname").isEmpty()) {
            throw new IllegalArgumentException("cname must not be empty");
        }
        if (maxRtcpPacketSize < 256) {
            throw new IllegalArgumentException("maxRtcpPacketSize below 256 bytes: " + maxRtcpPacketSize);
        }
        Objects.requireNonNull(receiverReports, "receiverReports");
        Objects.requireNonNull(nack, "nack");
        Objects.requireNonNull(keyframes, "keyframes");
        Objects.requireNonNull(transportCc, "transportCc");
    }

    /**
     * Every interceptor on with its default timing, full compound RTCP, and the random seed taken
     * from the SSRC.
     */
    public static InterceptorConfig defaults(long localSsrc, String cname) {
        return new InterceptorConfig(localSsrc, cname, false, DEFAULT_MAX_RTCP_PACKET_SIZE, localSsrc,
                ReceiverReports.DEFAULT, Nack.DEFAULT, Keyframes.DEFAULT, TransportCc.DEFAULT);
    }

    /** @return this configuration with {@code a=rtcp-rsize} negotiated or not */
    public InterceptorConfig withReducedSizeRtcp(boolean reducedSize) {
        return new InterceptorConfig(localSsrc, cname, reducedSize, maxRtcpPacketSize, randomSeed,
                receiverReports, nack, keyframes, transportCc);
    }

    /** @return this configuration with other receiver report settings */
    public InterceptorConfig withReceiverReports(ReceiverReports settings) {
        return new InterceptorConfig(localSsrc, cname, reducedSizeRtcp, maxRtcpPacketSize, randomSeed,
                settings, nack, keyframes, transportCc);
    }

    /** @return this configuration with other NACK settings */
    public InterceptorConfig withNack(Nack settings) {
        return new InterceptorConfig(localSsrc, cname, reducedSizeRtcp, maxRtcpPacketSize, randomSeed,
                receiverReports, settings, keyframes, transportCc);
    }

    /** @return this configuration with other keyframe request settings */
    public InterceptorConfig withKeyframes(Keyframes settings) {
        return new InterceptorConfig(localSsrc, cname, reducedSizeRtcp, maxRtcpPacketSize, randomSeed,
                receiverReports, nack, settings, transportCc);
    }

    /** @return this configuration with other transport-wide CC settings */
    public InterceptorConfig withTransportCc(TransportCc settings) {
        return new InterceptorConfig(localSsrc, cname, reducedSizeRtcp, maxRtcpPacketSize, randomSeed,
                receiverReports, nack, keyframes, settings);
    }

    private static void checkPositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /**
     * Receiver reports.
     *
     * @param enabled whether to send them
     * @param interval the mean interval between reports
     * @param randomized whether each interval is drawn uniformly from 0.5 to 1.5 times {@code
     *     interval}, as RFC 3550 §6.3.5 asks so that participants do not synchronise; without it
     *     reports go out exactly every {@code interval} (what Pion does)
     */
    public record ReceiverReports(boolean enabled, Duration interval, boolean randomized) {

        /** On, one second (libwebrtc's and Pion's video interval), randomised. */
        public static final ReceiverReports DEFAULT = new ReceiverReports(true, Duration.ofSeconds(1), true);

        /** @throws IllegalArgumentException if the interval is not positive */
        public ReceiverReports {
            checkPositive(interval, "interval");
        }
    }

    /**
     * The generic NACK generator, for streams that negotiated {@code nack}.
     *
     * @param enabled whether to send NACKs
     * @param reorderDelay how long a gap may stay open before the first NACK, so that merely
     *     reordered packets are not requested
     * @param initialRoundTripTime the round-trip time assumed until one is measured
     * @param minRetryInterval the floor of the retry interval (1.25 round-trip times)
     * @param maxRetries how many NACKs one sequence number gets at most
     * @param maxAge how long after it went missing a packet is given up, whatever the retries
     * @param maxGap the largest gap still asked for packet by packet; a larger jump gives up the
     *     gap at once (and asks for a keyframe where possible), as libwebrtc does
     */
    public record Nack(boolean enabled, Duration reorderDelay, Duration initialRoundTripTime,
            Duration minRetryInterval, int maxRetries, Duration maxAge, int maxGap) {

        /**
         * On; 10 ms reorder delay; 100 ms initial RTT; 10 ms retry floor; 10 retries; 1 s age (a
         * jitter buffer waits less than that); gaps up to 500 packets (2 s of 2.5 Mbit/s video).
         */
        public static final Nack DEFAULT = new Nack(true, Duration.ofMillis(10), Duration.ofMillis(100),
                Duration.ofMillis(10), 10, Duration.ofSeconds(1), 500);

        /** @throws IllegalArgumentException if a duration is not positive or a count out of range */
        public Nack {
            checkPositive(reorderDelay, "reorderDelay");
            checkPositive(initialRoundTripTime, "initialRoundTripTime");
            checkPositive(minRetryInterval, "minRetryInterval");
            checkPositive(maxAge, "maxAge");
            if (maxRetries < 1 || maxRetries > 100) {
                throw new IllegalArgumentException("maxRetries out of 1..100: " + maxRetries);
            }
            if (maxGap < 1 || maxGap >= NackGenerator.WINDOW) {
                throw new IllegalArgumentException("maxGap out of 1.." + (NackGenerator.WINDOW - 1) + ": " + maxGap);
            }
        }
    }

    /**
     * Keyframe requests.
     *
     * @param enabled whether {@link InterceptorChain#requestKeyframe} sends anything
     * @param minInterval the shortest time between two requests for the same SSRC; a request
     *     within it is deferred to its end, not dropped
     * @param retryInterval how often a persistent request repeats while no keyframe arrives
     */
    public record Keyframes(boolean enabled, Duration minInterval, Duration retryInterval) {

        /**
         * On; at most one request per 500 ms per SSRC; retries every second. A keyframe of 2.5
         * Mbit/s video is 50 to 150 kB, 160 to 480 ms on the wire at that rate, plus a round trip
         * and the encoder's reaction: a request sooner than that cannot have been answered yet and
         * would only make the sender produce another costly keyframe into a congested path.
         */
        public static final Keyframes DEFAULT =
                new Keyframes(true, Duration.ofMillis(500), Duration.ofSeconds(1));

        /** @throws IllegalArgumentException if a duration is not positive or the retry interval
         *     is shorter than the minimum interval */
        public Keyframes {
            checkPositive(minInterval, "minInterval");
            checkPositive(retryInterval, "retryInterval");
            if (retryInterval.compareTo(minInterval) < 0) {
                throw new IllegalArgumentException("retryInterval below minInterval: " + retryInterval);
            }
        }
    }

    /**
     * Transport-wide congestion control feedback.
     *
     * @param enabled whether to send it (for streams that negotiated {@code transport-cc})
     * @param interval the feedback interval
     * @param maxPacketsPerFeedback how many received packets one feedback packet reports at most;
     *     once that many are waiting, feedback goes out before the interval ends
     */
    public record TransportCc(boolean enabled, Duration interval, int maxPacketsPerFeedback) {

        /** On, every 100 ms (libwebrtc's default), at most 100 packets per feedback. */
        public static final TransportCc DEFAULT = new TransportCc(true, Duration.ofMillis(100), 100);

        /** @throws IllegalArgumentException if the interval is not positive or the count out of range */
        public TransportCc {
            checkPositive(interval, "interval");
            if (maxPacketsPerFeedback < 1 || maxPacketsPerFeedback > 1000) {
                throw new IllegalArgumentException("maxPacketsPerFeedback out of 1..1000: " + maxPacketsPerFeedback);
            }
        }
    }
}
