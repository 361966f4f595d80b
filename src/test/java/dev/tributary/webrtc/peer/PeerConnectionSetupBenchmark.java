package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.udp.UdpMux;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The time from the answerer's {@code setRemoteDescription(offer)} until its DTLS is connected
 * (connection state {@code connected}), on 127.0.0.1: the answerer's part of a WHIP publish.
 * Measured: applying the offer, creating and applying the answer, the offerer applying it, ICE
 * checks and nomination, the DTLS handshake and SRTP key export. Not measured (invocation setup):
 * creating both connections and the offer. Read the median (p0.50) of the sample-time output.
 *
 * <p>{@code iceCheckPacingMs} is the Ta both sides propose (RFC 8445 §14.2). A lite answerer
 * proposes none, which counts as 50 ms, so against it the offerer paces at 50 ms whatever it
 * proposes; two full agents that both propose 10 ms nominate 10 ms after the first check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PeerConnectionSetupBenchmark {

    @Param({"LITE_SINGLE_PORT", "FULL_SOCKET_PER_CONNECTION"})
    public String answerer;

    @Param({"50", "10"})
    public int iceCheckPacingMs;

    private UdpMux mux;
    private RTCPeerConnection offerer;
    private RTCPeerConnection answering;
    private RTCSessionDescription offer;
    private CountDownLatch connected;

    @Setup(Level.Trial)
    public void openMux() {
        mux = Loopback.mux();
    }

    @TearDown(Level.Trial)
    public void closeMux() {
        mux.close();
    }

    @Setup(Level.Invocation)
    public void prepare() {
        Duration pacing = Duration.ofMillis(iceCheckPacingMs);
        offerer = new RTCPeerConnection(RTCConfiguration.builder().udp(Loopback.socketPerConnection())
                .iceCheckPacing(pacing).build());
        boolean lite = answerer.startsWith("LITE");
        answering = new RTCPeerConnection(RTCConfiguration.builder()
                .iceMode(lite ? IceMode.LITE : IceMode.FULL)
                .udp(lite ? mux : Loopback.socketPerConnection()).iceCheckPacing(pacing).build());
        offerer.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDONLY);
        offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        offer = offerer.createOffer();
        offerer.setLocalDescription(offer);
        connected = new CountDownLatch(1);
        answering.onConnectionStateChange(state -> {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.countDown();
            }
        });
    }

    @TearDown(Level.Invocation)
    public void close() {
        offerer.close();
        answering.close();
    }

    @Benchmark
    public void offerToConnected() throws InterruptedException {
        answering.setRemoteDescription(offer);
        RTCSessionDescription answer = answering.createAnswer();
        answering.setLocalDescription(answer);
        offerer.setRemoteDescription(answer);
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected within 10 s");
        }
    }
}
