package dev.tributary.webrtc.rtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The RTP header on the hot paths, for a typical WebRTC video packet: 1200 bytes, a one-byte
 * extension block with mid, abs-send-time and transport-wide-cc (Chrome's IDs 4, 2, 3).
 *
 * <pre>
 * mvn -B -ntp -q -Pbench test-compile exec:exec \
 *     -Djmh.args="RtpHeaderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpHeaderBenchmark {

    private static final int MID = 4;
    private static final int ABS_SEND_TIME = 2;
    private static final int TRANSPORT_CC = 3;

    private final byte[] packet = new byte[1200];
    private final byte[] out = new byte[1500];
    private final byte[] mid = {'0'};
    private final byte[] absSendTime = new byte[3];
    private final byte[] transportCc = new byte[2];
    private final ReusableRtpPacket view = new ReusableRtpPacket();
    private final RtpPacketBuilder builder = RtpPacket.builder();
    private RtpPacket parsed;
    private int sequenceNumber;

    /** Builds the packet the benchmarks read. */
    @Setup
    public void setUp() {
        byte[] payload = new byte[1200 - 28];
        payload[0] = 0x7c;
        int length = RtpPacket.builder().marker(true).payloadType(96).sequenceNumber(4711)
                .timestamp(0x12345678L).ssrc(0x5eed5eed)
                .addExtension(MID, mid)
                .addExtension(ABS_SEND_TIME, new byte[] {0x12, 0x34, 0x56})
                .addExtension(TRANSPORT_CC, new byte[] {0x0a, (byte) 0xbc})
                .payload(payload)
                .writeTo(packet, 0);
        if (length != packet.length) {
            throw new IllegalArgumentException("benchmark packet is " + length + " bytes");
        }
        parsed = RtpPacket.parse(packet);
        builder.payloadType(96).ssrc(0x5eed5eed);
    }

    /** Parse into the immutable packet: allocates the result unless escape analysis removes it. */
    @Benchmark
    public RtpPacket parse() {
        return RtpPacket.parse(packet, 0, packet.length);
    }

    /** Parse into the reused flyweight, as the receive path does: allocates nothing. */
    @Benchmark
    public ReusableRtpPacket parseReusable() {
        return view.wrap(packet, 0, packet.length);
    }

    /** Read the transport-wide sequence number from a parsed packet. */
    @Benchmark
    public int readTransportCc() {
        return HeaderExtensions.transportSequenceNumber(parsed, TRANSPORT_CC);
    }

    /** Parse into the flyweight and read the transport-wide sequence number: the TWCC receive step. */
    @Benchmark
    public int parseReusableAndReadTransportCc() {
        return HeaderExtensions.transportSequenceNumber(view.wrap(packet, 0, packet.length), TRANSPORT_CC);
    }

    /** A packetizer's per-packet header: new sequence number, timestamp and extension values. */
    @Benchmark
    public int writeHeader() {
        int seq = sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        transportCc[0] = (byte) (seq >>> 8);
        transportCc[1] = (byte) seq;
        absSendTime[2] = (byte) seq;
        return builder.sequenceNumber(seq).timestamp(seq * 3000L).marker((seq & 7) == 0)
                .clearExtensions()
                .addExtension(MID, mid)
                .addExtension(ABS_SEND_TIME, absSendTime)
                .addExtension(TRANSPORT_CC, transportCc)
                .writeHeaderTo(out, 0);
    }
}
