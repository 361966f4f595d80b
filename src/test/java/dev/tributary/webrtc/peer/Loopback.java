package dev.tributary.webrtc.peer;

import static org.awaitility.Awaitility.await;

import dev.tributary.webrtc.rtp.RtpPacket;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpMux;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.net.InetAddress;
import java.time.Duration;

/** Our own peer connections on 127.0.0.1, for tests. */
final class Loopback {

    private Loopback() {}

    static AddressFilter loopbackOnly() {
        return AddressFilter.of(InetAddress.getLoopbackAddress());
    }

    /** Sockets of its own for each connection, on 127.0.0.1. */
    static UdpTransportFactory socketPerConnection() {
        return new UdpSocketFactory(loopbackOnly());
    }

    /** One shared port on 127.0.0.1, chosen by the system. */
    static UdpMux mux() {
        return UdpMux.bind(0, loopbackOnly());
    }

    /** Offer from {@code offerer}, answer from {@code answerer}, both applied. */
    static void negotiate(RTCPeerConnection offerer, RTCPeerConnection answerer) {
        RTCSessionDescription offer = offerer.createOffer();
        offerer.setLocalDescription(offer);
        answerer.setRemoteDescription(offer);
        RTCSessionDescription answer = answerer.createAnswer();
        answerer.setLocalDescription(answer);
        offerer.setRemoteDescription(answer);
    }

    static void awaitConnected(RTCPeerConnection... connections) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (RTCPeerConnection pc : connections) {
                if (pc.connectionState() != RTCPeerConnectionState.CONNECTED) {
                    return false;
                }
            }
            return true;
        });
    }

    /** An RTP packet with a payload of {@code payloadLength} bytes counting up from the sequence number. */
    static RtpPacket rtp(int payloadType, int sequenceNumber, long timestamp, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (sequenceNumber + i);
        }
        return RtpPacket.builder().payloadType(payloadType).sequenceNumber(sequenceNumber & 0xFFFF)
                .timestamp(timestamp & 0xFFFF_FFFFL).ssrc(1).payload(payload).build();
    }
}
