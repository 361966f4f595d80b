package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsFingerprint;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceTransportProtocol;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Connection;
import dev.tributary.webrtc.sdp.Direction;
import dev.tributary.webrtc.sdp.ExtMap;
import dev.tributary.webrtc.sdp.Fingerprint;
import dev.tributary.webrtc.sdp.Fmtp;
import dev.tributary.webrtc.sdp.IcePacing;
import dev.tributary.webrtc.sdp.IcePwd;
import dev.tributary.webrtc.sdp.IceUfrag;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.Msid;
import dev.tributary.webrtc.sdp.RtcpFb;
import dev.tributary.webrtc.sdp.Rtpmap;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.sdp.Setup;
import dev.tributary.webrtc.sdp.Ssrc;
import dev.tributary.webrtc.sdp.SsrcGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading the negotiated values out of media sections, shared by the answerer and the offerer. */
final class JsepSections {

    /** The protocols of WebRTC media sections (RFC 8829 §5.1.2; SAVP from non-feedback peers). */
    static final Set<String> RTP_PROTOCOLS = Set.of("UDP/TLS/RTP/SAVPF", "UDP/TLS/RTP/SAVP");

    private JsepSections() {}

    /** The kind of an {@code m=audio} or {@code m=video} section. */
    static Optional<MediaKind> kind(MediaDescription section) {
        for (MediaKind kind : MediaKind.values()) {
            if (kind.sdpName().equals(section.media())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static boolean isRtx(Rtpmap rtpmap) {
        return rtpmap.encodingName().equalsIgnoreCase("rtx");
    }

    /** The {@code apt} of an RTX format's fmtp, or -1. */
    static int apt(Optional<Fmtp> fmtp) {
        Optional<String> apt = fmtp.flatMap(f -> f.parameter("apt"));
        if (apt.isEmpty() || apt.get().isEmpty() || apt.get().length() > 3
                || !apt.get().chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(apt.get());
        return value <= 127 ? value : -1;
    }

    /**
     * The media codecs of a section in m= line order, with their feedback and RTX payload types.
     * Formats without {@code a=rtpmap} in the section or the fallback are skipped, as are RTX
     * formats (they become {@code rtxPayloadType}).
     *
     * @param fallback a section to take {@code a=rtpmap}/{@code a=fmtp} from when the section lacks
     *     them (the offer's, for an answer)
     */
    static List<RTCRtpCodecParameters> codecs(MediaKind kind, MediaDescription section,
            Optional<MediaDescription> fallback) {
        Map<Integer, Integer> rtxByApt = new LinkedHashMap<>();
        List<Integer> media = new ArrayList<>();
        for (int pt : new LinkedHashSet<>(section.payloadTypes())) {
            Optional<Rtpmap> rtpmap = rtpmap(section, fallback, pt);
            if (rtpmap.isEmpty()) {
                continue;
            }
            if (isRtx(rtpmap.get())) {
                int apt = apt(fmtp(section, fallback, pt));
                if (apt >= 0) {
                    rtxByApt.putIfAbsent(apt, pt);
                }
            } else {
                media.add(pt);
            }
        }
        List<RTCRtpCodecParameters> codecs = new ArrayList<>();
        for (int pt : media) {
            Rtpmap rtpmap = rtpmap(section, fallback, pt).orElseThrow();
            List<RTCRtcpFeedback> feedback = new ArrayList<>();
            for (RtcpFb fb : section.rtcpFeedback(pt)) {
                RTCRtcpFeedback value = new RTCRtcpFeedback(fb.type(), fb.parameter().orElse(""));
                if (!feedback.contains(value)) {
                    feedback.add(value);
                }
            }
            codecs.add(new RTCRtpCodecParameters(pt, kind.sdpName() + "/" + rtpmap.encodingName(),
                    rtpmap.clockRate(), rtpmap.channels().orElse(0),
                    fmtp(section, fallback, pt).map(Fmtp::parameterText).orElse(""), feedback,
                    rtxByApt.getOrDefault(pt, -1)));
        }
        return codecs;
    }

    private static Optional<Rtpmap> rtpmap(MediaDescription section, Optional<MediaDescription> fallback, int pt) {
        return section.rtpMap(pt).or(() -> fallback.flatMap(f -> f.rtpMap(pt)));
    }

    private static Optional<Fmtp> fmtp(MediaDescription section, Optional<MediaDescription> fallback, int pt) {
        return section.fmtp(pt).or(() -> fallback.flatMap(f -> f.fmtp(pt)));
    }

    /** The header extensions of a section (session-level fallback) with usable ids, first of each id and URI. */
    static List<RTCRtpHeaderExtensionParameters> headerExtensions(SessionDescription description,
            MediaDescription section) {
        List<RTCRtpHeaderExtensionParameters> extensions = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> uris = new HashSet<>();
        for (ExtMap extMap : description.effectiveExtMaps(section)) {
            if (extMap.id() <= 255 && ids.add(extMap.id()) && uris.add(extMap.uri())) {
                extensions.add(new RTCRtpHeaderExtensionParameters(extMap.uri(), extMap.id()));
            }
        }
        return extensions;
    }

    /** SSRCs that repair or protect another ({@code FID}, {@code FEC-FR}, {@code FEC} groups after the first). */
    private static Set<Long> secondarySsrcs(MediaDescription section) {
        Set<Long> secondary = new HashSet<>();
        for (SsrcGroup group : section.ssrcGroups()) {
            String semantics = group.semantics();
            if (semantics.equals(SsrcGroup.FID) || semantics.equals("FEC-FR") || semantics.equals("FEC")) {
                secondary.addAll(group.ssrcs().subList(Math.min(1, group.ssrcs().size()), group.ssrcs().size()));
            }
        }
        return secondary;
    }

    /** The media SSRCs of {@code a=ssrc} lines in order, without RTX and FEC SSRCs. */
    static List<Long> mediaSsrcs(MediaDescription section) {
        Set<Long> secondary = secondarySsrcs(section);
        Set<Long> ssrcs = new LinkedHashSet<>();
        for (Ssrc ssrc : section.ssrcs()) {
            if (!secondary.contains(ssrc.ssrc())) {
                ssrcs.add(ssrc.ssrc());
            }
        }
        return List.copyOf(ssrcs);
    }

    /** RTX SSRC → media SSRC from {@code a=ssrc-group:FID} pairs. */
    static Map<Long, Long> rtxSsrcs(MediaDescription section) {
        Map<Long, Long> rtx = new LinkedHashMap<>();
        for (SsrcGroup group : section.ssrcGroups()) {
            if (group.semantics().equals(SsrcGroup.FID) && group.ssrcs().size() == 2
                    && !group.ssrcs().get(0).equals(group.ssrcs().get(1))) {
                rtx.putIfAbsent(group.ssrcs().get(1), group.ssrcs().get(0));
            }
        }
        return rtx;
    }

    /**
     * The stream and track of {@code a=msid}, else of the first media SSRC's {@code msid}
     * source attribute (older Chrome, Pion); the stream id {@code -} (no stream, RFC 8830 §2)
     * gives an empty stream.
     */
    static Optional<Msid> msid(MediaDescription section) {
        List<Msid> msids = section.msids();
        if (!msids.isEmpty()) {
            return Optional.of(msids.get(0));
        }
        for (Ssrc ssrc : section.ssrcs()) {
            if (ssrc.attribute().equals("msid") && ssrc.value().isPresent()) {
                try {
                    return Optional.of(Msid.parse(ssrc.value().get()));
                } catch (dev.tributary.webrtc.ParseException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> streamId(Optional<Msid> msid) {
        return msid.map(Msid::streamId).filter(id -> !id.equals("-"));
    }

    /**
     * The remote transport a section gives (RFC 8843: the tagged section's values stand for the
     * bundle): ICE credentials, candidates, ice-lite, end-of-candidates and the fingerprints with
     * a supported hash function.
     *
     * @throws SdpNegotiationException if credentials or a usable fingerprint are missing
     */
    static RemoteTransport remoteTransport(SessionDescription description, MediaDescription section, String what) {
        SessionDescription.IceCredentials credentials = description.effectiveIceCredentials(section)
                .orElseThrow(() -> new SdpNegotiationException(
                        what + " has no ICE credentials (a=ice-ufrag and a=ice-pwd are required)"));
        List<Fingerprint> offered = description.effectiveFingerprints(section);
        if (offered.isEmpty()) {
            throw new SdpNegotiationException(what + " has no a=fingerprint (DTLS-SRTP requires one)");
        }
        List<DtlsFingerprint> fingerprints = new ArrayList<>();
        for (Fingerprint fingerprint : offered) {
            if (DtlsFingerprint.isSupported(fingerprint.hashFunction())) {
                try {
                    fingerprints.add(DtlsFingerprint.of(fingerprint.hashFunction(), fingerprint.bytes()));
                } catch (IllegalArgumentException wrongLength) {
                    // sdp checks the length of the functions it knows; skip any it does not
                }
            }
        }
        if (fingerprints.isEmpty()) {
            throw new SdpNegotiationException(what + " has no fingerprint with a supported hash function (offered "
                    + offered.stream().map(Fingerprint::hashFunction).distinct().toList()
                    + "; supported: sha-1, sha-224, sha-256, sha-384, sha-512)");
        }
        boolean endOfCandidates = section.endOfCandidates() || description.hasAttribute("end-of-candidates");
        Optional<Duration> pacing = description.firstTyped(IcePacing.class).map(p -> Duration.ofMillis(p.millis()));
        return new RemoteTransport(credentials.ufrag(), credentials.pwd(), description.iceLite(),
                SdpCandidates.toIce(section.candidates()), endOfCandidates, fingerprints, pacing);
    }

    static RTCRtpTransceiverDirection direction(boolean sends, boolean receives) {
        if (sends) {
            return receives ? RTCRtpTransceiverDirection.SENDRECV : RTCRtpTransceiverDirection.SENDONLY;
        }
        return receives ? RTCRtpTransceiverDirection.RECVONLY : RTCRtpTransceiverDirection.INACTIVE;
    }

    static Direction sdpDirection(RTCRtpTransceiverDirection direction) {
        return switch (direction) {
            case SENDRECV -> Direction.SENDRECV;
            case SENDONLY -> Direction.SENDONLY;
            case RECVONLY -> Direction.RECVONLY;
            case INACTIVE, STOPPED -> Direction.INACTIVE;
        };
    }

    /**
     * The candidate whose address and port go into {@code c=} and {@code m=}: the first UDP
     * candidate with an IP address, else the first candidate with one. Host names (mDNS) cannot
     * be written in {@code c=}.
     */
    static Optional<IceCandidate> defaultCandidate(List<IceCandidate> candidates) {
        List<IceCandidate> literal = sdpOrder(candidates).stream().filter(c -> isIpLiteral(c.address())).toList();
        return literal.stream().filter(c -> c.transport() == IceTransportProtocol.UDP).findFirst()
                .or(() -> literal.stream().findFirst());
    }

    /**
     * The order candidates are written in: UDP IPv4 ones first, the rest as given. Priorities,
     * not this order, rank candidates in ICE, but some WHIP clients (FFmpeg 8's muxer) use only the
     * first candidate of an answer, and IPv4 is what such a client reaches most often.
     */
    static List<IceCandidate> sdpOrder(List<IceCandidate> candidates) {
        List<IceCandidate> ordered = new ArrayList<>(candidates.size());
        candidates.stream().filter(JsepSections::isUdpIpv4).forEach(ordered::add);
        candidates.stream().filter(c -> !isUdpIpv4(c)).forEach(ordered::add);
        return ordered;
    }

    private static boolean isUdpIpv4(IceCandidate candidate) {
        return candidate.transport() == IceTransportProtocol.UDP && isIpv4(candidate.address());
    }

    /**
     * {@code IN IP4/IP6 <address>} for an IP literal; a host name such as an mDNS name has no
     * place in {@code c=} (RFC 8839 §4.2 uses {@code 0.0.0.0} then).
     */
    static Connection connectionOf(String address) {
        if (!isIpLiteral(address)) {
            return Connection.IP4_ANY;
        }
        return address.indexOf(':') >= 0 ? Connection.ip6(address) : Connection.ip4(address);
    }

    private static boolean isIpLiteral(String address) {
        return isIpv4(address) || address.indexOf(':') >= 0 && address.chars().allMatch(
                c -> c == ':' || c == '.' || c < 0x80 && HexFormat.isHexDigit(c));
    }

    private static boolean isIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends this side's transport attributes: the candidates and {@code a=end-of-candidates}
     * (if {@code candidates}), ICE credentials, fingerprint, setup and mid.
     */
    static void addTransport(MediaDescription.Builder builder, LocalTransport local, boolean candidates, Setup setup,
            String mid) {
        if (candidates) {
            for (IceCandidate candidate : sdpOrder(local.candidates())) {
                builder.addAttribute(SdpCandidates.toSdp(candidate));
            }
            if (local.endOfCandidates()) {
                builder.addAttribute(Attribute.END_OF_CANDIDATES);
            }
        }
        builder.addAttribute(new IceUfrag(local.iceUfrag()))
                .addAttribute(new IcePwd(local.icePwd()))
                .addAttribute(new Fingerprint(local.fingerprint().hashFunction(), local.fingerprint().bytes()))
                .addAttribute(setup)
                .addAttribute(Attribute.mid(mid));
    }
}
