package dev.tributary.webrtc.media;

import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.rtp.RtpPacketView;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One packet through the jitter buffer as the owner's loop does it: insert a 1200-byte video
 * packet, then poll until nothing more may be released. The stream is either in order or has 5 %
 * of its packets swapped with their successor (each such swap holds one packet for one arrival).
 * The sequence number is rewritten into one receive buffer, as a receive loop reuses its buffer.
 *
 * <pre>
 * mvn -B -ntp -q -Pbench test-compile exec:exec \
 *     -Djmh.args="JitterBufferBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBenchmark {

    private static final int PERIOD = 1 << 16;

    /** Percentage of packets swapped with the next one. */
    @Param({"0", "5"})
    public int reorderedPercent;

    private final byte[] packet = new byte[1200];
    private final int[] order = new int[PERIOD];
    private JitterBuffer buffer;
    private int index;
    private long now;

    /** Builds the packet and the arrival order. */
    @Setup
    public void setUp() {
        int length = RtpPacket.builder().payloadType(96).sequenceNumber(0).timestamp(0).ssrc(0x5eed)
                .payload(new byte[1200 - 12]).writeTo(packet, 0);
        if (length != packet.length) {
            throw new IllegalArgumentException("benchmark packet is " + length + " bytes");
        }
        for (int i = 0; i < PERIOD; i++) {
            order[i] = i;
        }
        Random random = new Random(42);
        for (int i = 0; i < PERIOD - 1; i++) {
            if (random.nextInt(100) < reorderedPercent) {
                order[i] = i + 1;
                order[i + 1] = i;
                i++;
            }
        }
        buffer = new JitterBuffer(JitterBuffer.Config.video(), (first, last, cause) -> {
            throw new IllegalArgumentException("no packet is lost in this benchmark: " + first);
        });
    }

    /** Inserts the next packet and drains what it releases. */
    @Benchmark
    public int insertAndPoll() {
        int seq = order[index];
        index = (index + 1) & (PERIOD - 1);
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        now += 1_000_000L;
        buffer.insert(now, packet, 0, packet.length);
        int released = 0;
        for (RtpPacketView p; (p = buffer.poll(now)) != null; ) {
            released += p.sequenceNumber();
        }
        return released;
    }
}
