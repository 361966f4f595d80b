package dev.tributary.webrtc.interceptor;

import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.List;
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
 * One received video packet through the default chain: a 2.5 Mbit/s-like stream of 1100-byte
 * packets (about 285 a second, 3.5 ms apart, 9 per 30 fps frame) with a transport-wide sequence
 * number, every 50th packet arriving one place late. {@code onRtpReceived} is the per-packet hot
 * path alone; {@code withTimersAndRtcp} also runs the timers when due and drains the RTCP, so its
 * cost and allocation include receiver reports and TWCC feedback, amortised per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterceptorChainBenchmark {

    private static final int PACKETS = 1024;
    private static final long SPACING_NANOS = 3_500_000;

    private InterceptorChain chain;
    private RemoteStream stream;
    private final ReusableRtpPacket view = new ReusableRtpPacket();
    private byte[][] packets;
    private int next;
    private int sequence;
    private long now;

    @Setup
    public void setUp() {
        chain = new InterceptorChain(InterceptorConfig.defaults(Media.LOCAL_SSRC, "bench"));
        stream = chain.bindRemoteStream(Media.video());
        packets = new byte[PACKETS][];
        for (int i = 0; i < PACKETS; i++) {
            RtpPacket packet = RtpPacket.builder().ssrc(Media.VIDEO_SSRC).payloadType(Media.VP8)
                    .sequenceNumber(i).timestamp(3000L * (i / 9)).marker(i % 9 == 8)
                    .addExtension(Media.TWCC_ID, Media.transportSequence(i)).payload(Media.payload(i, 1080))
                    .build();
            packets[i] = packet.copy().buffer();
        }
    }

    /** Re-numbers the next buffer so that sequence numbers keep counting past the array. */
    private ReusableRtpPacket nextPacket() {
        byte[] bytes = packets[next];
        next = (next + 1) & (PACKETS - 1);
        // Every 50th packet swaps places with its successor: a little reordering.
        int seq = sequence % 50 == 0 ? sequence + 1 : sequence % 50 == 1 ? sequence - 1 : sequence;
        sequence++;
        bytes[2] = (byte) (seq >>> 8);
        bytes[3] = (byte) seq;
        bytes[17] = (byte) (seq >>> 8);
        bytes[18] = (byte) seq;
        now += SPACING_NANOS;
        return view.wrap(bytes, 0, bytes.length);
    }

    @Benchmark
    public RtpPacketView onRtpReceived() {
        return chain.onRtpReceived(now, nextPacket(), stream);
    }

    @Benchmark
    public RtpPacketView withTimersAndRtcp(Blackhole blackhole) {
        RtpPacketView out = chain.onRtpReceived(now, nextPacket(), stream);
        if (chain.nextDeadline() <= now) {
            chain.handleTimeout(now);
            for (List<RtcpPacket> compound = chain.pollRtcp(); !compound.isEmpty(); compound = chain.pollRtcp()) {
                blackhole.consume(compound);
            }
        }
        return out;
    }
}
