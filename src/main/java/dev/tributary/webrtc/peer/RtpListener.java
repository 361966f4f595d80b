package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.RtpPacketView;

/**
 * Takes the decrypted RTP packets of one remote track. Called on the peer connection's thread of
 * control, in arrival order; the packet and its buffer are valid only during the call (copy what
 * you keep, e.g. with {@code RtpPacket.parse}). It must return quickly and never block: it holds
 * up everything else the connection does.
 */
@FunctionalInterface
public interface RtpListener {

    void onRtp(RtpPacketView packet);
}
