package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.rtcp.GenericNack;
import dev.tributary.webrtc.rtcp.ReceiverReport;
import dev.tributary.webrtc.rtcp.ReportBlock;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtcp.SourceDescription;
import dev.tributary.webrtc.rtp.HeaderExtensions;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.Rtx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The interceptors every RTP and RTCP packet of one peer connection passes: receiver reports,
 * sender-report capture, NACK generation, RTX unwrapping, keyframe requests, transport-wide
 * congestion control feedback and per-stream statistics.
 *
 * <p>Sans-IO and single-threaded: the connection's one thread of control calls it with the
 * current time ({@code long} nanoseconds from its clock; any origin, only differences matter) and
 * it never reads a clock, starts a thread or locks. The driver:
 *
 * <ol>
 *   <li>binds each negotiated remote stream ({@link #bindRemoteStream}) and keeps the returned
 *       {@link RemoteStream} to route that stream's packets (media and RTX SSRC) with;
 *   <li>passes each decrypted RTP packet to {@link #onRtpReceived} and hands what it returns, if
 *       anything, on to the stream's jitter buffer; each parsed RTCP compound to {@link
 *       #onRtcpReceived}; each RTP packet it sends to {@link #onRtpSent};
 *   <li>after each of these calls and after {@link #requestKeyframe}, and whenever the time
 *       {@link #nextDeadline()} names has come (then calling {@link #handleTimeout} first), drains
 *       {@link #pollRtcp()} until it returns an empty list, protecting and sending each compound.
 * </ol>
 *
 * <p>An RTP packet passes the stages in this order: transport-wide sequence number recording (on
 * every packet, RTX and padding probes too, since the sender's congestion controller counts them);
 * RTX unwrapping (padding-only probes stop here); reception statistics; NACK tracking. {@link
 * #onRtpReceived} allocates nothing in steady state.
 */
public final class InterceptorChain {

    /** Chunk NACKs so that one feedback packet stays far below the compound size limit. */
    private static final int MAX_NACK_ITEMS = 64;
    private static final int MAX_BLOCKS_PER_REPORT = 31;
    private static final int MTU_BUFFER = 1500;
    /** Most SSRCs whose sender report is kept until their stream is bound, oldest dropped first. */
    static final int MAX_EARLY_REPORTS = 8;

    private final InterceptorConfig config;
    private final long localSsrc;
    private final SourceDescription sdes;
    private final ReceiverReport emptyReport;
    private final SplittableRandom random;
    private final long reportInterval;
    private final long initialRoundTripTime;

    private final List<RemoteStream> streams = new ArrayList<>();
    private final Map<Long, RemoteStream> bySsrc = new HashMap<>();
    /**
     * The latest sender report of each SSRC not bound yet, in arrival order: a sender may report
     * before its first packet (FFmpeg's RTP muxer sends a report right before each stream's first
     * packet, and the next one five seconds later), and the stream is bound on that packet.
     */
    private final Map<Long, ReceivedSenderReport> earlyReports = new LinkedHashMap<>();
    private final TransportCcRecorder transportCc;

    private byte[] rtxBuffer = new byte[MTU_BUFFER];
    private final ReusableRtpPacket recovered = new ReusableRtpPacket();
    private final int[] nackScratch = new int[NackGenerator.WINDOW];

    private long reportDeadline = Long.MAX_VALUE;
    private final List<ReceiverReport> pendingReports = new ArrayList<>();
    private final ArrayDeque<RtcpPacket> pendingFeedback = new ArrayDeque<>();
    private final List<RtcpPacket> transportCcScratch = new ArrayList<>();

    private long roundTripTime;
    private boolean roundTripMeasured;
    private Consumer<ReceivedSenderReport> senderReportListener = report -> { };

    /** Send counters by SSRC; a linear scan, since a connection sends a handful of SSRCs. */
    private SentCounters[] sent = new SentCounters[4];
    private int sentCount;

    private static final class SentCounters {
        final long ssrc;
        long packets;
        long payloadBytes;
        long lastTimestamp;
        long lastSentAt;

        SentCounters(long ssrc) {
            this.ssrc = ssrc;
        }
    }

    /** @param config the interceptors to run and their settings */
    public InterceptorChain(InterceptorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.localSsrc = config.localSsrc();
        this.sdes = SourceDescription.ofCname(localSsrc, config.cname());
        this.emptyReport = new ReceiverReport(localSsrc, List.of());
        this.random = new SplittableRandom(config.randomSeed());
        this.reportInterval = config.receiverReports().interval().toNanos();
        this.initialRoundTripTime = config.nack().initialRoundTripTime().toNanos();
        this.roundTripTime = initialRoundTripTime;
        this.transportCc = config.transportCc().enabled() ? new TransportCcRecorder(config.transportCc()) : null;
    }

    /** @return the configuration the chain runs with */
    public InterceptorConfig config() {
        return config;
    }

    /**
     * Starts tracking a remote stream. If sender reports of its media SSRC came while it was not
     * bound (a sender may report before its first packet), the latest becomes its {@link
     * RemoteStream#latestSenderReport()} and counts for its reception reports from its own arrival;
     * the {@link #onSenderReport(Consumer) listener} is not called for it, whoever binds the stream
     * reads it there. Such reports are kept for the last eight SSRCs that sent one.
     *
     * @return the handle to pass with the stream's packets
     * @throws IllegalArgumentException if its media or RTX SSRC belongs to a stream already bound
     */
    public RemoteStream bindRemoteStream(StreamInfo info) {
        if (bySsrc.containsKey(info.ssrc()) || info.rtxSsrc() != -1 && bySsrc.containsKey(info.rtxSsrc())) {
            throw new IllegalArgumentException("SSRC of " + info + " is already bound");
        }
        RemoteStream stream = new RemoteStream(info, config);
        streams.add(stream);
        bySsrc.put(info.ssrc(), stream);
        if (info.rtxSsrc() != -1) {
            bySsrc.put(info.rtxSsrc(), stream);
            earlyReports.remove(info.rtxSsrc());
        }
        ReceivedSenderReport early = earlyReports.remove(info.ssrc());
        if (early != null) {
            stream.media.onSenderReport(early.arrivalNanos(), early.ntpTimestamp());
            stream.lastSenderReport = early;
        }
        return stream;
    }

    /**
     * Stops tracking a stream: no more reports, NACKs or keyframe requests for it, and queued
     * feedback about it is kept. Its handle then makes {@link #onRtpReceived} drop packets.
     * Unbinding an unbound stream does nothing.
     */
    public void unbind(RemoteStream stream) {
        if (!stream.bound || !streams.remove(stream)) {
            return;
        }
        stream.bound = false;
        bySsrc.values().removeIf(s -> s == stream);
        if (streams.isEmpty()) {
            reportDeadline = Long.MAX_VALUE;
        }
    }

    /** @return the stream with this media or RTX SSRC; a map lookup, not meant for each packet */
    public Optional<RemoteStream> remoteStream(long ssrc) {
        return Optional.ofNullable(bySsrc.get(ssrc));
    }

    /** @return the bound streams, in binding order */
    public List<RemoteStream> remoteStreams() {
        return List.copyOf(streams);
    }

    /**
     * Passes one decrypted RTP packet of a bound stream through the chain.
     *
     * @param now the arrival time in nanoseconds
     * @param packet the packet, of the stream's media or RTX SSRC
     * @param stream the stream the peer connection routed it to
     * @return the packet to hand on to the stream's jitter buffer: {@code packet} itself, or for
     *     an RTX packet the original it carries, in a buffer of the chain's that is valid until
     *     the next call; null if the packet is dropped (padding-only RTX, malformed, a payload type
     *     of no stream, an unbound stream), which the stream's statistics count
     */
    public RtpPacketView onRtpReceived(long now, RtpPacketView packet, RemoteStream stream) {
        if (!stream.bound) {
            return null;
        }
        if (transportCc != null && stream.info.transportCc()) {
            recordTransportSequence(now, packet, stream);
        }
        int payloadType = packet.payloadType();
        long ssrc = packet.ssrc();
        if (stream.mediaPayloadType[payloadType] && ssrc == stream.ssrc) {
            onMedia(now, packet, stream, false);
            return packet;
        }
        int originalPayloadType = stream.apt[payloadType];
        if (originalPayloadType < 0) {
            stream.malformed++;
            return null;
        }
        return unwrapRtx(now, packet, stream, originalPayloadType);
    }

    private void recordTransportSequence(long now, RtpPacketView packet, RemoteStream stream) {
        try {
            int sequence = HeaderExtensions.transportSequenceNumber(packet, stream.info.transportCcExtensionId());
            if (sequence >= 0) {
                transportCc.onPacket(now, sequence, stream.ssrc);
            }
        } catch (ParseException e) {
            stream.malformed++;
        }
    }

    private RtpPacketView unwrapRtx(long now, RtpPacketView packet, RemoteStream stream, int originalPayloadType) {
        long ssrc = packet.ssrc();
        if (stream.rtx == null || stream.rtx.ssrc != ssrc) {
            stream.rtx = new ReceptionStatistics(ssrc, stream.info.clockRate());
        }
        int payloadLength = packet.payloadLength();
        stream.rtx.onPacket(now, packet.sequenceNumber(), packet.timestamp(), payloadLength,
                packet.length() - payloadLength, false);
        if (payloadLength == 0) {
            stream.paddingProbes++;
            return null;
        }
        try {
            int length = Rtx.originalLength(packet);
            if (rtxBuffer.length < length) {
                rtxBuffer = new byte[length];
            }
            Rtx.writeOriginal(packet, originalPayloadType, stream.ssrc, rtxBuffer, 0);
            recovered.wrap(rtxBuffer, 0, length);
        } catch (ParseException e) {
            stream.malformed++;
            return null;
        }
        stream.retransmittedPackets++;
        stream.retransmittedBytes += recovered.payloadLength();
        onMedia(now, recovered, stream, true);
        return recovered;
    }

    private void onMedia(long now, RtpPacketView packet, RemoteStream stream, boolean retransmission) {
        int payloadLength = packet.payloadLength();
        stream.media.onPacket(now, packet.sequenceNumber(), packet.timestamp(), payloadLength,
                packet.length() - payloadLength, retransmission);
        if (stream.nack != null) {
            long sample = stream.nack.onPacket(now, packet.sequenceNumber(),
                    retransmission || stream.info.rtxPayloadTypes().isEmpty());
            if (sample >= 0) {
                updateRoundTripTime(sample);
            }
            absorbGivenUp(now, stream);
        }
        if (reportDeadline == Long.MAX_VALUE && config.receiverReports().enabled()) {
            reportDeadline = now + nextReportInterval();
        }
    }

    /** Packets the NACK generator gave up are lost for good: the decoder needs a keyframe. */
    private void absorbGivenUp(long now, RemoteStream stream) {
        long givenUp = stream.nack.takeGivenUp();
        if (givenUp > 0) {
            stream.unrecovered += givenUp;
            if (stream.keyframes != null) {
                stream.keyframes.request(now, false);
            }
        }
    }

    /**
     * Reads a received RTCP compound: sender reports are kept for reception reports, {@link
     * #latestSenderReport} and the listener.
     *
     * @param now the arrival time in nanoseconds
     * @param packets the compound as {@code RtcpCompound.parse} returned it
     */
    public void onRtcpReceived(long now, List<RtcpPacket> packets) {
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport report) {
                onSenderReport(now, report);
            }
        }
    }

    private void onSenderReport(long now, SenderReport report) {
        RemoteStream stream = bySsrc.get(report.ssrc());
        if (stream == null) {
            earlyReports.remove(report.ssrc());
            if (earlyReports.size() == MAX_EARLY_REPORTS) {
                earlyReports.remove(earlyReports.keySet().iterator().next());
            }
            earlyReports.put(report.ssrc(), ReceivedSenderReport.of(report, now));
            return;
        }
        if (report.ssrc() == stream.ssrc) {
            stream.media.onSenderReport(now, report.ntpTimestamp());
            stream.lastSenderReport = ReceivedSenderReport.of(report, now);
            senderReportListener.accept(stream.lastSenderReport);
        } else if (stream.rtx != null && report.ssrc() == stream.rtx.ssrc) {
            stream.rtx.onSenderReport(now, report.ntpTimestamp());
        }
    }

    /**
     * Sets who hears of each sender report of a bound media SSRC as it arrives (the recorder's
     * A/V timeline); called on the chain's thread, inside {@link #onRtcpReceived}.
     */
    public void onSenderReport(Consumer<ReceivedSenderReport> listener) {
        this.senderReportListener = Objects.requireNonNull(listener, "listener");
    }

    /** @return the latest sender report of a bound media SSRC */
    public Optional<ReceivedSenderReport> latestSenderReport(long ssrc) {
        RemoteStream stream = bySsrc.get(ssrc);
        return stream != null && stream.ssrc == ssrc ? stream.latestSenderReport() : Optional.empty();
    }

    /**
     * Counts an RTP packet this side sends.
     *
     * @param now the send time in nanoseconds
     * @param packet the packet as sent, before SRTP protection
     */
    public void onRtpSent(long now, RtpPacketView packet) {
        long ssrc = packet.ssrc();
        int index = 0;
        while (index < sentCount && sent[index].ssrc != ssrc) {
            index++;
        }
        if (index == sentCount) {
            if (sentCount == sent.length) {
                sent = Arrays.copyOf(sent, 2 * sentCount);
            }
            sent[sentCount++] = new SentCounters(ssrc);
        }
        SentCounters counters = sent[index];
        counters.packets++;
        counters.payloadBytes += packet.payloadLength();
        counters.lastTimestamp = packet.timestamp();
        counters.lastSentAt = now;
    }

    /** @return the send counters of one of this side's SSRCs, if it has sent */
    public Optional<SentStatistics> sentStatistics(long ssrc) {
        for (int i = 0; i < sentCount; i++) {
            SentCounters c = sent[i];
            if (c.ssrc == ssrc) {
                return Optional.of(new SentStatistics(ssrc, c.packets, c.payloadBytes, c.lastTimestamp, c.lastSentAt));
            }
        }
        return Optional.empty();
    }

    /**
     * Asks the sender of a video stream for a keyframe (PLI, or FIR where only {@code ccm fir} was
     * negotiated), now or as soon as the rate limit allows; drain {@link #pollRtcp()} afterwards.
     *
     * @param now the current time in nanoseconds
     * @param ssrc the media SSRC of a bound stream
     * @param untilKeyframe repeat the request every retry interval until {@link
     *     #keyframeReceived} is called for the stream
     * @return false if the stream is unknown, not video, negotiated neither PLI nor FIR, or
     *     keyframe requests are disabled
     */
    public boolean requestKeyframe(long now, long ssrc, boolean untilKeyframe) {
        RemoteStream stream = bySsrc.get(ssrc);
        if (stream == null || stream.ssrc != ssrc || stream.keyframes == null) {
            return false;
        }
        stream.keyframes.request(now, untilKeyframe);
        pollKeyframe(now, stream);
        return true;
    }

    /**
     * Tells the chain that a keyframe of a stream arrived (the depacketizer knows; the chain does
     * not parse payloads), which ends repeated requests and cancels a deferred one.
     */
    public void keyframeReceived(long ssrc) {
        RemoteStream stream = bySsrc.get(ssrc);
        if (stream != null && stream.ssrc == ssrc && stream.keyframes != null) {
            stream.keyframes.keyframeReceived();
        }
    }

    private void pollKeyframe(long now, RemoteStream stream) {
        RtcpPacket request = stream.keyframes.poll(now, localSsrc, stream.ssrc);
        if (request != null) {
            pendingFeedback.add(request);
        }
    }

    /**
     * Feeds a round-trip time measured elsewhere (ICE connectivity checks, or report blocks about
     * this side's sender reports) into the estimate NACK retries are timed with.
     *
     * @param sampleNanos a measured round-trip time, positive
     */
    public void updateRoundTripTime(long sampleNanos) {
        if (sampleNanos <= 0) {
            return;
        }
        // Smoothed like TCP's SRTT (RFC 6298 §2): one eighth of each new sample.
        roundTripTime = roundTripMeasured ? roundTripTime + (sampleNanos - roundTripTime) / 8 : sampleNanos;
        roundTripMeasured = true;
    }

    /** @return the round-trip time estimate in nanoseconds (the configured initial one until measured) */
    public long roundTripTime() {
        return roundTripTime;
    }

    /** @return the earliest time {@link #handleTimeout} has something to do, or {@code Long.MAX_VALUE} */
    public long nextDeadline() {
        long deadline = reportDeadline;
        if (transportCc != null) {
            deadline = Math.min(deadline, transportCc.deadline());
        }
        for (int i = 0; i < streams.size(); i++) {
            RemoteStream stream = streams.get(i);
            if (stream.nack != null) {
                deadline = Math.min(deadline, stream.nack.deadline());
            }
            if (stream.keyframes != null) {
                deadline = Math.min(deadline, stream.keyframes.deadline());
            }
        }
        return deadline;
    }

    /**
     * Does what is due at {@code now}: NACKs and their retries, keyframe requests, transport-wide
     * feedback, receiver reports. Calling it early or more often is harmless. Drain {@link
     * #pollRtcp()} afterwards.
     *
     * @param now the current time in nanoseconds
     */
    public void handleTimeout(long now) {
        for (int i = 0; i < streams.size(); i++) {
            RemoteStream stream = streams.get(i);
            if (stream.nack != null) {
                pollNack(now, stream);
            }
            if (stream.keyframes != null) {
                pollKeyframe(now, stream);
            }
        }
        if (transportCc != null) {
            transportCc.poll(now, localSsrc, transportCcScratch);
            pendingFeedback.addAll(transportCcScratch);
            transportCcScratch.clear();
        }
        if (now >= reportDeadline) {
            queueReports(now);
            reportDeadline = streams.isEmpty() ? Long.MAX_VALUE : now + nextReportInterval();
        }
    }

    private void pollNack(long now, RemoteStream stream) {
        int count = stream.nack.collectDue(now, roundTripTime, nackScratch);
        absorbGivenUp(now, stream);
        if (count == 0) {
            return;
        }
        List<Integer> lost = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lost.add(nackScratch[i]);
        }
        List<GenericNack.Item> items = GenericNack.pack(lost);
        for (int from = 0; from < items.size(); from += MAX_NACK_ITEMS) {
            List<GenericNack.Item> chunk = items.subList(from, Math.min(items.size(), from + MAX_NACK_ITEMS));
            pendingFeedback.add(new GenericNack(localSsrc, stream.ssrc, chunk));
            stream.nackPackets++;
        }
    }

    private void queueReports(long now) {
        List<ReportBlock> blocks = new ArrayList<>();
        for (RemoteStream stream : streams) {
            if (stream.media.heardSinceReport) {
                blocks.add(stream.media.reportBlock(now));
            }
            if (stream.rtx != null && stream.rtx.heardSinceReport) {
                blocks.add(stream.rtx.reportBlock(now));
            }
        }
        if (blocks.isEmpty()) {
            pendingReports.add(emptyReport);
        }
        for (int from = 0; from < blocks.size(); from += MAX_BLOCKS_PER_REPORT) {
            pendingReports.add(new ReceiverReport(localSsrc,
                    blocks.subList(from, Math.min(blocks.size(), from + MAX_BLOCKS_PER_REPORT))));
        }
    }

    private long nextReportInterval() {
        if (!config.receiverReports().randomized()) {
            return reportInterval;
        }
        // RFC 3550 §6.3.5: uniformly between 0.5 and 1.5 times the interval.
        return reportInterval / 2 + random.nextLong(reportInterval + 1);
    }

    /**
     * The next RTCP compound to protect and send, or an empty list when nothing is waiting. With
     * full compound RTCP every compound starts with an RR (carrying the due report blocks, or
     * none) and the SDES CNAME (RFC 3550 §6.1, RFC 4585 §3.1); with reduced-size RTCP, reports
     * and feedback go as they are. A compound stays within the configured size unless a single
     * packet is larger.
     */
    public List<RtcpPacket> pollRtcp() {
        if (pendingReports.isEmpty() && pendingFeedback.isEmpty()) {
            return List.of();
        }
        List<RtcpPacket> compound = new ArrayList<>();
        int size = 0;
        int limit = config.maxRtcpPacketSize();
        boolean reduced = config.reducedSizeRtcp();
        int sdesSize = reduced ? 0 : sdes.encodedLength();
        if (!pendingReports.isEmpty()) {
            while (!pendingReports.isEmpty() && (compound.isEmpty()
                    || size + pendingReports.getFirst().encodedLength() + sdesSize <= limit)) {
                size += pendingReports.getFirst().encodedLength();
                compound.add(pendingReports.removeFirst());
            }
        } else if (!reduced) {
            compound.add(emptyReport);
            size += emptyReport.encodedLength();
        }
        if (!reduced) {
            compound.add(sdes);
            size += sdesSize;
        }
        boolean feedbackAdded = false;
        while (!pendingFeedback.isEmpty()
                && (!feedbackAdded || size + pendingFeedback.peekFirst().encodedLength() <= limit)) {
            RtcpPacket packet = pendingFeedback.removeFirst();
            size += packet.encodedLength();
            compound.add(packet);
            feedbackAdded = true;
        }
        return compound;
    }
}
