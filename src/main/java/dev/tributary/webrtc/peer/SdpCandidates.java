package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceTcpType;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.sdp.Candidate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Converts between the SDP text model of a candidate ({@link Candidate}, {@code a=candidate}) and
 * the ICE agent's ({@link IceCandidate}).
 *
 * <p>SDP allows more than the agent uses: any transport token, priority 0 and up to 2^32-1, and
 * extensions such as {@code generation}. {@link #toIce} returns empty for what the agent cannot
 * hold (a transport other than UDP or TCP, a priority outside 1..2^31-1, a UDP candidate with a
 * {@code tcptype}); extensions are dropped. Host names such as mDNS {@code .local} names are kept
 * as written, never resolved.
 */
public final class SdpCandidates {

    private SdpCandidates() {}

    /**
     * The ICE agent's view of an SDP candidate, or empty if the agent cannot represent it.
     *
     * @param candidate a parsed {@code a=candidate}
     */
    public static Optional<IceCandidate> toIce(Candidate candidate) {
        IceTransportProtocol transport;
        if (candidate.isUdp()) {
            transport = IceTransportProtocol.UDP;
        } else if (candidate.isTcp()) {
            transport = IceTransportProtocol.TCP;
        } else {
            return Optional.empty();
        }
        if (candidate.priority() < 1 || candidate.priority() > IceCandidate.MAX_PRIORITY
                || (transport == IceTransportProtocol.UDP && candidate.tcpType().isPresent())) {
            return Optional.empty();
        }
        IceCandidateType type = switch (candidate.type()) {
            case HOST -> IceCandidateType.HOST;
            case SRFLX -> IceCandidateType.SRFLX;
            case PRFLX -> IceCandidateType.PRFLX;
            case RELAY -> IceCandidateType.RELAY;
        };
        IceTcpType tcpType = candidate.tcpType().map(t -> switch (t) {
            case ACTIVE -> IceTcpType.ACTIVE;
            case PASSIVE -> IceTcpType.PASSIVE;
            case SO -> IceTcpType.SO;
        }).orElse(null);
        return Optional.of(new IceCandidate(candidate.foundation(), candidate.component(), transport,
                candidate.priority(), candidate.address(), candidate.port(), type,
                candidate.relatedAddress().orElse(null), candidate.relatedPort().orElse(0), tcpType));
    }

    /**
     * The ICE candidates of SDP candidates, in order, skipping those {@link #toIce} cannot convert.
     */
    public static List<IceCandidate> toIce(List<Candidate> candidates) {
        return candidates.stream().flatMap(c -> toIce(c).stream()).toList();
    }

    /**
     * The SDP form of an ICE candidate: transport written {@code udp}/{@code tcp},
     * {@code raddr}/{@code rport} when it has a related address, {@code tcptype} for TCP.
     *
     * @throws IllegalArgumentException if the address or related address is not an IP literal
     *     or a domain name (SDP's grammar)
     */
    public static Candidate toSdp(IceCandidate candidate) {
        Candidate.Type type = switch (candidate.type()) {
            case HOST -> Candidate.Type.HOST;
            case SRFLX -> Candidate.Type.SRFLX;
            case PRFLX -> Candidate.Type.PRFLX;
            case RELAY -> Candidate.Type.RELAY;
        };
        Optional<Candidate.TcpType> tcpType = Optional.ofNullable(candidate.tcpType()).map(t -> switch (t) {
            case ACTIVE -> Candidate.TcpType.ACTIVE;
            case PASSIVE -> Candidate.TcpType.PASSIVE;
            case SO -> Candidate.TcpType.SO;
        });
        Optional<String> relatedAddress = Optional.ofNullable(candidate.relatedAddress());
        OptionalInt relatedPort = relatedAddress.isPresent() ? OptionalInt.of(candidate.relatedPort()) : OptionalInt.empty();
        String transport = candidate.transport() == IceTransportProtocol.UDP ? "udp" : "tcp";
        return new Candidate(candidate.foundation(), candidate.component(), transport, candidate.priority(),
                candidate.address(), candidate.port(), type, relatedAddress, relatedPort, tcpType, List.of());
    }
}
