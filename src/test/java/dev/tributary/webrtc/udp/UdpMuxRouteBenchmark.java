package dev.tributary.webrtc.udp;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the shared port does per datagram once the source is mapped: classify, look up the
 * source, call the handler. Meant to show it allocates nothing ({@code -prof gc}).
 *
 * <pre>
 * mvn -B -ntp -q -Pbench test-compile exec:exec \
 *     -Djmh.args="UdpMuxRouteBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UdpMuxRouteBenchmark {

    private final byte[] srtp = new byte[1200];
    private final byte[] dtls = new byte[300];
    private UdpMux mux;
    private UdpTransport[] transports;
    private InetSocketAddress local;
    private InetSocketAddress source;
    private long delivered;

    /** A mux with 100 connections, the source of the routed packets mapped to one of them. */
    @Setup
    public void setUp() {
        mux = UdpMux.bind(0, Loopback.ONLY_LOOPBACK);
        local = mux.localAddresses().getFirst();
        transports = new UdpTransport[100];
        for (int i = 0; i < transports.length; i++) {
            transports[i] = mux.open("ufrag" + i, (l, s, buf, off, len) -> delivered += len);
        }
        source = new InetSocketAddress(Loopback.ADDRESS, 50_000);
        byte[] request = Loopback.bindingRequest("ufrag42", "remote");
        mux.route(local, source, request, 0, request.length);
        srtp[0] = (byte) 0x80;
        srtp[1] = 96;
        dtls[0] = 23;
    }

    @TearDown
    public void tearDown() {
        mux.close();
    }

    @Benchmark
    public long routeSrtp() {
        mux.route(local, source, srtp, 0, srtp.length);
        return delivered;
    }

    @Benchmark
    public long routeDtls() {
        mux.route(local, source, dtls, 0, dtls.length);
        return delivered;
    }

    @Benchmark
    public Object classify() {
        return DatagramKind.classify(srtp, 0, srtp.length);
    }
}
