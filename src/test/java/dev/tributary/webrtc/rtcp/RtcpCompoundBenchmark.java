package dev.tributary.webrtc.rtcp;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing the RTCP datagrams a WebRTC peer receives most: a sender's SR + SDES(CNAME), a receiver's
 * RR + NACK + REMB, and transport-wide feedback for about 100 packets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtcpCompoundBenchmark {

    private byte[] senderReportAndSdes;
    private byte[] receiverReportNackAndRemb;
    private byte[] transportFeedback;

    @Setup
    public void setUp() {
        senderReportAndSdes = RtcpSamples.SR_SDES.clone();
        receiverReportNackAndRemb = RtcpSamples.RR_NACK_REMB.clone();
        // 100 sequence numbers at about 1 ms spacing with 5% loss and some jitter and reordering.
        Random random = new Random(1);
        TransportFeedback.Builder builder = TransportFeedback.builder(1, 2, 40_000, 5_000_000, 9);
        long arrival = 5_000_000;
        for (int seq = 40_000; seq < 40_100; seq++) {
            arrival += 1_000 + random.nextInt(-400, 800);
            if (random.nextInt(20) != 0) {
                builder.addReceived(seq, random.nextInt(30) == 0 ? arrival - 30_000 : arrival);
            }
        }
        transportFeedback = builder.build().toByteArray();
    }

    @Benchmark
    public List<RtcpPacket> senderReportAndSdes() {
        return RtcpCompound.parse(senderReportAndSdes, 0, senderReportAndSdes.length);
    }

    @Benchmark
    public List<RtcpPacket> receiverReportNackAndRemb() {
        return RtcpCompound.parse(receiverReportNackAndRemb, 0, receiverReportNackAndRemb.length);
    }

    @Benchmark
    public List<RtcpPacket> transportFeedback100() {
        return RtcpCompound.parse(transportFeedback, 0, transportFeedback.length);
    }
}
