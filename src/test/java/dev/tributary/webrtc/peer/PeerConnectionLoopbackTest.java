package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.interceptor.ReceivedSenderReport;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.udp.UdpMux;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two of our own peer connections on 127.0.0.1: one offers to send audio and video, the other
 * answers and receives, with sockets per connection or one shared port, with full ICE or lite.
 */
class PeerConnectionLoopbackTest {

    enum Setup {
        FULL_SOCKET_PER_CONNECTION(IceMode.FULL, false),
        LITE_SOCKET_PER_CONNECTION(IceMode.LITE, false),
        FULL_SINGLE_PORT(IceMode.FULL, true),
        LITE_SINGLE_PORT(IceMode.LITE, true);

        final IceMode answererMode;
        final boolean singlePort;

        Setup(IceMode answererMode, boolean singlePort) {
            this.answererMode = answererMode;
            this.singlePort = singlePort;
        }
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void answererReceivesEveryPacketOfBothTracksAndTheSenderReports(Setup setup) throws Exception {
        UdpTransportFactory answererUdp = Loopback.socketPerConnection();
        if (setup.singlePort) {
            UdpMux mux = Loopback.mux();
            toClose.add(mux);
            answererUdp = mux;
        }
        RTCPeerConnection offerer = open(RTCConfiguration.builder().udp(Loopback.socketPerConnection()).build());
        RTCPeerConnection answerer = open(RTCConfiguration.builder().iceMode(setup.answererMode)
                .udp(answererUdp).build());

        Map<Long, List<RtpPacket>> received = new ConcurrentHashMap<>();
        List<RemoteTrack> tracks = new CopyOnWriteArrayList<>();
        answerer.onTrack(event -> {
            tracks.add(event.track());
            List<RtpPacket> packets = received.computeIfAbsent(event.track().ssrc(), s -> new CopyOnWriteArrayList<>());
            event.track().setRtpListener((packet, arrival) -> packets.add(RtpPacket.parse(
                    Arrays.copyOfRange(packet.buffer(), packet.offset(), packet.offset() + packet.length()))));
        });

        RTCRtpTransceiver audio = offerer.addTransceiver(MediaKind.AUDIO, RTCRtpTransceiverDirection.SENDONLY);
        RTCRtpTransceiver video = offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        Loopback.negotiate(offerer, answerer);
        Loopback.awaitConnected(offerer, answerer);

        RTCRtpSender audioSender = audio.sender().orElseThrow();
        RTCRtpSender videoSender = video.sender().orElseThrow();
        int audioPt = audioSender.codecs().getFirst().payloadType();
        int videoPt = videoSender.codecs().getFirst().payloadType();
        for (int i = 0; i < 100; i++) {
            audioSender.sendRtp(Loopback.rtp(audioPt, 1000 + i, 960L * i, i % 7 == 0 ? 20 : 80));
            videoSender.sendRtp(Loopback.rtp(videoPt, 65500 + i, 3000L * i, 1100));
            if (i % 10 == 9) {
                Thread.sleep(2); // about what a real sender's pacing gives the socket buffers
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> count(received, audioSender.ssrc()) == 100
                && count(received, videoSender.ssrc()) == 100);
        assertThat(tracks).extracting(RemoteTrack::kind).containsExactlyInAnyOrder(MediaKind.AUDIO, MediaKind.VIDEO);
        List<RtpPacket> videoPackets = received.get(videoSender.ssrc());
        for (int i = 0; i < 100; i++) {
            assertThat(videoPackets.get(i).sequenceNumber()).isEqualTo((65500 + i) & 0xFFFF);
            assertThat(videoPackets.get(i).payloadLength()).isEqualTo(1100);
            assertThat(videoPackets.get(i).payloadType()).isEqualTo(videoPt);
        }
        assertThat(received.get(audioSender.ssrc()).get(3).payloadLength()).isEqualTo(80);

        offerer.writeRtcp(List.of(new SenderReport(videoSender.ssrc(), 0x1234_5678_9abc_def0L, 270_000, 100,
                110_000, List.of(), dev.tributary.webrtc.rtcp.RawBytes.EMPTY)));
        RTCRtpReceiver videoReceiver = tracks.stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst()
                .orElseThrow().receiver();
        List<RtcpPacket> rtcp = videoReceiver.readRtcp(Duration.ofSeconds(5));
        assertThat(rtcp).singleElement().isInstanceOfSatisfying(SenderReport.class,
                sr -> assertThat(sr.rtpTimestamp()).isEqualTo(270_000));
        assertThat(answerer.stats().srtpFailures()).isZero();
    }

    /**
     * A sender report that arrives before its stream's first packet (FFmpeg's WHIP muxer sends one
     * just before, and the next five seconds later) reaches the sender report listener the track
     * gets in {@code onTrack}, as the recorder's timeline needs it.
     */
    @Test
    void aSenderReportBeforeTheFirstPacketReachesTheTrack() throws Exception {
        UdpMux mux = Loopback.mux();
        toClose.add(mux);
        RTCPeerConnection offerer = open(RTCConfiguration.builder().udp(Loopback.socketPerConnection()).build());
        RTCPeerConnection answerer = open(RTCConfiguration.builder().iceMode(IceMode.LITE).udp(mux).build());
        Received received = Received.by(answerer);
        RTCRtpTransceiver video = offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        Loopback.negotiate(offerer, answerer);
        Loopback.awaitConnected(offerer, answerer);
        RTCRtpSender sender = video.sender().orElseThrow();

        // One socket to another on loopback keeps the order, and the answerer reads serially.
        offerer.writeRtcp(List.of(new SenderReport(sender.ssrc(), 0x1234_5678_9abc_def0L, 270_000, 0, 0,
                List.of(), dev.tributary.webrtc.rtcp.RawBytes.EMPTY)));
        sender.sendRtp(Loopback.rtp(sender.codecs().getFirst().payloadType(), 7, 273_000, 500));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.packets.size() == 1);
        assertThat(received.reports).singleElement().satisfies(report -> {
            assertThat(report.ssrc()).isEqualTo(sender.ssrc());
            assertThat(report.rtpTimestamp()).isEqualTo(270_000);
            assertThat(report.ntpTimestamp()).isEqualTo(0x1234_5678_9abc_def0L);
        });
    }

    /**
     * A DTLS server may send media right behind its last handshake flight, before the client has
     * read that flight (FFmpeg's WHIP muxer, the DTLS server by default, sends what it buffered
     * while connecting at once): that media must wait for our keys, not be dropped. Here the
     * server's last flight is held until its report and packets have been sent.
     */
    @Test
    void mediaThatOvertakesTheServersLastFlightIsKeptForTheKeys() throws Exception {
        HeldFinishUdp serverUdp = new HeldFinishUdp(Loopback.socketPerConnection());
        RTCPeerConnection offerer = open(RTCConfiguration.builder().udp(serverUdp).build());
        RTCPeerConnection answerer = open(RTCConfiguration.builder().iceMode(IceMode.LITE)
                .udp(Loopback.socketPerConnection()).build());
        Received received = Received.by(answerer);
        RTCRtpTransceiver video = offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
        Loopback.negotiate(offerer, answerer);
        // The offerer answered actpass with active: the offerer is the server, and done first.
        Loopback.awaitConnected(offerer);
        assertThat(serverUdp.holding()).isTrue();
        assertThat(answerer.connectionState()).isNotEqualTo(RTCPeerConnectionState.CONNECTED);

        RTCRtpSender sender = video.sender().orElseThrow();
        int payloadType = sender.codecs().getFirst().payloadType();
        offerer.writeRtcp(List.of(new SenderReport(sender.ssrc(), 0x1234_5678_9abc_def0L, 270_000, 0, 0,
                List.of(), dev.tributary.webrtc.rtcp.RawBytes.EMPTY)));
        for (int i = 0; i < 5; i++) {
            sender.sendRtp(Loopback.rtp(payloadType, 100 + i, 273_000 + 3000L * i, 500));
        }
        // The connection sends in call order; from one socket to another on loopback, what it
        // has sent arrives before what is released now.
        await().atMost(Duration.ofSeconds(5)).until(() -> serverUdp.rtpSent() == 5);
        serverUdp.release();

        Loopback.awaitConnected(answerer);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.packets.size() == 5);
        assertThat(received.packets).extracting(RtpPacket::sequenceNumber).containsExactly(100, 101, 102, 103, 104);
        assertThat(received.reports).singleElement().satisfies(report -> assertThat(report.rtpTimestamp()).isEqualTo(270_000));
        assertThat(answerer.stats().datagramsBeforeKeys()).isZero();
        assertThat(answerer.stats().srtpFailures()).isZero();
    }

    /** What the answerer's tracks receive: packets and sender reports, set up in {@code onTrack}. */
    private record Received(List<RtpPacket> packets, List<ReceivedSenderReport> reports) {
        static Received by(RTCPeerConnection answerer) {
            Received received = new Received(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            answerer.onTrack(event -> {
                event.track().setSenderReportListener(received.reports::add);
                event.track().setRtpListener((packet, arrival) -> received.packets.add(RtpPacket.parse(
                        Arrays.copyOfRange(packet.buffer(), packet.offset(), packet.offset() + packet.length()))));
            });
            return received;
        }
    }

    private static int count(Map<Long, List<RtpPacket>> received, long ssrc) {
        List<RtpPacket> packets = received.get(ssrc);
        return packets == null ? 0 : packets.size();
    }

    private RTCPeerConnection open(RTCConfiguration config) {
        RTCPeerConnection pc = new RTCPeerConnection(config);
        toClose.add(pc);
        return pc;
    }
}
