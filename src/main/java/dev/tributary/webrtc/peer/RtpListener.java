package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.RtpPacketView;

/**
 * Takes the decrypted RTP packets of one remote track (RTX already unwrapped into the packets it
 * carries). Called on the peer connection's thread of control, in arrival order; the packet and
 * its buffer are valid only during the call (copy what you keep, e.g. into a jitter buffer). It
 * must return quickly and never block: it holds up everything else the connection does.
 *
 * <p>A listener that keeps packets for a while (a jitter buffer) can have the connection's thread
 * call it back at a deadline of its own: {@link #nextDeadline()} is read after every call into
 * the listener and {@link #onTimeout(long)} runs when it is due. Times are
 * {@link System#nanoTime()} values.
 */
@FunctionalInterface
public interface RtpListener {

    /**
     * @param packet the packet, valid during the call only
     * @param arrivalNanos when its datagram was received
     */
    void onRtp(RtpPacketView packet, long arrivalNanos);

    /** When this listener next wants {@link #onTimeout}, or {@code Long.MAX_VALUE}. */
    default long nextDeadline() {
        return Long.MAX_VALUE;
    }

    /** Its deadline has come. */
    default void onTimeout(long now) {}
}
