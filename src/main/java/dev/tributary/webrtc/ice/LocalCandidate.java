package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;

/**
 * A local candidate with its base, the socket it sends from (RFC 8445 §5.1.1), and its address
 * as a socket address: the candidate's own when it is an IP literal, the base's when it is a name
 * (an mDNS host candidate).
 */
record LocalCandidate(IceCandidate candidate, InetSocketAddress base, InetSocketAddress address) {

    /** Whether checks go out from this candidate: server-reflexive ones are replaced by their base (§6.1.2.4). */
    boolean isPairable() {
        return candidate.type() == IceCandidateType.HOST || candidate.type() == IceCandidateType.RELAY;
    }

    boolean isIpv6() {
        return base.getAddress() instanceof java.net.Inet6Address;
    }
}
