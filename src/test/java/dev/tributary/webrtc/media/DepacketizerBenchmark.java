package dev.tributary.webrtc.media;

import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
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
 * H.264 depacketizing at 2.5 Mbit/s and 30 fps: one second of access units (a 40 kB IDR with
 * SPS/PPS, then about 10 kB P frames) packetized into FU-A packets of at most 1200 bytes, pushed
 * one packet per operation through a reused flyweight, as the receive path does. Score is
 * ns/packet; {@code -prof gc} shows the steady state allocates nothing.
 *
 * <pre>
 * mvn -B -ntp -q -Pbench test-compile exec:exec \
 *     -Djmh.args="DepacketizerBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DepacketizerBenchmark {

    private final H264Depacketizer depacketizer = new H264Depacketizer();
    private final ReusableRtpPacket view = new ReusableRtpPacket();
    private byte[][] packets;
    private int next;
    private Blackhole blackhole;
    private final FrameSink sink = frame -> blackhole.consume(frame.data()[frame.length() - 1]);

    /** Packetizes one second of video. */
    @Setup
    public void setUp(Blackhole blackhole) {
        this.blackhole = blackhole;
        H264Packetizer packetizer = new H264Packetizer(1, 96, 0x5eed, 0, 1200);
        List<byte[]> out = new ArrayList<>();
        for (int frame = 0; frame < 30; frame++) {
            byte[] slice = Media.filler(frame == 0 ? 40_000 : 10_000 - 1300, frame);
            slice[0] = (byte) (frame == 0 ? 0x65 : 0x41);
            slice[1] = (byte) 0x88;
            byte[] au = frame == 0
                    ? Media.concat(new byte[] {0, 0, 0, 1}, H264DepacketizerTest.SPS, new byte[] {0, 0, 0, 1},
                            H264DepacketizerTest.PPS, new byte[] {0, 0, 0, 1}, slice)
                    : Media.concat(new byte[] {0, 0, 0, 1}, slice);
            packetizer.packetize(au, 0, au.length, 3000L * frame,
                    (buf, off, len) -> out.add(Arrays.copyOfRange(buf, off, off + len)));
        }
        packets = out.toArray(byte[][]::new);
    }

    /** Parse one packet into the flyweight and depacketize it. */
    @Benchmark
    public void pushPacket() {
        byte[] packet = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        depacketizer.push(view.wrap(packet, 0, packet.length), sink);
    }
}
