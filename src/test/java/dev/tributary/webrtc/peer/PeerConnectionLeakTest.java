package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.udp.UdpMux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * 500 peer connections on loopback (250 pairs, half of the answerers on one shared port): a
 * third closed by us, a third closed by the remote side (DTLS close_notify), a third left to fail
 * when the remote peer vanishes and consent expires. Afterwards the process's open file
 * descriptors and live threads are back where they started, without anyone calling
 * {@code close()} on the connections that failed or were closed remotely.
 */
class PeerConnectionLeakTest {

    private static final int PAIRS = 250;
    /** Longer than RFC 7675's longest gap between consent checks (6 s), so that only the vanished fail. */
    private static final Duration CONSENT = Duration.ofSeconds(12);

    private enum Ending { CLOSED_BY_US, CLOSED_BY_REMOTE, REMOTE_VANISHED }

    private record Pair(RTCPeerConnection offerer, RTCPeerConnection answerer, CuttableUdp offererUdp,
            Ending ending) {}

    @Test
    void fileDescriptorsAndThreadsReturnToTheBaseline() throws Exception {
        try (UdpMux mux = Loopback.mux()) {
            closeAll(List.of(connectPair(mux, Ending.CLOSED_BY_US, 0))); // warm up: classes, certificate, pools
            int baselineFds = ThreadCensus.openFileDescriptors();
            List<String> baselineThreads = ThreadCensus.liveThreads();

            List<Pair> pairs = new ArrayList<>();
            Semaphore handshakes = new Semaphore(16);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Pair>> futures = new ArrayList<>();
                for (int i = 0; i < PAIRS; i++) {
                    Ending ending = Ending.values()[i % 3];
                    int index = i;
                    futures.add(executor.submit(() -> {
                        handshakes.acquire();
                        try {
                            return connectPair(mux, ending, index);
                        } finally {
                            handshakes.release();
                        }
                    }));
                }
                for (Future<Pair> future : futures) {
                    pairs.add(future.get());
                }
            }
            assertThat(ThreadCensus.openFileDescriptors()).isGreaterThan(baselineFds + PAIRS / 2);

            for (Pair pair : pairs) {
                switch (pair.ending) {
                    case CLOSED_BY_US -> pair.answerer.close();
                    case CLOSED_BY_REMOTE -> pair.offerer.close();
                    case REMOTE_VANISHED -> pair.offererUdp.cut();
                }
            }
            await().atMost(CONSENT.multipliedBy(3)).until(() -> pairs.stream().allMatch(PeerConnectionLeakTest::ended));
            for (Pair pair : pairs) {
                switch (pair.ending) {
                    case CLOSED_BY_US -> {
                        assertThat(pair.answerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
                        assertThat(pair.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
                    }
                    case CLOSED_BY_REMOTE -> assertThat(pair.answerer.connectionState())
                            .isEqualTo(RTCPeerConnectionState.CLOSED);
                    case REMOTE_VANISHED -> {
                        assertThat(pair.answerer.connectionState()).isEqualTo(RTCPeerConnectionState.FAILED);
                        assertThat(pair.offerer.connectionState()).isEqualTo(RTCPeerConnectionState.FAILED);
                    }
                }
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(ThreadCensus.openFileDescriptors()).isLessThanOrEqualTo(baselineFds);
                List<String> threads = ThreadCensus.liveThreads();
                assertThat(threads).as("live threads now vs. at the start %s", baselineThreads)
                        .hasSizeLessThanOrEqualTo(baselineThreads.size());
            });
            assertThat(ConnectionLoop.LIVE_THREADS.get()).isZero();
        }
    }

    private static boolean ended(Pair pair) {
        RTCPeerConnectionState answerer = pair.answerer.connectionState();
        RTCPeerConnectionState offerer = pair.offerer.connectionState();
        return (answerer == RTCPeerConnectionState.CLOSED || answerer == RTCPeerConnectionState.FAILED)
                && (offerer == RTCPeerConnectionState.CLOSED || offerer == RTCPeerConnectionState.FAILED);
    }

    private static Pair connectPair(UdpMux mux, Ending ending, int index) {
        CuttableUdp offererUdp = new CuttableUdp(Loopback.socketPerConnection());
        RTCPeerConnection offerer = new RTCPeerConnection(RTCConfiguration.builder().udp(offererUdp)
                .consentTimeout(CONSENT).build());
        RTCPeerConnection answerer = new RTCPeerConnection(RTCConfiguration.builder()
                .iceMode(index % 2 == 0 ? IceMode.LITE : IceMode.FULL)
                .udp(index % 4 < 2 ? mux : Loopback.socketPerConnection())
                .consentTimeout(CONSENT).build());
        offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        Loopback.negotiate(offerer, answerer);
        Loopback.awaitConnected(offerer, answerer);
        return new Pair(offerer, answerer, offererUdp, ending);
    }

    private static void closeAll(List<Pair> pairs) {
        for (Pair pair : pairs) {
            pair.offerer.close();
            pair.answerer.close();
        }
    }
}
