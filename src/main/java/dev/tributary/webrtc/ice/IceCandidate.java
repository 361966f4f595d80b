package dev.tributary.webrtc.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * An ICE candidate (RFC 8445 §5.1, the fields of an SDP {@code a=candidate} line, RFC 8839
 * §5.1). The SDP package parses and writes the text; this record holds the values the agent uses.
 *
 * <p>The address stays a string: an IP literal, or a name such as an mDNS {@code .local} name
 * (RFC 8445 does not resolve names, and this package never does DNS).
 *
 * @param foundation 1..32 ice-chars; candidates of the same type, base IP, server and transport
 *     share it (RFC 8445 §5.1.1.3)
 * @param component 1..256; 1 (RTP, with rtcp-mux) is the only one the agent pairs
 * @param transport UDP or TCP
 * @param priority 1..2^31-1 (RFC 8445 §5.1.2)
 * @param address an IP literal or a host name
 * @param port 0..65535
 * @param type host, srflx, prflx or relay
 * @param relatedAddress the {@code raddr} (the base of a reflexive candidate), or null
 * @param relatedPort the {@code rport}, 0 when there is no related address
 * @param tcpType the {@code tcptype} of a TCP candidate, or null (always null for UDP)
 */
public record IceCandidate(String foundation, int component, IceTransportProtocol transport, long priority,
        String address, int port, IceCandidateType type, String relatedAddress, int relatedPort,
        IceTcpType tcpType) {

    /** Longest foundation RFC 8839 §5.1 allows. */
    public static final int MAX_FOUNDATION_LENGTH = 32;
    /** Largest candidate priority (RFC 8839 §5.1: 1..2^31-1). */
    public static final long MAX_PRIORITY = 0x7FFF_FFFFL;

    /**
     * @throws NullPointerException if foundation, transport, address or type is null
     * @throws IllegalArgumentException if a value is out of the range above, the foundation is
     *     not 1..32 ice-chars, the address is empty, or a UDP candidate has a tcptype
     */
    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (foundation.isEmpty() || foundation.length() > MAX_FOUNDATION_LENGTH
                || !IceCredentials.isIceChars(foundation)) {
            throw new IllegalArgumentException("foundation must be 1..32 ice-chars: " + foundation);
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component must be 1..256: " + component);
        }
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1..2^31-1: " + priority);
        }
        if (address.isEmpty()) {
            throw new IllegalArgumentException("address must not be empty");
        }
        checkPort(port, "port");
        checkPort(relatedPort, "related port");
        if (relatedAddress != null && relatedAddress.isEmpty()) {
            throw new IllegalArgumentException("related address must be null or not empty");
        }
        if (transport == IceTransportProtocol.UDP && tcpType != null) {
            throw new IllegalArgumentException("a UDP candidate has no tcptype");
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535: " + port);
        }
    }

    /**
     * A UDP host candidate for component 1, with a foundation computed from its address.
     *
     * @param address a resolved address (the base, or an address announced for it)
     * @param localPreference 0..65535, see {@link IcePriority#localPreference}
     * @return the candidate
     * @throws IllegalArgumentException if the address is unresolved or the preference out of range
     */
    public static IceCandidate host(InetSocketAddress address, int localPreference) {
        InetAddress ip = resolved(address);
        return new IceCandidate(foundation(IceCandidateType.HOST, ip, null, IceTransportProtocol.UDP), 1,
                IceTransportProtocol.UDP, IcePriority.candidatePriority(IceCandidateType.HOST, localPreference, 1),
                ip.getHostAddress(), address.getPort(), IceCandidateType.HOST, null, 0, null);
    }

    /**
     * A reflexive UDP candidate of component 1 whose related address is its base.
     *
     * @param type {@link IceCandidateType#SRFLX} or {@link IceCandidateType#PRFLX}
     * @param address the reflexive address
     * @param base the base it was learned from
     * @param server the STUN server that reported it, or null for a peer-reflexive candidate
     * @param priority its priority
     * @return the candidate
     */
    static IceCandidate reflexive(IceCandidateType type, InetSocketAddress address, InetSocketAddress base,
            InetSocketAddress server, long priority) {
        InetAddress baseIp = resolved(base);
        return new IceCandidate(foundation(type, baseIp, server == null ? null : resolved(server),
                IceTransportProtocol.UDP), 1, IceTransportProtocol.UDP, priority,
                resolved(address).getHostAddress(), address.getPort(), type, baseIp.getHostAddress(), base.getPort(),
                null);
    }

    private static InetAddress resolved(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be resolved: " + address);
        }
        return address.getAddress();
    }

    /**
     * A foundation shared exactly by candidates with the same type, base IP, STUN or TURN server
     * and transport (RFC 8445 §5.1.1.3): a CRC-32 of those, in base 36.
     *
     * @param type the candidate type
     * @param base the IP address of the candidate's base
     * @param server the server's IP address, or null for host and peer-reflexive candidates
     * @param transport the transport
     * @return 1..7 ice-chars
     */
    public static String foundation(IceCandidateType type, InetAddress base, InetAddress server,
            IceTransportProtocol transport) {
        CRC32 crc = new CRC32();
        String key = type + "|" + base.getHostAddress() + "|" + (server == null ? "" : server.getHostAddress())
                + "|" + transport;
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue(), 36);
    }

    /**
     * @return whether the address is an mDNS name (ends in {@code .local}, RFC 6762), which the
     *     agent does not resolve unless given a resolver
     */
    public boolean isMdns() {
        String name = address.toLowerCase(Locale.ROOT);
        return name.endsWith(".local") || name.endsWith(".local.");
    }

    /** @return the local preference part of the priority (RFC 8445 §5.1.2.1) */
    public int localPreference() {
        return (int) (priority >>> 8) & 0xFFFF;
    }
}
