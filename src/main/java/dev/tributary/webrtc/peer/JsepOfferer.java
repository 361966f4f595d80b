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
import dev.tributary.webrtc.sdp.Ssrc;
import dev.tributary.webrtc.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * JSEP offers (RFC 8829 §5.2) and the application of their answers, as pure functions; for
 * loopback tests and clients of this stack.
 *
 * <p>The offer bundles every section ({@code a=group:BUNDLE}, the first section is the tag, and
 * every section carries the candidates and transport attributes, so that an answerer without
 * BUNDLE can still use the first), says {@code a=setup:actpass}, {@code a=rtcp-mux} and
 * {@code a=rtcp-rsize}, offers the capabilities' codecs of the section's kind with RTX and
 * feedback, and announces each sender's SSRC with {@code a=ssrc} {@code cname}/{@code msid} lines
 * and {@code a=ssrc-group:FID} for its RTX SSRC.
 *
 * <p>Payload types are unique across the offer: Opus 111, VP8 96 (RTX 97), VP9 profile 0 98
 * (99), VP9 profile 2 100 (101), H.264 {@code 42e01f} packetization mode 1 102 (103) and mode 0
 * 104 (105), AV1 45 (46); other variants (further H.264 profiles, codecs added by the caller)
 * take free dynamic payload types from 106 up, then from 35 up. Header extension ids are the
 * same in every section (RFC 8843 §7.2.2 requires it within a bundle): ssrc-audio-level 1,
 * abs-send-time 2, transport-wide-cc 3, MID 4, RID 10, repaired RID 11, others from 5.
 */
public final class JsepOfferer {

    private static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";
    private static final int DISCARD_PORT = 9;

    private JsepOfferer() {}

    /**
     * One transceiver to offer a media section for.
     *
     * @param kind audio or video
     * @param direction what this side wants: {@code sendrecv}, {@code sendonly},
     *     {@code recvonly} or {@code inactive} ({@code stopped} is not offered)
     * @param ssrc the media SSRC this side sends with (0..2^32-1), or -1 when it does not send
     * @param rtxSsrc the RTX SSRC, or -1 for none (or when not sending)
     * @param cname the RTCP CNAME ({@code a=ssrc:… cname:}); may be null when not sending
     * @param streamId the MediaStream id for {@code a=msid} (a token); may be null when not sending
     * @param trackId the track id for {@code a=msid} (a token); may be null when not sending
     */
    public record TransceiverInit(MediaKind kind, RTCRtpTransceiverDirection direction, long ssrc, long rtxSsrc,
            String cname, String streamId, String trackId) {

        /**
         * @throws IllegalArgumentException if the direction is {@code stopped}, or a sending
         *     transceiver has an SSRC out of range, an RTX SSRC equal to its SSRC, or a missing
         *     cname, stream id or track id
         */
        public TransceiverInit {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(direction, "direction");
            if (direction == RTCRtpTransceiverDirection.STOPPED) {
                throw new IllegalArgumentException("a stopped transceiver is not offered");
            }
            if (direction.sends()) {
                if (ssrc < 0 || ssrc > Ssrc.MAX_SSRC || rtxSsrc < -1 || rtxSsrc > Ssrc.MAX_SSRC || rtxSsrc == ssrc) {
                    throw new IllegalArgumentException("a sender needs an SSRC 0..2^32-1 and a different RTX SSRC or -1");
                }
                Objects.requireNonNull(cname, "cname");
                Objects.requireNonNull(streamId, "streamId");
                Objects.requireNonNull(trackId, "trackId");
            }
        }

        /** A transceiver that only receives media of this kind. */
        public static TransceiverInit receiveOnly(MediaKind kind) {
            return new TransceiverInit(kind, RTCRtpTransceiverDirection.RECVONLY, -1, -1, null, null, null);
        }
    }

    /** One offered media format and its RTX payload type (-1 for none). */
    private record Format(int payloadType, RTCRtpCodecCapability codec, Rtpmap rtpmap, String fmtp, int rtxPayloadType) {}

    /**
     * Creates an offer with one media section per transceiver, mids {@code 0, 1, …}.
     *
     * @param transceivers at least one
     * @param local this side's ICE credentials, candidates and fingerprint
     * @param capabilities the codecs and header extensions to offer
     * @param sessionId {@code o=} session id (0..2^63-1)
     * @param sessionVersion {@code o=} session version
     * @throws IllegalArgumentException if there is no transceiver, the capabilities have no codec
     *     for a transceiver's kind, or a local candidate cannot be written as SDP
     */
    public static SessionDescription createOffer(List<TransceiverInit> transceivers, LocalTransport local,
            RTCRtpCapabilities capabilities, long sessionId, long sessionVersion) {
        if (transceivers.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one transceiver");
        }
        Map<MediaKind, List<Format>> formats = new HashMap<>();
        Set<Integer> used = new HashSet<>();
        for (MediaKind kind : MediaKind.values()) {
            formats.put(kind, formats(capabilities.codecs(kind), used));
        }
        Map<String, Integer> extensionIds = extensionIds(capabilities);
        Optional<IceCandidate> defaultCandidate = JsepSections.defaultCandidate(local.candidates());
        Connection connection = defaultCandidate.map(c -> JsepSections.connectionOf(c.address()))
                .orElse(Connection.IP4_ANY);
        int port = defaultCandidate.map(IceCandidate::port).orElse(DISCARD_PORT);

        SessionDescription.Builder offer = SessionDescription.builder(Origin.of(sessionId, sessionVersion));
        if (local.iceLite()) {
            offer.addAttribute(Attribute.ICE_LITE);
        }
        local.icePacing().ifPresent(ta -> offer.addAttribute(new IcePacing(ta.toMillis())));
        List<String> mids = new ArrayList<>();
        for (int i = 0; i < transceivers.size(); i++) {
            mids.add(Integer.toString(i));
        }
        offer.addAttribute(Group.bundle(mids));
        for (int i = 0; i < transceivers.size(); i++) {
            TransceiverInit transceiver = transceivers.get(i);
            List<Format> sectionFormats = formats.get(transceiver.kind());
            if (sectionFormats.isEmpty()) {
                throw new IllegalArgumentException("the capabilities have no " + transceiver.kind().sdpName() + " codec");
            }
            offer.addMedia(section(transceiver, mids.get(i), sectionFormats, extensionIds, capabilities, local,
                    connection, port));
        }
        return offer.build();
    }

    private static MediaDescription section(TransceiverInit transceiver, String mid, List<Format> formats,
            Map<String, Integer> extensionIds, RTCRtpCapabilities capabilities, LocalTransport local,
            Connection connection, int port) {
        List<String> payloadTypes = new ArrayList<>();
        for (Format format : formats) {
            payloadTypes.add(Integer.toString(format.payloadType()));
            if (format.rtxPayloadType() >= 0) {
                payloadTypes.add(Integer.toString(format.rtxPayloadType()));
            }
        }
        MediaKind kind = transceiver.kind();
        MediaDescription.Builder builder = MediaDescription.builder(kind.sdpName(), port, PROTOCOL, payloadTypes)
                .connections(List.of(connection));
        JsepSections.addTransport(builder, local, true, Setup.ACTPASS, mid);
        List<String> uris = capabilities.headerExtensionUris(kind);
        for (String uri : uris) {
            builder.addAttribute(ExtMap.of(extensionIds.get(uri), uri));
        }
        builder.direction(JsepSections.sdpDirection(transceiver.direction()));
        boolean sends = transceiver.direction().sends();
        if (sends) {
            builder.addAttribute(Msid.of(transceiver.streamId(), transceiver.trackId()));
        }
        builder.addAttribute(Attribute.RTCP_MUX).addAttribute(Attribute.RTCP_RSIZE);
        boolean transportCc = uris.contains(HeaderExtensionUri.TRANSPORT_WIDE_CC.uri());
        for (Format format : formats) {
            int pt = format.payloadType();
            builder.addAttribute(format.rtpmap());
            for (RTCRtcpFeedback feedback : format.codec().rtcpFeedback()) {
                if (transportCc || !feedback.type().equals("transport-cc")) {
                    builder.addAttribute(feedback.parameter().isEmpty()
                            ? RtcpFb.of(pt, feedback.type())
                            : RtcpFb.of(pt, feedback.type(), feedback.parameter()));
                }
            }
            if (!format.fmtp().isEmpty()) {
                builder.addAttribute(new Fmtp(Integer.toString(pt), format.fmtp()));
            }
            if (format.rtxPayloadType() >= 0) {
                builder.addAttribute(Rtpmap.of(format.rtxPayloadType(), "rtx", format.rtpmap().clockRate()));
                builder.addAttribute(new Fmtp(Integer.toString(format.rtxPayloadType()), "apt=" + pt));
            }
        }
        if (sends) {
            String msid = transceiver.streamId() + " " + transceiver.trackId();
            List<Long> ssrcs = new ArrayList<>(List.of(transceiver.ssrc()));
            if (transceiver.rtxSsrc() >= 0) {
                ssrcs.add(transceiver.rtxSsrc());
                builder.addAttribute(new SsrcGroup(SsrcGroup.FID, ssrcs));
            }
            for (long ssrc : ssrcs) {
                builder.addAttribute(Ssrc.of(ssrc, "cname", transceiver.cname()));
                builder.addAttribute(Ssrc.of(ssrc, "msid", msid));
            }
        }
        return builder.build();
    }

    /** The offered formats of one kind's codecs, taking payload types from {@code used}'s complement. */
    private static List<Format> formats(List<RTCRtpCodecCapability> codecs, Set<Integer> used) {
        List<Format> formats = new ArrayList<>();
        for (RTCRtpCodecCapability codec : codecs) {
            for (Variant variant : variants(codec)) {
                int pt = take(variant.payloadType(), used);
                int rtx = codec.rtx() ? take(variant.payloadType() < 0 ? -1 : variant.payloadType() + 1, used) : -1;
                Rtpmap rtpmap = codec.kind() == MediaKind.AUDIO
                        ? Rtpmap.of(pt, codec.name(), codec.clockRate(), Math.max(1, codec.channels()))
                        : Rtpmap.of(pt, codec.name(), codec.clockRate());
                formats.add(new Format(pt, codec, rtpmap, variant.fmtp(), rtx));
            }
        }
        return formats;
    }

    /** One offered variant of a codec: its fmtp and preferred payload type (-1: any free one). */
    private record Variant(String fmtp, int payloadType) {}

    private static List<Variant> variants(RTCRtpCodecCapability codec) {
        List<Integer> profiles = codec.profiles().stream().sorted().toList();
        List<Variant> variants = new ArrayList<>();
        switch (codec.name().toUpperCase(java.util.Locale.ROOT)) {
            case "H264" -> {
                for (int profile : profiles) {
                    String profileLevelId = profile == RTCRtpCodecCapability.H264_BASELINE
                            ? "42e01f"
                            : String.format("%02x001f", profile);
                    for (int mode : new int[] {1, 0}) {
                        int preferred = profile == RTCRtpCodecCapability.H264_BASELINE ? (mode == 1 ? 102 : 104) : -1;
                        variants.add(new Variant("level-asymmetry-allowed=1;packetization-mode=" + mode
                                + ";profile-level-id=" + profileLevelId, preferred));
                    }
                }
            }
            case "VP9" -> profiles.forEach(p -> variants.add(
                    new Variant("profile-id=" + p, p == 0 ? 98 : p == 2 ? 100 : -1)));
            case "AV1" -> profiles.forEach(p -> variants.add(
                    new Variant("level-idx=5;profile=" + p + ";tier=0", p == 0 ? 45 : -1)));
            case "VP8" -> variants.add(new Variant("", 96));
            case "OPUS" -> variants.add(new Variant("minptime=10;useinbandfec=1", 111));
            default -> variants.add(new Variant("", -1));
        }
        return variants;
    }

    /** The preferred payload type if free, else the first free one of 106..127, 35..63, 96..105. */
    private static int take(int preferred, Set<Integer> used) {
        if (preferred >= 0 && used.add(preferred)) {
            return preferred;
        }
        for (int[] range : new int[][] {{106, 127}, {35, 63}, {96, 105}}) {
            for (int pt = range[0]; pt <= range[1]; pt++) {
                if (used.add(pt)) {
                    return pt;
                }
            }
        }
        throw new IllegalArgumentException("more codecs than dynamic payload types");
    }

    private static Map<String, Integer> extensionIds(RTCRtpCapabilities capabilities) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<HeaderExtensionUri, Integer> preferred = Map.of(HeaderExtensionUri.AUDIO_LEVEL, 1,
                HeaderExtensionUri.ABS_SEND_TIME, 2, HeaderExtensionUri.TRANSPORT_WIDE_CC, 3,
                HeaderExtensionUri.MID, 4, HeaderExtensionUri.RTP_STREAM_ID, 10,
                HeaderExtensionUri.REPAIRED_RTP_STREAM_ID, 11);
        Set<Integer> used = new HashSet<>(preferred.values());
        int next = 5;
        for (RTCRtpCapabilities.HeaderExtension extension : capabilities.headerExtensions()) {
            if (ids.containsKey(extension.uri())) {
                continue;
            }
            Integer id = HeaderExtensionUri.of(extension.uri()).map(preferred::get).orElse(null);
            if (id == null) {
                while (used.contains(next)) {
                    next++;
                }
                id = next;
                used.add(id);
            }
            if (id > 255) {
                throw new IllegalArgumentException("more header extensions than ids");
            }
            ids.put(extension.uri(), id);
        }
        return ids;
    }

    /**
     * What an answer to one of this side's offers negotiated.
     *
     * @param offer the offer this side sent
     * @param answer the remote answer
     * @return the sections the answer accepted, the answerer's transport and this side's DTLS
     *     role ({@code a=setup:active} in the answer makes this side the server, {@code passive}
     *     the client)
     * @throws SdpNegotiationException if the answer does not fit the offer (other sections,
     *     mids, payload types or header extensions than offered; no rtcp-mux; no or an invalid
     *     setup; several transports without BUNDLE; missing ICE credentials or fingerprint) or
     *     rejects every section
     */
    public static Negotiation applyAnswer(SessionDescription offer, SessionDescription answer) {
        List<MediaDescription> offered = offer.media();
        List<MediaDescription> answered = answer.media();
        if (offered.size() != answered.size()) {
            throw new SdpNegotiationException("the answer has " + answered.size() + " media sections, the offer "
                    + offered.size());
        }
        Optional<Group> offeredBundle = offer.bundleGroups().stream().findFirst();
        Optional<Group> bundle = answer.bundleGroups().stream().findFirst();
        if (bundle.isPresent() && (offeredBundle.isEmpty()
                || !offeredBundle.get().mids().containsAll(bundle.get().mids()))) {
            throw new SdpNegotiationException("the answer's BUNDLE group has mids the offer did not bundle");
        }
        List<NegotiatedMedia> media = new ArrayList<>();
        List<MediaDescription> acceptedSections = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription offerSection = offered.get(i);
            MediaDescription answerSection = answered.get(i);
            if (!answerSection.media().equals(offerSection.media())) {
                throw new SdpNegotiationException("answer section " + i + " is m=" + answerSection.media()
                        + ", the offer's m=" + offerSection.media());
            }
            if (answerSection.mid().isPresent() && !answerSection.mid().equals(offerSection.mid())) {
                throw new SdpNegotiationException("answer section " + i + " has mid " + answerSection.mid().get()
                        + ", the offer's " + offerSection.mid().orElse("none"));
            }
            if (answerSection.isRejected()) {
                continue;
            }
            if (offerSection.isRejected()) {
                throw new SdpNegotiationException("the answer accepts section " + i + " the offer rejected");
            }
            int index = i;
            String mid = answerSection.mid().orElseThrow(() -> new SdpNegotiationException(
                    "accepted answer section " + index + " has no a=mid"));
            if (bundle.isPresent() && !bundle.get().mids().contains(mid)) {
                throw new SdpNegotiationException("answer section mid " + mid
                        + " is accepted outside the BUNDLE group; this endpoint uses a single transport");
            }
            media.add(negotiatedMedia(offer, offerSection, answer, answerSection, mid));
            acceptedSections.add(answerSection);
        }
        if (media.isEmpty()) {
            throw new SdpNegotiationException("the answer rejected every media section");
        }
        if (bundle.isEmpty() && media.size() > 1) {
            throw new SdpNegotiationException(
                    "the answer accepts several media sections without BUNDLE; this endpoint uses a single transport");
        }
        MediaDescription transport = bundle.isPresent() && !bundle.get().mids().isEmpty()
                ? answer.mediaWithMid(bundle.get().mids().get(0)).filter(m -> !m.isRejected())
                        .orElseThrow(() -> new SdpNegotiationException("the answer's bundle tag section is rejected"))
                : acceptedSections.get(0);
        RemoteTransport remote = JsepSections.remoteTransport(answer, transport, "the answer");
        Setup setup = answer.effectiveSetup(transport).orElseThrow(
                () -> new SdpNegotiationException("the answer has no a=setup"));
        DtlsRole role = switch (setup) {
            case ACTIVE -> DtlsRole.SERVER;
            case PASSIVE -> DtlsRole.CLIENT;
            case ACTPASS, HOLDCONN -> throw new SdpNegotiationException(
                    "the answer has a=setup:" + setup + "; an answer must say active or passive");
        };
        return new Negotiation(media, remote, role);
    }

    private static NegotiatedMedia negotiatedMedia(SessionDescription offer, MediaDescription offerSection,
            SessionDescription answer, MediaDescription answerSection, String mid) {
        MediaKind kind = JsepSections.kind(answerSection).orElseThrow(() -> new SdpNegotiationException(
                "answer section mid " + mid + " is m=" + answerSection.media() + ", not audio or video"));
        if (!answerSection.rtcpMux()) {
            throw new SdpNegotiationException("answer section mid " + mid + " has no a=rtcp-mux");
        }
        if (!offerSection.payloadTypes().containsAll(answerSection.payloadTypes())) {
            throw new SdpNegotiationException("answer section mid " + mid + " has payload types the offer did not have");
        }
        List<RTCRtpHeaderExtensionParameters> offeredExtensions = JsepSections.headerExtensions(offer, offerSection);
        List<RTCRtpHeaderExtensionParameters> extensions = JsepSections.headerExtensions(answer, answerSection);
        if (!offeredExtensions.containsAll(extensions)) {
            throw new SdpNegotiationException("answer section mid " + mid
                    + " has header extensions or ids the offer did not have");
        }
        List<RTCRtpCodecParameters> codecs = JsepSections.codecs(kind, answerSection, Optional.of(offerSection));
        if (codecs.isEmpty()) {
            throw new SdpNegotiationException("answer section mid " + mid + " accepts no codec");
        }
        Direction offeredDirection = offer.effectiveDirection(offerSection);
        Direction answeredDirection = answer.effectiveDirection(answerSection);
        RTCRtpTransceiverDirection direction = JsepSections.direction(
                offeredDirection.sends() && answeredDirection.receives(),
                offeredDirection.receives() && answeredDirection.sends());
        List<Long> localSsrcs = JsepSections.mediaSsrcs(offerSection);
        long localSsrc = direction.sends() && !localSsrcs.isEmpty() ? localSsrcs.get(0) : -1;
        Optional<Msid> msid = JsepSections.msid(answerSection);
        List<String> rids = answerSection.rids().stream().filter(r -> r.direction() == Rid.Direction.SEND)
                .map(Rid::id).distinct().toList();
        return new NegotiatedMedia(mid, kind, direction, codecs, extensions, JsepSections.mediaSsrcs(answerSection),
                JsepSections.rtxSsrcs(answerSection), rids, JsepSections.streamId(msid), msid.flatMap(Msid::trackId),
                localSsrc);
    }
}
