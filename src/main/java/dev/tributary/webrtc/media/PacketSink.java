package dev.tributary.webrtc.media;

/**
 * Receives the RTP packets a {@link Packetizer} writes.
 *
 * <p>The packet lies in the packetizer's reused array and is valid only until {@code onPacket}
 * returns; a sink that queues packets copies the range.
 */
@FunctionalInterface
public interface PacketSink {

    /**
     * @param packet the array holding the packet
     * @param offset index of the packet's first byte
     * @param length packet length in bytes, RTP header included
     */
    void onPacket(byte[] packet, int offset, int length);
}
