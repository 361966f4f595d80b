package dev.tributary.webrtc.sim;

import java.net.InetSocketAddress;

/**
 * A UDP datagram in the simulated network.
 *
 * @param from the source address
 * @param to the destination address
 * @param data the payload
 */
public record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {}
