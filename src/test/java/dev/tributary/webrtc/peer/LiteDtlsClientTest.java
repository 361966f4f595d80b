package dev.tributary.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.stun.StunAttribute;
import dev.tributary.webrtc.stun.StunAttribute.IceControlling;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.UseCandidate;
import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunClass;
import dev.tributary.webrtc.stun.StunCredentials;
import dev.tributary.webrtc.stun.StunEncoder;
import dev.tributary.webrtc.stun.StunMessage;
import dev.tributary.webrtc.stun.StunMethod;
import dev.tributary.webrtc.stun.TransactionId;
import dev.tributary.webrtc.udp.UdpMux;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ICE-lite answerer of a WHIP publish is the DTLS client ({@code a=setup:active}). It starts
 * its handshake with the answer, so that the ClientHello is ready, but a lite agent sends no data
 * before the peer nominates a pair (RFC 8445 §12.1.1, §7.3.2): the ClientHello leaves with the
 * answer to the nominating check, and not after a check that does not nominate. The publisher
 * here is a plain socket that sends checks by hand.
 */
class LiteDtlsClientTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void theClientHelloWaitsForTheNominationAndFollowsItsResponse() throws Exception {
        try (UdpMux mux = Loopback.mux();
                RTCPeerConnection offerer = new RTCPeerConnection(
                        RTCConfiguration.builder().udp(Loopback.socketPerConnection()).build());
                RTCPeerConnection answerer = new RTCPeerConnection(
                        RTCConfiguration.builder().iceMode(IceMode.LITE).udp(mux).build());
                DatagramSocket publisher = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            offerer.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDONLY);
            RTCSessionDescription offer = offerer.createOffer();
            answerer.setRemoteDescription(offer);
            RTCSessionDescription answer = answerer.createAnswer();
            answerer.setLocalDescription(answer);
            assertThat(answer.sdp()).contains("a=setup:active");
            SessionDescription.IceCredentials local = credentials(offer);
            SessionDescription.IceCredentials remote = credentials(answer);
            InetSocketAddress server = mux.localAddresses().getFirst();

            publisher.send(check(local, remote, false, server));
            publisher.setSoTimeout(300);
            List<byte[]> beforeNomination = receiveAll(publisher);
            assertThat(beforeNomination).hasSize(1);
            assertThat(isStunSuccess(beforeNomination.getFirst())).isTrue();

            publisher.send(check(local, remote, true, server));
            publisher.setSoTimeout(10_000);
            byte[] response = receive(publisher);
            byte[] next = receive(publisher);
            assertThat(isStunSuccess(response)).isTrue();
            // a DTLS handshake record (content type 22) holding a ClientHello (handshake type 1)
            assertThat(next[0]).isEqualTo((byte) 22);
            assertThat(next[13]).isEqualTo((byte) 1);
        }
    }

    private static SessionDescription.IceCredentials credentials(RTCSessionDescription description) {
        SessionDescription sdp = SessionDescription.parse(description.sdp());
        return sdp.effectiveIceCredentials(sdp.media().getFirst()).orElseThrow();
    }

    /** A check from the publisher (controlling), as RFC 8445 §7.2.2 forms it. */
    private DatagramPacket check(SessionDescription.IceCredentials local, SessionDescription.IceCredentials remote,
            boolean nominate, InetSocketAddress to) {
        List<StunAttribute> attributes = new ArrayList<>(List.of(new Username(remote.ufrag() + ":" + local.ufrag()),
                new Priority(1_845_501_695L), new IceControlling(random.nextLong())));
        if (nominate) {
            attributes.add(new UseCandidate());
        }
        byte[] bytes = StunEncoder.PLAIN.withMessageIntegrity(StunCredentials.shortTermKey(remote.pwd()))
                .withFingerprint()
                .encode(StunMessage.request(StunMethod.BINDING, TransactionId.random(random), attributes));
        return new DatagramPacket(bytes, bytes.length, to);
    }

    private static boolean isStunSuccess(byte[] datagram) throws Exception {
        StunMessage message = StunMessage.parse(datagram, 0, datagram.length);
        return message.messageClass() == StunClass.SUCCESS_RESPONSE;
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** Everything that arrives until nothing has for the socket's timeout. */
    private static List<byte[]> receiveAll(DatagramSocket socket) throws Exception {
        List<byte[]> datagrams = new ArrayList<>();
        while (true) {
            try {
                datagrams.add(receive(socket));
            } catch (SocketTimeoutException quiet) {
                return datagrams;
            }
        }
    }
}
