package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A candidate pair as the agent reports it, for sending data and for getStats.
 *
 * @param local the local candidate; for a valid pair, the one the peer saw the check come from
 *     (a peer-reflexive candidate when it was not signalled, RFC 8445 §7.2.5.3.2)
 * @param remote the remote candidate, peer-reflexive when learned from a check
 * @param localBase the socket address to send from
 * @param remoteAddress the address to send to
 * @param priority the pair priority (RFC 8445 §6.1.2.3) for the agent's current role
 */
public record IceCandidatePair(IceCandidate local, IceCandidate remote, InetSocketAddress localBase,
        InetSocketAddress remoteAddress, long priority) {
    /** @throws NullPointerException if a field is null */
    public IceCandidatePair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localBase, "localBase");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
