package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;

/** A remote candidate and its resolved address. A peer-reflexive one is replaced when it is signalled later. */
final class RemoteCandidate {

    private IceCandidate candidate;
    private final InetSocketAddress address;

    RemoteCandidate(IceCandidate candidate, InetSocketAddress address) {
        this.candidate = candidate;
        this.address = address;
    }

    IceCandidate candidate() {
        return candidate;
    }

    void replace(IceCandidate signalled) {
        candidate = signalled;
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isIpv6() {
        return address.getAddress() instanceof java.net.Inet6Address;
    }
}
