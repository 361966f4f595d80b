package dev.tributary.ingest.recording;

import dev.tributary.webrtc.interceptor.InterceptorChain;
import dev.tributary.webrtc.interceptor.InterceptorConfig;
import dev.tributary.webrtc.interceptor.RemoteStream;
import dev.tributary.webrtc.interceptor.StreamInfo;
import dev.tributary.webrtc.media.Codec;
import dev.tributary.webrtc.media.FrameSink;
import dev.tributary.webrtc.media.H264Depacketizer;
import dev.tributary.webrtc.media.H264Packetizer;
import dev.tributary.webrtc.media.JitterBuffer;
import dev.tributary.webrtc.rtcp.NtpTime;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The receive path of one packet of a 2.5 Mbit/s, 30 frames/s H.264 stream in steady state: two
 * seconds of access units (a 40 kB IDR with SPS/PPS, then about 10 kB P frames) in FU-A packets
 * of at most 1200 bytes, replayed forever with sequence numbers and timestamps moving on, at the
 * stream's real packet spacing on a virtual clock. Per operation one packet goes through
 *
 * <ul>
 *   <li>{@code stack}: the {@link InterceptorChain} (statistics, NACK tracking), a {@link
 *       JitterBuffer} and the {@link H264Depacketizer}: what the stack does for any receiver;
 *   <li>{@code recording}: the chain and a {@link RecordingPipeline} (jitter buffer,
 *       depacketizer, keyframe gate, A/V timeline, and the copy of each frame that goes to the
 *       writer's thread), as a recording runs it.
 * </ul>
 *
 * Score is ns/packet; {@code -prof gc} gives B/packet.
 *
 * <pre>
 * mvn -B -ntp -q -o -Pbench test-compile exec:exec \
 *     -Djmh.args="ReceivePathBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReceivePathBenchmark {

    private static final byte[] SPS = HexFormat.of().parseHex("6742c00dd90141fb0110000003001000000303c0f142a480");
    private static final byte[] PPS = HexFormat.of().parseHex("68cb83cb20");
    private static final long SSRC = 0x5eed;
    private static final int FRAMES = 60;
    private static final int FRAME_TICKS = 3000;
    private static final long FRAME_NANOS = 1_000_000_000L / 30;

    private byte[][] packets;
    private int[] frameOfPacket;
    private long[] offsetInFrame;
    private int next;
    private long cycle;
    private final ReusableRtpPacket view = new ReusableRtpPacket();
    private Blackhole blackhole;

    private InterceptorChain stackChain;
    private RemoteStream stackStream;
    private JitterBuffer jitterBuffer;
    private final H264Depacketizer depacketizer = new H264Depacketizer();
    private final FrameSink sink = frame -> blackhole.consume(frame.data()[frame.length() - 1]);

    private InterceptorChain recordingChain;
    private RemoteStream recordingStream;
    private RecordingPipeline pipeline;

    /** Packetizes two seconds of video and builds both paths. */
    @Setup
    public void setUp(Blackhole blackhole) {
        this.blackhole = blackhole;
        H264Packetizer packetizer = new H264Packetizer(1, 96, SSRC, 0, 1200);
        List<byte[]> out = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        for (int frame = 0; frame < FRAMES; frame++) {
            byte[] slice = filler(frame == 0 ? 40_000 : 10_000 - 1300, frame);
            slice[0] = (byte) (frame == 0 ? 0x65 : 0x41);
            slice[1] = (byte) 0x88;
            byte[] start = {0, 0, 0, 1};
            byte[] au = frame == 0 ? concat(start, SPS, start, PPS, start, slice) : concat(start, slice);
            int f = frame;
            packetizer.packetize(au, 0, au.length, (long) FRAME_TICKS * frame, (buf, off, len) -> {
                out.add(Arrays.copyOfRange(buf, off, off + len));
                frames.add(f);
            });
        }
        packets = out.toArray(byte[][]::new);
        frameOfPacket = frames.stream().mapToInt(Integer::intValue).toArray();
        // Packets of a frame leave the pacer spread over its frame interval.
        offsetInFrame = new long[packets.length];
        for (int i = 0; i < packets.length; i++) {
            int first = i;
            while (first > 0 && frameOfPacket[first - 1] == frameOfPacket[i]) {
                first--;
            }
            int last = i;
            while (last + 1 < packets.length && frameOfPacket[last + 1] == frameOfPacket[i]) {
                last++;
            }
            offsetInFrame[i] = FRAME_NANOS * (i - first) / (last - first + 1);
        }

        StreamInfo info = new StreamInfo(SSRC, -1, Set.of(96), Map.of(), 90_000, true,
                Set.of(StreamInfo.Feedback.NACK, StreamInfo.Feedback.NACK_PLI), -1);
        stackChain = new InterceptorChain(InterceptorConfig.defaults(1, "bench"));
        stackStream = stackChain.bindRemoteStream(info);
        jitterBuffer = new JitterBuffer(JitterBuffer.Config.video(), (first, last, cause) -> {
            throw new IllegalArgumentException("no packet is lost in this benchmark: " + first);
        });

        recordingChain = new InterceptorChain(InterceptorConfig.defaults(1, "bench"));
        recordingStream = recordingChain.bindRemoteStream(info);
        pipeline = new RecordingPipeline(MediaTimeline.Config.defaults(), new RecordingPipeline.Output() {
            @Override
            public void onFormat(int track, TrackFormat format) {}

            @Override
            public void onFrame(int track, long ptsMicros, boolean keyframe, byte[] data) {
                ReceivePathBenchmark.this.blackhole.consume(data);
            }

            @Override
            public void requestKeyframe(int track) {}

            @Override
            public void keyframeReceived(int track) {}
        });
        pipeline.addTrack(SSRC, Codec.H264, 1);
        pipeline.onSenderReport(0, new SenderReport(SSRC, NtpTime.fromEpochNanos(1_700_000_000_000_000_000L), 0, 0, 0));
    }

    /** The next packet, its sequence number and timestamp moved on by the cycles replayed; returns its arrival. */
    private long nextPacket() {
        byte[] packet = packets[next];
        int frame = frameOfPacket[next];
        int seq = (int) ((cycle * packets.length + next) & 0xFFFF);
        long ts = (cycle * FRAMES + frame) * FRAME_TICKS;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        packet[4] = (byte) (ts >>> 24);
        packet[5] = (byte) (ts >>> 16);
        packet[6] = (byte) (ts >>> 8);
        packet[7] = (byte) ts;
        long arrival = (cycle * FRAMES + frame) * FRAME_NANOS + offsetInFrame[next] + 1_000_000;
        view.wrap(packet, 0, packet.length);
        if (++next == packets.length) {
            next = 0;
            cycle++;
        }
        return arrival;
    }

    /** Chain, jitter buffer, depacketizer. */
    @Benchmark
    public void stack() {
        long now = nextPacket();
        RtpPacketView media = stackChain.onRtpReceived(now, view, stackStream);
        jitterBuffer.insert(now, media.buffer(), media.offset(), media.length());
        for (RtpPacketView p = jitterBuffer.poll(now); p != null; p = jitterBuffer.poll(now)) {
            depacketizer.push(p, sink);
        }
    }

    /** Chain and recording pipeline. */
    @Benchmark
    public void recording() {
        long now = nextPacket();
        RtpPacketView media = recordingChain.onRtpReceived(now, view, recordingStream);
        pipeline.onRtp(now, 0, media);
    }

    private static byte[] filler(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (2 + (i * 31 + seed * 17) % 250);
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }
}
