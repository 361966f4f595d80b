package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A datagram the driver must send.
 *
 * @param localBase the local base to send from: the socket of the candidate's base
 * @param destination where to send it
 * @param datagram the bytes; the agent keeps no reference, the driver owns them
 */
public record Transmit(InetSocketAddress localBase, InetSocketAddress destination, byte[] datagram) {
    /** @throws NullPointerException if an argument is null */
    public Transmit {
        Objects.requireNonNull(localBase, "localBase");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(datagram, "datagram");
    }
}
