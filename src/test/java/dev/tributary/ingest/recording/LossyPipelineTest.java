package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.ingest.recording.MediaFixtures.Frame;
import dev.tributary.webrtc.interceptor.InterceptorChain;
import dev.tributary.webrtc.interceptor.InterceptorConfig;
import dev.tributary.webrtc.interceptor.RemoteStream;
import dev.tributary.webrtc.interceptor.StreamInfo;
import dev.tributary.webrtc.interceptor.StreamStatistics;
import dev.tributary.webrtc.media.Codec;
import dev.tributary.webrtc.media.H264Packetizer;
import dev.tributary.webrtc.media.OpusPacketizer;
import dev.tributary.webrtc.media.Packetizer;
import dev.tributary.webrtc.rtcp.GenericNack;
import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.PictureLossIndication;
import dev.tributary.webrtc.rtcp.RtcpCompound;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import dev.tributary.webrtc.rtp.Rtx;
import dev.tributary.webrtc.sim.Datagram;
import dev.tributary.webrtc.sim.LinkConditions;
import dev.tributary.webrtc.sim.SimulatedNetwork;
import dev.tributary.webrtc.sim.Simulation;
import dev.tributary.webrtc.sim.VirtualClock;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole receive path of a recording over a bad network, in virtual time: a synthetic WebRTC
 * sender sends real H.264 and Opus (encoded by the ffmpeg CLI) through a simulated network with
 * 5 % loss, 30 ms delay and up to 50 ms of jitter (which reorders), both ways; our receiver runs
 * the {@link InterceptorChain} (its NACKs cross the same network back to the sender, whose RTX
 * answers cross it again) and a {@link RecordingPipeline} whose output goes to a
 * {@link RecordingWriter}. The file must decode without a single error and keep lip sync.
 *
 * <h2>How lip sync is measured</h2>
 * The sources carry events that can be found again in the file: at 1.5 s, 3 s and 4.5 s of
 * source time the whole picture turns white for 100 ms and a 1 kHz beep sounds for 100 ms over
 * silence. The sender's capture clock puts each audio source instant {@link #AUDIO_LEAD} before
 * the same video source instant (its audio RTP timeline is 40 ms ahead of its video timeline at
 * any NTP instant), and its sender reports say so. So in a correct recording every beep starts
 * 40 ms before its flash: the measured offset of an event is the beep's onset (first 1 ms window
 * of the decoded audio above -30 dBFS) minus the flash's onset (first decoded frame whose mean
 * luma is above 200), both read by ffprobe from the recording itself, and must be within 10 ms of
 * -40 ms. The video is 30 frames/s, so its onset can only be a frame's presentation time: the
 * events lie on frame boundaries, which makes the frame quantisation zero for a correct timeline.
 * Part of the 10 ms is taken by Opus itself: the encoder's 6.5 ms look-ahead (312 samples) makes
 * the decoded beep start that much after its RTP timestamp, as in any WebRTC receiver, so a
 * perfect recording measures -33.5 ms. The test also holds the recording to within 3 ms of a file
 * muxed directly with the sender's exact timestamps, which isolates the error the network and
 * the receive path add.
 *
 * <p>Arrival times do not give this offset: like a real sender, this one sends video 80 ms after
 * capture (encoding) and audio 20 ms after, so placing tracks by arrival would put the beeps
 * about 100 ms before the flashes. {@link #withoutSenderReportsTheOffsetIsWrong()} runs the same
 * sender without sender reports and shows the measurement catches that; {@link
 * #theMeasurementReadsAKnownOffset()} checks the detectors on a file muxed with exact timestamps.
 */
class LossyPipelineTest {

    private static final int SECONDS = 6;
    private static final int GOP = 30;
    private static final double[] EVENTS = {1.5, 3.0, 4.5};
    private static final int EVENT_MILLIS = 100;
    private static final double MIN_LUMA = 200;
    private static final double MIN_DB = -30;

    /** Audio source instants are captured this much before the same video source instants. */
    private static final long AUDIO_LEAD = 40_000_000L;
    private static final long VIDEO_SEND_LATENCY = 80_000_000L;
    private static final long AUDIO_SEND_LATENCY = 20_000_000L;
    private static final double TOLERANCE_SECONDS = 0.010;
    /** The Opus encoder's look-ahead, which delays decoded audio against its RTP timestamps. */
    private static final double OPUS_LOOKAHEAD_SECONDS = 312 / 48_000.0;
    private static final double EXACT_TOLERANCE_SECONDS = 0.003;

    private static final int VIDEO_PT = 96;
    private static final int VIDEO_RTX_PT = 97;
    private static final int AUDIO_PT = 111;
    private static final int AUDIO_RTX_PT = 112;
    private static final long VIDEO_SSRC = 0x1111_0001L;
    private static final long VIDEO_RTX_SSRC = 0x1111_0002L;
    private static final long AUDIO_SSRC = 0xAAAA_0001L;
    private static final long AUDIO_RTX_SSRC = 0xAAAA_0002L;

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5000);
    private static final InetSocketAddress RECEIVER = new InetSocketAddress("127.0.0.2", 5000);

    @TempDir
    static Path fixtures;

    @TempDir
    Path out;

    private static List<Frame> video;
    private static List<Frame> audio;

    @BeforeAll
    static void encode() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")) && Files.isExecutable(Path.of("/usr/bin/ffprobe")),
                "ffmpeg and ffprobe are not installed");
        video = MediaFixtures.h264WithFlashes(fixtures, SECONDS, GOP, EVENTS, EVENT_MILLIS);
        audio = MediaFixtures.opusWithBeeps(fixtures, SECONDS, EVENTS, EVENT_MILLIS);
    }

    @Test
    void lossyNetworkWithNackKeepsLipSyncAndDecodesCleanly() throws Exception {
        Run run = simulate(true, 7);

        String errors = Probe.decodeErrors(run.file, 0);
        List<Double> offsets = offsets(run.file);
        System.out.printf("LossyPipelineTest: A/V offsets %s ms (truth %.1f ms), decode errors: %d line(s)%s%n",
                offsets.stream().map(o -> String.format("%.1f", o * 1000)).toList(), -AUDIO_LEAD / 1e6,
                errors.isEmpty() ? 0 : errors.lines().count(), errors.isEmpty() ? "" : "\n" + errors);
        System.out.println("LossyPipelineTest: " + run.summary());

        assertThat(errors).as("ffmpeg decode errors").isEmpty();
        assertThat(offsets).as("one offset per event").hasSize(EVENTS.length);
        assertThat(offsets).allSatisfy(offset -> assertThat(offset).isCloseTo(-AUDIO_LEAD / 1e9, within(TOLERANCE_SECONDS)));
        assertThat(offsets).allSatisfy(offset -> assertThat(offset)
                .isCloseTo(-AUDIO_LEAD / 1e9 + OPUS_LOOKAHEAD_SECONDS, within(EXACT_TOLERANCE_SECONDS)));
        // The network really was bad, and NACK + RTX really repaired it.
        assertThat(run.networkLost).isGreaterThan(20);
        assertThat(run.video.retransmittedPacketsReceived()).isPositive();
        assertThat(run.audio.retransmittedPacketsReceived()).isPositive();
        // NACK + RTX recover the loss, the jitter buffer waits as long as the measured jitter
        // needs, and its startup hold keeps the first frame's packets that arrive behind later
        // ones: every frame is recorded (the run is deterministic).
        System.out.printf("frames recorded: video %d of %d, audio %d of %d%n", run.videoTrack.frames(), video.size(),
                run.audioTrack.frames(), audio.size());
        assertThat(run.videoTrack.frames()).isEqualTo(video.size());
        assertThat(run.audioTrack.frames()).isEqualTo(audio.size());
        var probe = Probe.probe(run.file);
        assertThat(probe).containsEntry("streams.stream.0.codec_name", "h264")
                .containsEntry("streams.stream.1.codec_name", "opus");
    }

    /**
     * The check above can fail: without sender reports the timeline falls back to arrival times,
     * and the sender's different capture-to-send latencies put the beeps about 100 ms early.
     */
    @Test
    void withoutSenderReportsTheOffsetIsWrong() throws Exception {
        Run run = simulate(false, 7);

        assertThat(Probe.decodeErrors(run.file, 0)).isEmpty();
        List<Double> offsets = offsets(run.file);
        System.out.printf("LossyPipelineTest without sender reports: A/V offsets %s ms%n",
                offsets.stream().map(o -> String.format("%.1f", o * 1000)).toList());
        assertThat(offsets).hasSize(EVENTS.length).allSatisfy(offset ->
                assertThat(Math.abs(offset + AUDIO_LEAD / 1e9)).isGreaterThan(TOLERANCE_SECONDS));
    }

    /**
     * The detectors read the offset of a file muxed directly with the sender's exact timestamps:
     * the capture offset plus the Opus look-ahead, to the millisecond.
     */
    @Test
    void theMeasurementReadsAKnownOffset() throws Exception {
        Path file = out.resolve("exact.mp4");
        long videoStart = 100_000;
        long audioStart = videoStart - AUDIO_LEAD / 1000;
        byte[][] ps = MediaFixtures.parameterSets(video.getFirst().data());
        try (RecordingMuxer muxer = RecordingMuxer.open(file, ContainerFormat.FRAGMENTED_MP4,
                List.of(new TrackFormat.H264(ps[0], ps[1]), new TrackFormat.Opus(1)))) {
            int v = 0;
            int a = 0;
            while (v < video.size() || a < audio.size()) {
                boolean nextIsVideo = a == audio.size()
                        || v < video.size() && videoStart + video.get(v).ptsMicros() <= audioStart + audio.get(a).ptsMicros();
                if (nextIsVideo) {
                    Frame f = video.get(v++);
                    muxer.writeFrame(0, videoStart + f.ptsMicros(), f.keyframe(), f.data(), 0, f.data().length);
                } else {
                    Frame f = audio.get(a++);
                    muxer.writeFrame(1, audioStart + f.ptsMicros(), true, f.data(), 0, f.data().length);
                }
            }
        }
        List<Double> offsets = offsets(file);
        System.out.printf("LossyPipelineTest exact file: A/V offsets %s ms%n",
                offsets.stream().map(o -> String.format("%.1f", o * 1000)).toList());
        assertThat(offsets).hasSize(EVENTS.length)
                .allSatisfy(offset -> assertThat(offset)
                        .isCloseTo(-AUDIO_LEAD / 1e9 + OPUS_LOOKAHEAD_SECONDS, within(0.001)));
    }

    /** Beep onset minus flash onset for each event, in seconds. */
    private static List<Double> offsets(Path file) throws Exception {
        List<Double> flashes = Probe.brightFrameOnsets(file, MIN_LUMA);
        List<Double> beeps = Probe.loudAudioOnsets(file, MIN_DB);
        assertThat(flashes).as("flashes in %s", file).hasSize(EVENTS.length);
        assertThat(beeps).as("beeps in %s", file).hasSize(EVENTS.length);
        List<Double> offsets = new ArrayList<>();
        for (int i = 0; i < EVENTS.length; i++) {
            offsets.add(beeps.get(i) - flashes.get(i));
        }
        return offsets;
    }

    private record Run(Path file, long networkLost, long nacksReceived, long rtxSent, long plisReceived,
            StreamStatistics video, StreamStatistics audio, RecordingPipeline.TrackStats videoTrack,
            RecordingPipeline.TrackStats audioTrack, RecordingWriter.Result result) {
        String summary() {
            return "network lost " + networkLost + " datagrams; sender got " + nacksReceived + " NACKed packets, "
                    + "sent " + rtxSent + " RTX, got " + plisReceived + " PLIs; video " + videoTrack + " chain: "
                    + video.retransmittedPacketsReceived() + " retransmitted, " + video.nackCount() + " NACKs, " + video.unrecoveredPackets() + " unrecovered; audio "
                    + audioTrack + " chain: " + audio.retransmittedPacketsReceived() + " retransmitted; writer: "
                    + result.durationMicros() + " µs, " + result.framesDropped() + " dropped";
        }
    }

    private Run simulate(boolean senderReports, long seed) throws Exception {
        VirtualClock clock = new VirtualClock(0);
        SimulatedNetwork network = new SimulatedNetwork(seed);
        network.setDefaultConditions(LinkConditions.of(0.05, Duration.ofMillis(30), Duration.ofMillis(50)));
        Simulation simulation = new Simulation(network, clock);
        Sender sender = new Sender(senderReports);
        RecordingWriter writer = new RecordingWriter(out, "lossy-" + senderReports, 2, null, Duration.ofSeconds(5));
        Receiver receiver = new Receiver(writer);
        simulation.add(sender);
        simulation.add(receiver);

        assertThat(simulation.runUntil(Duration.ofSeconds(SECONDS + 5), sender::done)).isTrue();
        // Let the last retransmissions and held frames come through.
        simulation.runFor(Duration.ofSeconds(3));
        receiver.pipeline.finish(clock.now());
        RecordingWriter.Result result = writer.finish();
        assertThat(result.error()).isEmpty();
        assertThat(result.file()).contains(out.resolve("lossy-" + senderReports + ".mp4"));
        return new Run(result.file().get(), network.counts().get(2), sender.nacked, sender.rtxSent, sender.plis,
                receiver.videoStream.statistics(), receiver.audioStream.statistics(),
                receiver.pipeline.stats(receiver.videoTrack), receiver.pipeline.stats(receiver.audioTrack), result);
    }

    /**
     * A WebRTC sender of the two encoded streams at real-time pacing, with RTX for NACKed packets
     * and sender reports every second per SSRC.
     */
    private static final class Sender implements Simulation.Endpoint {

        /** When capture starts: late enough that audio, captured 40 ms earlier, starts after 0. */
        private static final long CAPTURE_START = 1_000_000_000L;
        /** The sender's NTP wall clock minus the virtual clock. */
        private static final long NTP_EPOCH = 1_750_000_000_000_000_000L;
        private static final long PACKET_SPACING = 500_000;
        private static final long REPORT_INTERVAL = 1_000_000_000L;

        private record Scheduled(long time, long order, Runnable action) {}

        private final boolean senderReports;
        private final PriorityQueue<Scheduled> schedule = new PriorityQueue<>(
                (x, y) -> x.time != y.time ? Long.compare(x.time, y.time) : Long.compare(x.order, y.order));
        private final ArrayDeque<Datagram> outbox = new ArrayDeque<>();
        private final Stream videoOut = new Stream(VIDEO_SSRC, VIDEO_RTX_SSRC, VIDEO_RTX_PT, 90_000, 0,
                new H264Packetizer(1, VIDEO_PT, VIDEO_SSRC, 40_000, Packetizer.DEFAULT_MAX_PACKET_SIZE));
        private final Stream audioOut = new Stream(AUDIO_SSRC, AUDIO_RTX_SSRC, AUDIO_RTX_PT, 48_000, AUDIO_LEAD,
                new OpusPacketizer(AUDIO_PT, AUDIO_SSRC, 65_000, Packetizer.DEFAULT_MAX_PACKET_SIZE));
        private final ReusableRtpPacket view = new ReusableRtpPacket();
        private final byte[] rtxBuffer = new byte[1500];
        private long order;
        private long now;
        private int pendingMedia;
        long nacked;
        long rtxSent;
        long plis;

        /** One SSRC's packetizer, RTP clock, history for retransmission and RTX numbering. */
        private final class Stream {
            final long ssrc;
            final long rtxSsrc;
            final int rtxPayloadType;
            final int clockRate;
            /** How much earlier than video this stream's source instants are captured. */
            final long lead;
            final Packetizer packetizer;
            final long rtpBase;
            final Map<Integer, byte[]> history = new HashMap<>();
            final ArrayDeque<Integer> historyOrder = new ArrayDeque<>();
            int rtxSequence = 7;
            long packetsSent;
            long octetsSent;
            boolean reporting;

            Stream(long ssrc, long rtxSsrc, int rtxPayloadType, int clockRate, long lead, Packetizer packetizer) {
                this.ssrc = ssrc;
                this.rtxSsrc = rtxSsrc;
                this.rtxPayloadType = rtxPayloadType;
                this.clockRate = clockRate;
                this.lead = lead;
                this.packetizer = packetizer;
                this.rtpBase = (ssrc * 7919L) & 0xFFFF_FFFFL;
            }

            /** When the frame at this source time was captured, on the virtual clock. */
            long captureTime(long sourceMicros) {
                return CAPTURE_START - lead + sourceMicros * 1000;
            }

            /** The RTP timestamp of a capture instant: one clock for the stream, unwrapped. */
            long rtpTimestamp(long captureTime) {
                return rtpBase + Math.floorDiv((captureTime - (CAPTURE_START - lead)) * clockRate, 1_000_000_000L);
            }

            void send(Frame frame, long at) {
                List<byte[]> packets = new ArrayList<>();
                packetizer.packetize(frame.data(), 0, frame.data().length,
                        rtpTimestamp(captureTime(frame.ptsMicros())),
                        (buf, off, len) -> packets.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
                pendingMedia += packets.size();
                for (int i = 0; i < packets.size(); i++) {
                    byte[] packet = packets.get(i);
                    at(at + i * PACKET_SPACING, () -> {
                        view.wrap(packet, 0, packet.length);
                        remember(view.sequenceNumber(), packet);
                        packetsSent++;
                        octetsSent += view.payloadLength();
                        outbox.add(new Datagram(SENDER, RECEIVER, packet));
                        pendingMedia--;
                        if (senderReports && !reporting) {
                            reporting = true;
                            report();
                        }
                    });
                }
            }

            private void remember(int sequence, byte[] packet) {
                history.put(sequence, packet);
                historyOrder.add(sequence);
                if (historyOrder.size() > 2048) {
                    history.remove(historyOrder.poll());
                }
            }

            /** A sender report now, and the next one a second later. */
            void report() {
                SenderReport report = new SenderReport(ssrc, NtpTime.fromEpochNanos(NTP_EPOCH + now),
                        rtpTimestamp(now) & 0xFFFF_FFFFL, packetsSent, octetsSent & 0xFFFF_FFFFL);
                outbox.add(new Datagram(SENDER, RECEIVER, RtcpCompound.toByteArray(List.of(report))));
                at(now + REPORT_INTERVAL, () -> {
                    if (!done()) {
                        report();
                    }
                });
            }

            void retransmit(int sequence) {
                byte[] original = history.get(sequence);
                if (original == null) {
                    return;
                }
                view.wrap(original, 0, original.length);
                int length = Rtx.writeRtx(view, rtxPayloadType, rtxSsrc, rtxSequence, rtxBuffer, 0);
                rtxSequence = rtxSequence + 1 & 0xFFFF;
                rtxSent++;
                outbox.add(new Datagram(SENDER, RECEIVER, java.util.Arrays.copyOf(rtxBuffer, length)));
            }
        }

        Sender(boolean senderReports) {
            this.senderReports = senderReports;
            for (Frame frame : video) {
                schedule(videoOut, frame, VIDEO_SEND_LATENCY);
            }
            for (Frame frame : audio) {
                schedule(audioOut, frame, AUDIO_SEND_LATENCY);
            }
        }

        private void schedule(Stream stream, Frame frame, long latency) {
            pendingMedia++;
            at(stream.captureTime(frame.ptsMicros()) + latency, () -> {
                pendingMedia--;
                stream.send(frame, now);
            });
        }

        private void at(long time, Runnable action) {
            schedule.add(new Scheduled(time, order++, action));
        }

        /** Whether every frame has been sent. */
        boolean done() {
            return pendingMedia == 0;
        }

        @Override
        public boolean owns(InetSocketAddress address) {
            return address.equals(SENDER);
        }

        @Override
        public void receive(long now, Datagram datagram) {
            this.now = now;
            for (RtcpPacket packet : RtcpCompound.parse(datagram.data())) {
                switch (packet) {
                    case GenericNack nack -> {
                        Stream stream = nack.mediaSsrc() == VIDEO_SSRC ? videoOut : nack.mediaSsrc() == AUDIO_SSRC ? audioOut : null;
                        if (stream != null) {
                            for (int sequence : nack.lostSequenceNumbers()) {
                                nacked++;
                                stream.retransmit(sequence);
                            }
                        }
                    }
                    case PictureLossIndication pli -> plis++;
                    default -> {
                    }
                }
            }
        }

        @Override
        public void timeout(long now) {
            this.now = now;
            while (!schedule.isEmpty() && schedule.peek().time <= now) {
                schedule.poll().action.run();
            }
        }

        @Override
        public long nextTimeout() {
            return schedule.isEmpty() ? Long.MAX_VALUE : schedule.peek().time;
        }

        @Override
        public Datagram poll() {
            return outbox.poll();
        }
    }

    /** Our receiving side: interceptor chain, recording pipeline and writer, as the session wires them. */
    private static final class Receiver implements Simulation.Endpoint, RecordingPipeline.Output {

        final InterceptorChain chain = new InterceptorChain(InterceptorConfig.defaults(0x5EC0_0001L, "recorder"));
        final RecordingPipeline pipeline = new RecordingPipeline(MediaTimeline.Config.defaults(), this);
        final RemoteStream videoStream;
        final RemoteStream audioStream;
        final int videoTrack;
        final int audioTrack;
        private final RecordingWriter writer;
        private final ReusableRtpPacket view = new ReusableRtpPacket();
        private final ArrayDeque<Datagram> outbox = new ArrayDeque<>();
        private long now;

        Receiver(RecordingWriter writer) {
            this.writer = writer;
            Set<StreamInfo.Feedback> feedback = Set.of(StreamInfo.Feedback.NACK, StreamInfo.Feedback.NACK_PLI);
            videoStream = chain.bindRemoteStream(new StreamInfo(VIDEO_SSRC, VIDEO_RTX_SSRC, Set.of(VIDEO_PT),
                    Map.of(VIDEO_RTX_PT, VIDEO_PT), 90_000, true, feedback, -1));
            audioStream = chain.bindRemoteStream(new StreamInfo(AUDIO_SSRC, AUDIO_RTX_SSRC, Set.of(AUDIO_PT),
                    Map.of(AUDIO_RTX_PT, AUDIO_PT), 48_000, false, Set.of(StreamInfo.Feedback.NACK), -1));
            videoTrack = pipeline.addTrack(VIDEO_SSRC, Codec.H264, 1);
            audioTrack = pipeline.addTrack(AUDIO_SSRC, Codec.OPUS, 1);
            chain.onSenderReport(report -> pipeline.onSenderReport(report.arrivalNanos(), new SenderReport(
                    report.ssrc(), report.ntpTimestamp(), report.rtpTimestamp(), report.packetCount(),
                    report.octetCount())));
        }

        @Override
        public boolean owns(InetSocketAddress address) {
            return address.equals(RECEIVER);
        }

        @Override
        public void receive(long now, Datagram datagram) {
            this.now = now;
            byte[] data = datagram.data();
            int packetType = data[1] & 0xff;
            if (packetType >= 192 && packetType <= 223) {
                chain.onRtcpReceived(now, RtcpCompound.parse(data));
            } else {
                view.wrap(data, 0, data.length);
                Optional<RemoteStream> stream = chain.remoteStream(view.ssrc());
                if (stream.isPresent()) {
                    RtpPacketView media = chain.onRtpReceived(now, view, stream.get());
                    if (media != null) {
                        pipeline.setRoundTripTime(chain.roundTripTime());
                        pipeline.onRtp(now, stream.get() == videoStream ? videoTrack : audioTrack, media);
                    }
                }
            }
            sendRtcp();
        }

        @Override
        public void timeout(long now) {
            this.now = now;
            if (chain.nextDeadline() <= now) {
                chain.handleTimeout(now);
            }
            if (pipeline.nextDeadline() <= now) {
                pipeline.onTimeout(now);
            }
            sendRtcp();
        }

        @Override
        public long nextTimeout() {
            return Math.min(chain.nextDeadline(), pipeline.nextDeadline());
        }

        @Override
        public Datagram poll() {
            return outbox.poll();
        }

        private void sendRtcp() {
            for (List<RtcpPacket> compound = chain.pollRtcp(); !compound.isEmpty(); compound = chain.pollRtcp()) {
                outbox.add(new Datagram(RECEIVER, SENDER, RtcpCompound.toByteArray(compound)));
            }
        }

        @Override
        public void onFormat(int track, TrackFormat format) {
            writer.format(track, format);
        }

        @Override
        public void onFrame(int track, long ptsMicros, boolean keyframe, byte[] data) {
            writer.frame(track, ptsMicros, keyframe, data);
        }

        @Override
        public void requestKeyframe(int track) {
            chain.requestKeyframe(now, VIDEO_SSRC, true);
        }

        @Override
        public void keyframeReceived(int track) {
            chain.keyframeReceived(VIDEO_SSRC);
        }
    }
}
