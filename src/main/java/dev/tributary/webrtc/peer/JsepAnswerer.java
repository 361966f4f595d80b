package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsRole;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Connection;
import dev.tributary.webrtc.sdp.Direction;
import dev.tributary.webrtc.sdp.ExtMap;
import dev.tributary.webrtc.sdp.Fmtp;
import dev.tributary.webrtc.sdp.Group;
import dev.tributary.webrtc.sdp.IcePacing;
import dev.tributary.webrtc.sdp.MediaDescription;
import dev.tributary.webrtc.sdp.Msid;
import dev.tributary.webrtc.sdp.Origin;
import dev.tributary.webrtc.sdp.RtcpFb;
import dev.tributary.webrtc.sdp.Rid;
import dev.tributary.webrtc.sdp.Rtpmap;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.sdp.Setup;
import dev.tributary.webrtc.sdp.Simulcast;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * JSEP answers (RFC 8829 §5.3) for a receive-only endpoint such as a WHIP ingest server, as a
 * pure function of the offer, the local transport and the capabilities.
 *
 * <p>What the answer says:
 * <ul>
 *   <li>Direction: an offered {@code sendrecv} or {@code sendonly} section is answered
 *       {@code recvonly}, {@code recvonly} or {@code inactive} is answered {@code inactive}
 *       (this side has nothing to send).
 *   <li>Transport: one ICE/DTLS transport. With a BUNDLE group the answer's group lists the
 *       accepted mids of the offer's first group in its order, and the first of them is the
 *       bundle tag. Sections outside that group are rejected, as is, without any BUNDLE group,
 *       every section after the first usable one: this side runs a single transport.
 *   <li>rtcp-mux is required (as under {@code rtcp-mux-policy: require}); {@code rtcp-rsize} is
 *       echoed when offered. DTLS: {@code actpass} and {@code passive} are answered
 *       {@code active} (this side is the DTLS client), {@code active} is answered
 *       {@code passive}; {@code holdconn} is refused.
 *   <li>Every section, rejected ones included, has a {@code c=} line (Firefox refuses an answer
 *       without): accepted sections carry the default candidate's address and port (the first
 *       UDP candidate of the local transport with an IP address, else the first candidate with
 *       one), otherwise {@code IN IP4 0.0.0.0} and port 9. The local candidates and
 *       {@code a=end-of-candidates} go into the bundle-tag section.
 *   <li>Codecs: the offered formats the capabilities accept, in the offer's order with its payload
 *       types and {@code a=fmtp} lines echoed as written; RTX is kept when the codec it repairs is;
 *       {@code a=rtcp-fb} is the offered mechanisms the codec supports ({@code transport-cc} only
 *       with the transport-wide-cc header extension). Header extensions: the offered ones the
 *       capabilities list for the kind, with the offer's ids (1..255).
 *   <li>Simulcast: offered {@code a=rid:X send} with {@code a=simulcast:send …} is answered
 *       {@code a=rid:X recv} and {@code a=simulcast:recv …}, paused ({@code ~}) rids kept.
 * </ul>
 *
 * <p>A rejected section has port 0, the first offered format, {@code a=mid} only and the
 * {@code c=} line; {@link Answer#rejectedSections()} says why. An answer rejecting everything is
 * still returned: the caller decides (a WHIP server answers 422 with the reasons).
 */
public final class JsepAnswerer {

    private static final Connection NO_ADDRESS = Connection.IP4_ANY;
    private static final int DISCARD_PORT = 9;

    private JsepAnswerer() {}

    /**
     * An answer and what it negotiated.
     *
     * @param description the answer to send
     * @param negotiation the accepted sections, the offerer's transport and this side's DTLS role
     * @param rejectedSections mid (or {@code #<index>} for a section without one) → why it was
     *     rejected, in section order
     */
    public record Answer(SessionDescription description, Negotiation negotiation, Map<String, String> rejectedSections) {

        public Answer {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(negotiation, "negotiation");
            rejectedSections = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedSections));
        }
    }

    /** What is decided about one offered section. */
    private sealed interface Verdict permits Accepted, Rejected {}

    /** What the codec negotiation of one section decides. */
    private sealed interface CodecVerdict permits CodecPlan, Rejected {}

    private record Rejected(String reason) implements Verdict, CodecVerdict {}

    /** The codec lines, header extensions and rids of an answered section. */
    private record CodecPlan(List<Integer> formats, List<Attribute> codecLines, List<ExtMap> extMaps, List<Rid> rids,
            Optional<Simulcast> simulcast) implements CodecVerdict {}

    /** What an accepted section's answer says, before the transport attributes are added. */
    private record Accepted(int index, String mid, MediaKind kind, Direction direction, CodecPlan plan)
            implements Verdict {}

    /**
     * Answers an offer.
     *
     * @param offer the remote offer
     * @param local this side's ICE credentials, candidates and certificate fingerprint
     * @param capabilities what this side can receive
     * @param sessionId the answer's {@code o=} session id (0..2^63-1)
     * @param sessionVersion the answer's {@code o=} session version
     * @return the answer, with sections that could not be accepted rejected; when none is
     *     accepted, the remote transport is the first section's with ICE credentials and the DTLS
     *     role follows its setup ({@code active} if it has none)
     * @throws IllegalArgumentException if the session id or version is negative, or a local
     *     candidate's address cannot be written in SDP
     * @throws SdpNegotiationException if the offer is not a usable JSEP offer: no media sections,
     *     duplicate mids, a section without mid, a media section without {@code a=rtcp-mux}, a
     *     {@code holdconn} setup, or no ICE credentials or supported fingerprint for the transport
     */
    public static Answer createAnswer(SessionDescription offer, LocalTransport local, RTCRtpCapabilities capabilities,
            long sessionId, long sessionVersion) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(capabilities, "capabilities");
        Origin origin = Origin.of(sessionId, sessionVersion);
        List<MediaDescription> offered = offer.media();
        if (offered.isEmpty()) {
            throw new SdpNegotiationException("the offer has no media sections");
        }
        checkMids(offered);
        Optional<Group> bundle = offer.bundleGroups().stream().findFirst();

        Map<String, String> rejected = new LinkedHashMap<>();
        Map<Integer, Accepted> accepted = new LinkedHashMap<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription section = offered.get(i);
            Optional<String> firstAccepted = accepted.values().stream().findFirst().map(Accepted::mid);
            switch (evaluate(offer, section, i, bundle, capabilities, firstAccepted)) {
                case Accepted a -> accepted.put(i, a);
                case Rejected r -> rejected.put(section.mid().orElse("#" + i), r.reason());
            }
        }

        List<String> bundleMids = new ArrayList<>();
        if (bundle.isPresent()) {
            for (String mid : new LinkedHashSet<>(bundle.get().mids())) {
                accepted.values().stream().filter(a -> a.mid().equals(mid)).findFirst()
                        .ifPresent(a -> bundleMids.add(a.mid()));
            }
        }
        Optional<Accepted> tag = bundleMids.isEmpty()
                ? accepted.values().stream().findFirst()
                : accepted.values().stream().filter(a -> a.mid().equals(bundleMids.get(0))).findFirst();
        MediaDescription transportSection = tag.map(a -> offered.get(a.index()))
                .or(() -> offered.stream().filter(m -> offer.effectiveIceCredentials(m).isPresent()).findFirst())
                .orElseThrow(() -> new SdpNegotiationException(
                        "the offer has no ICE credentials (a=ice-ufrag and a=ice-pwd are required)"));
        String transportName = "media section " + transportSection.mid().map(m -> "mid " + m)
                .orElse(Integer.toString(offered.indexOf(transportSection)));
        RemoteTransport remote = JsepSections.remoteTransport(offer, transportSection, transportName);
        Setup offeredSetup = offer.effectiveSetup(transportSection).orElse(Setup.ACTPASS);
        Setup answerSetup = offeredSetup == Setup.ACTIVE ? Setup.PASSIVE : Setup.ACTIVE;
        DtlsRole role = answerSetup == Setup.ACTIVE ? DtlsRole.CLIENT : DtlsRole.SERVER;

        Optional<IceCandidate> defaultCandidate = JsepSections.defaultCandidate(local.candidates());
        Connection connection = defaultCandidate.map(c -> JsepSections.connectionOf(c.address())).orElse(NO_ADDRESS);
        int port = defaultCandidate.map(IceCandidate::port).orElse(DISCARD_PORT);

        SessionDescription.Builder answer = SessionDescription.builder(origin);
        if (local.iceLite()) {
            answer.addAttribute(Attribute.ICE_LITE);
        }
        local.icePacing().ifPresent(ta -> answer.addAttribute(new IcePacing(ta.toMillis())));
        if (!bundleMids.isEmpty()) {
            answer.addAttribute(Group.bundle(bundleMids));
        }
        List<NegotiatedMedia> negotiated = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription section = offered.get(i);
            Accepted a = accepted.get(i);
            if (a == null) {
                answer.addMedia(rejectedSection(section));
                continue;
            }
            boolean isTag = tag.isPresent() && tag.get() == a;
            MediaDescription answered = acceptedSection(section, a, local, answerSetup, connection, port, isTag);
            answer.addMedia(answered);
            negotiated.add(negotiatedMedia(section, answered, a));
        }
        return new Answer(answer.build(), new Negotiation(negotiated, remote, role), rejected);
    }

    private static void checkMids(List<MediaDescription> offered) {
        Set<String> mids = new HashSet<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription section = offered.get(i);
            Optional<String> mid = section.mid();
            if (mid.isPresent() && !mids.add(mid.get())) {
                throw new SdpNegotiationException("the offer has two media sections with a=mid:" + mid.get());
            }
            if (mid.isEmpty() && !section.isRejected()) {
                throw new SdpNegotiationException("media section " + i + " (m=" + section.media()
                        + ") has no a=mid; JSEP (RFC 8829 §5.2.1) and BUNDLE require one");
            }
        }
    }

    /**
     * Accepts or rejects a section.
     *
     * @param firstAccepted the mid of the first section accepted so far, if any
     */
    private static Verdict evaluate(SessionDescription offer, MediaDescription section, int index,
            Optional<Group> bundle, RTCRtpCapabilities capabilities, Optional<String> firstAccepted) {
        if (section.isRejected()) {
            return new Rejected("rejected in the offer (port 0)");
        }
        if (section.media().equals("application")) {
            return new Rejected("data channels (m=application) are not supported yet");
        }
        Optional<MediaKind> kind = JsepSections.kind(section);
        if (kind.isEmpty()) {
            return new Rejected("media type " + section.media() + " is not supported (audio and video only)");
        }
        if (!JsepSections.RTP_PROTOCOLS.contains(section.protocol())) {
            return new Rejected("protocol " + section.protocol() + " is not supported (UDP/TLS/RTP/SAVPF only)");
        }
        String mid = section.mid().orElseThrow();
        if (!section.rtcpMux()) {
            throw new SdpNegotiationException("media section mid " + mid
                    + " has no a=rtcp-mux; RTP and RTCP must share one port (rtcp-mux-policy require)");
        }
        Optional<Setup> setup = offer.effectiveSetup(section);
        if (setup.isPresent() && setup.get() == Setup.HOLDCONN) {
            throw new SdpNegotiationException("media section mid " + mid + " has a=setup:holdconn; "
                    + "the DTLS connection cannot be put on hold");
        }
        if (offer.effectiveIceCredentials(section).isEmpty()) {
            return new Rejected("no ICE credentials (a=ice-ufrag and a=ice-pwd)");
        }
        if (setup.isEmpty()) {
            return new Rejected("no a=setup (the DTLS role cannot be chosen)");
        }
        if (bundle.isPresent() && !bundle.get().mids().contains(mid)) {
            return new Rejected(section.bundleOnly()
                    ? "a=bundle-only but not in the BUNDLE group"
                    : "not in the BUNDLE group; this endpoint uses a single transport");
        }
        CodecVerdict codecs = negotiateCodecs(offer, section, kind.get(), capabilities);
        if (codecs instanceof Rejected noCodec) {
            return noCodec;
        }
        if (bundle.isEmpty() && firstAccepted.isPresent()) {
            return new Rejected("the offer has no BUNDLE group and this endpoint uses a single transport: only the"
                    + " first usable media section (mid " + firstAccepted.get() + ") is accepted");
        }
        return new Accepted(index, mid, kind.get(),
                offer.effectiveDirection(section).sends() ? Direction.RECVONLY : Direction.INACTIVE, (CodecPlan) codecs);
    }

    /** Codec lines, extensions and rids of the answer, or why no codec is acceptable. */
    private static CodecVerdict negotiateCodecs(SessionDescription offer, MediaDescription section, MediaKind kind,
            RTCRtpCapabilities capabilities) {
        List<ExtMap> extMaps = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> uris = new HashSet<>();
        for (ExtMap extMap : offer.effectiveExtMaps(section)) {
            Optional<Direction> direction = extMap.direction();
            boolean offererSends = direction.isEmpty() || direction.get().sends();
            if (offererSends && extMap.id() <= 255 && capabilities.supportsHeaderExtension(kind, extMap.uri())
                    && ids.add(extMap.id()) && uris.add(extMap.uri())) {
                extMaps.add(new ExtMap(extMap.id(), direction.map(d -> Direction.RECVONLY), extMap.uri(),
                        extMap.extensionAttributes()));
            }
        }
        boolean transportCc = uris.contains(HeaderExtensionUri.TRANSPORT_WIDE_CC.uri());

        List<Integer> offeredPts = List.copyOf(new LinkedHashSet<>(section.payloadTypes()));
        CodecLines lines = CodecLines.of(section);
        Map<Integer, RTCRtpCodecCapability> media = new LinkedHashMap<>();
        List<String> offeredNames = new ArrayList<>();
        for (int pt : offeredPts) {
            Optional<Rtpmap> rtpmap = lines.rtpMap(pt);
            if (rtpmap.isEmpty()) {
                offeredNames.add("payload type " + pt);
                continue;
            }
            if (JsepSections.isRtx(rtpmap.get())) {
                continue;
            }
            offeredNames.add(describe(rtpmap.get(), lines.fmtp(pt)));
            for (RTCRtpCodecCapability capability : capabilities.codecs(kind)) {
                if (capability.accepts(kind, rtpmap.get(), lines.fmtp(pt))) {
                    media.put(pt, capability);
                    break;
                }
            }
        }
        if (media.isEmpty()) {
            return new Rejected("no supported codec: offered " + (offeredNames.isEmpty() ? "none" : String.join(", ", offeredNames))
                    + "; supported " + kind.sdpName() + " codecs: " + capabilities.codecs(kind).stream()
                            .map(RTCRtpCodecCapability::name).distinct().toList());
        }
        Set<Integer> rtx = new HashSet<>();
        Set<Integer> repaired = new HashSet<>();
        for (int pt : offeredPts) {
            Optional<Rtpmap> rtpmap = lines.rtpMap(pt);
            if (rtpmap.isPresent() && JsepSections.isRtx(rtpmap.get())) {
                int apt = JsepSections.apt(lines.fmtp(pt));
                RTCRtpCodecCapability codec = media.get(apt);
                if (codec != null && codec.rtx() && rtpmap.get().clockRate() == codec.clockRate() && repaired.add(apt)) {
                    rtx.add(pt);
                }
            }
        }
        List<Integer> formats = offeredPts.stream().filter(pt -> media.containsKey(pt) || rtx.contains(pt)).toList();
        List<Attribute> codecLines = new ArrayList<>();
        for (int pt : formats) {
            codecLines.add(Attribute.of(lines.rtpMap(pt).orElseThrow()));
            RTCRtpCodecCapability codec = media.get(pt);
            if (codec != null) {
                Set<RTCRtcpFeedback> written = new HashSet<>();
                for (RtcpFb fb : lines.feedback()) {
                    if (!fb.appliesTo(pt)) {
                        continue;
                    }
                    String parameter = fb.parameter().orElse("");
                    boolean usable = codec.hasFeedback(fb.type(), parameter)
                            && (transportCc || !fb.type().equalsIgnoreCase("transport-cc"));
                    if (usable && written.add(new RTCRtcpFeedback(fb.type(), parameter))) {
                        codecLines.add(Attribute.of(new RtcpFb(pt, fb.type(), fb.parameter())));
                    }
                }
            }
            lines.fmtp(pt).ifPresent(f -> codecLines.add(Attribute.of(f)));
        }

        List<Rid> rids = new ArrayList<>();
        Optional<Simulcast> simulcast = answerSimulcast(section, media.keySet(), rtx, rids);
        return new CodecPlan(formats, codecLines, extMaps, rids, simulcast);
    }

    /**
     * A section's {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines, read once: a
     * browser's video section has some 40 payload types and 150 attributes, and looking each
     * payload type up in the attribute list again made answering an offer cost a millisecond.
     * The first line for a payload type counts, as {@link MediaDescription#rtpMap(int)} and
     * {@link MediaDescription#fmtp(int)} have it.
     */
    private record CodecLines(Map<Integer, Rtpmap> rtpMaps, Map<Integer, Fmtp> fmtps, List<RtcpFb> feedback) {

        static CodecLines of(MediaDescription section) {
            Map<Integer, Rtpmap> rtpMaps = new HashMap<>();
            for (Rtpmap rtpmap : section.rtpMaps()) {
                rtpMaps.putIfAbsent(rtpmap.payloadType(), rtpmap);
            }
            Map<Integer, Fmtp> fmtps = new HashMap<>();
            for (Fmtp fmtp : section.fmtps()) {
                fmtp.payloadType().ifPresent(pt -> fmtps.putIfAbsent(pt, fmtp));
            }
            return new CodecLines(rtpMaps, fmtps, section.rtcpFeedback());
        }

        Optional<Rtpmap> rtpMap(int pt) {
            return Optional.ofNullable(rtpMaps.get(pt));
        }

        Optional<Fmtp> fmtp(int pt) {
            return Optional.ofNullable(fmtps.get(pt));
        }
    }

    private static String describe(Rtpmap rtpmap, Optional<Fmtp> fmtp) {
        String name = rtpmap.encodingName() + "/" + rtpmap.clockRate()
                + (rtpmap.channels().isPresent() ? "/" + rtpmap.channels().getAsInt() : "");
        return fmtp.filter(f -> !f.parameterText().isEmpty()).map(f -> name + " (" + f.parameterText() + ")")
                .orElse(name);
    }

    /**
     * The answer's {@code a=rid:X recv} lines (into {@code rids}) and {@code a=simulcast:recv}
     * for the offered send rids: a rid whose {@code pt=} list keeps no accepted payload type is
     * dropped (RFC 8851 §7), as are simulcast alternatives without a kept rid.
     */
    private static Optional<Simulcast> answerSimulcast(MediaDescription section, Set<Integer> media, Set<Integer> rtx,
            List<Rid> rids) {
        Optional<Simulcast> offered = section.simulcast();
        Set<String> inSimulcast = new HashSet<>();
        offered.ifPresent(s -> s.send().forEach(stream -> stream.alternatives().forEach(a -> inSimulcast.add(a.rid()))));
        Set<String> kept = new HashSet<>();
        for (Rid rid : section.rids()) {
            if (rid.direction() != Rid.Direction.SEND || (offered.isPresent() && !inSimulcast.contains(rid.id()))
                    || kept.contains(rid.id())) {
                continue;
            }
            List<Integer> pts = rid.payloadTypes().stream().filter(pt -> media.contains(pt) || rtx.contains(pt)).toList();
            if (!rid.payloadTypes().isEmpty() && pts.stream().noneMatch(media::contains)) {
                continue;
            }
            kept.add(rid.id());
            rids.add(new Rid(rid.id(), Rid.Direction.RECV, pts, List.of()));
        }
        if (offered.isEmpty() || offered.get().send().isEmpty()) {
            return Optional.empty();
        }
        List<Simulcast.Stream> streams = new ArrayList<>();
        for (Simulcast.Stream stream : offered.get().send()) {
            List<Simulcast.Alternative> alternatives =
                    stream.alternatives().stream().filter(a -> kept.contains(a.rid())).toList();
            if (!alternatives.isEmpty()) {
                streams.add(new Simulcast.Stream(alternatives));
            }
        }
        if (streams.isEmpty()) {
            rids.clear();
            return Optional.empty();
        }
        Set<String> used = new HashSet<>();
        streams.forEach(s -> s.alternatives().forEach(a -> used.add(a.rid())));
        rids.removeIf(r -> !used.contains(r.id()));
        return Optional.of(new Simulcast(List.of(), streams));
    }

    private static MediaDescription rejectedSection(MediaDescription offered) {
        MediaDescription.Builder builder = MediaDescription.builder(offered.media(), 0, offered.protocol(),
                List.of(offered.formats().get(0))).connections(List.of(NO_ADDRESS));
        offered.mid().ifPresent(mid -> builder.addAttribute(Attribute.mid(mid)));
        return builder.build();
    }

    private static MediaDescription acceptedSection(MediaDescription offered, Accepted accepted, LocalTransport local,
            Setup setup, Connection connection, int port, boolean bundleTag) {
        CodecPlan plan = accepted.plan();
        MediaDescription.Builder builder = MediaDescription.builder(offered.media(), port, offered.protocol(),
                plan.formats().stream().map(String::valueOf).toList()).connections(List.of(connection));
        JsepSections.addTransport(builder, local, bundleTag, setup, accepted.mid());
        plan.extMaps().forEach(builder::addAttribute);
        builder.direction(accepted.direction()).addAttribute(Attribute.RTCP_MUX);
        if (offered.rtcpRsize()) {
            builder.addAttribute(Attribute.RTCP_RSIZE);
        }
        plan.codecLines().forEach(builder::addAttribute);
        plan.rids().forEach(builder::addAttribute);
        plan.simulcast().ifPresent(builder::addAttribute);
        return builder.build();
    }

    private static NegotiatedMedia negotiatedMedia(MediaDescription offered, MediaDescription answered,
            Accepted accepted) {
        Optional<Msid> msid = JsepSections.msid(offered);
        CodecPlan plan = accepted.plan();
        RTCRtpTransceiverDirection direction = accepted.direction() == Direction.RECVONLY
                ? RTCRtpTransceiverDirection.RECVONLY
                : RTCRtpTransceiverDirection.INACTIVE;
        return new NegotiatedMedia(accepted.mid(), accepted.kind(), direction,
                JsepSections.codecs(accepted.kind(), answered, Optional.empty()),
                plan.extMaps().stream().map(e -> new RTCRtpHeaderExtensionParameters(e.uri(), e.id())).toList(),
                JsepSections.mediaSsrcs(offered), JsepSections.rtxSsrcs(offered),
                plan.rids().stream().map(Rid::id).toList(), JsepSections.streamId(msid),
                msid.flatMap(Msid::trackId), -1);
    }
}
