package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.rtp.HeaderExtensionUri;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What this stack can receive (W3C {@code RTCRtpCapabilities}, both kinds in one): the codecs in
 * preference order and the RTP header extensions per kind. The answerer accepts the intersection
 * of an offer with it; the offerer offers it.
 *
 * <p>{@link #defaults()} is what the depacketizers and recorders downstream handle. Restrict it
 * for a deployment, e.g. {@code defaults().onlyCodecs("H264", "opus")}, or build one from
 * {@link RTCRtpCodecCapability}'s factories.
 *
 * @param codecs the receivable codecs in preference order
 * @param headerExtensions the receivable header extensions
 */
public record RTCRtpCapabilities(List<RTCRtpCodecCapability> codecs, List<HeaderExtension> headerExtensions) {

    /**
     * A header extension one kind of media can carry.
     *
     * @param kind audio or video
     * @param uri the extension's URI as in {@code a=extmap}
     */
    public record HeaderExtension(MediaKind kind, String uri) {

        public HeaderExtension {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(uri, "uri");
        }
    }

    public RTCRtpCapabilities {
        codecs = List.copyOf(codecs);
        headerExtensions = List.copyOf(headerExtensions);
    }

    /**
     * Video VP8, VP9 profile 0, H.264 (Baseline/Constrained Baseline, Main, Extended and High,
     * packetization modes 0 and 1) and AV1 profile 0, each with RTX, NACK, PLI, FIR,
     * transport-cc and REMB; audio Opus with transport-cc. Header extensions: MID, RID and
     * repaired RID (video), abs-send-time, transport-wide-cc-01, and ssrc-audio-level (audio).
     *
     * <p>Not included, because nothing downstream depacketizes or records them: RED, ulpfec,
     * flexfec, CN, telephone-event, G.711, G.722, H.264 High 4:4:4 and other profiles.
     */
    public static RTCRtpCapabilities defaults() {
        return new RTCRtpCapabilities(
                List.of(RTCRtpCodecCapability.vp8(),
                        RTCRtpCodecCapability.vp9(Set.of(0)),
                        RTCRtpCodecCapability.h264(RTCRtpCodecCapability.DEFAULT_H264_PROFILES),
                        RTCRtpCodecCapability.av1(),
                        RTCRtpCodecCapability.opus()),
                List.of(new HeaderExtension(MediaKind.AUDIO, HeaderExtensionUri.MID.uri()),
                        new HeaderExtension(MediaKind.AUDIO, HeaderExtensionUri.ABS_SEND_TIME.uri()),
                        new HeaderExtension(MediaKind.AUDIO, HeaderExtensionUri.TRANSPORT_WIDE_CC.uri()),
                        new HeaderExtension(MediaKind.AUDIO, HeaderExtensionUri.AUDIO_LEVEL.uri()),
                        new HeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.MID.uri()),
                        new HeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.RTP_STREAM_ID.uri()),
                        new HeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.REPAIRED_RTP_STREAM_ID.uri()),
                        new HeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.ABS_SEND_TIME.uri()),
                        new HeaderExtension(MediaKind.VIDEO, HeaderExtensionUri.TRANSPORT_WIDE_CC.uri())));
    }

    /** These capabilities with only the codecs whose encoding names are given (ignoring case). */
    public RTCRtpCapabilities onlyCodecs(String... names) {
        Set<String> wanted = Set.copyOf(Arrays.stream(names).map(n -> n.toUpperCase(Locale.ROOT)).toList());
        return withCodecs(c -> wanted.contains(c.name().toUpperCase(Locale.ROOT)));
    }

    /** These capabilities with only the codecs that pass the filter. */
    public RTCRtpCapabilities withCodecs(Predicate<RTCRtpCodecCapability> filter) {
        return new RTCRtpCapabilities(codecs.stream().filter(filter).toList(), headerExtensions);
    }

    /** These capabilities with H.264 restricted to these {@code profile_idc} values. */
    public RTCRtpCapabilities withH264Profiles(Set<Integer> profileIdcs) {
        return replacing("H264", RTCRtpCodecCapability.h264(profileIdcs));
    }

    /** These capabilities with VP9 restricted to these {@code profile-id} values. */
    public RTCRtpCapabilities withVp9Profiles(Set<Integer> profileIds) {
        return replacing("VP9", RTCRtpCodecCapability.vp9(profileIds));
    }

    private RTCRtpCapabilities replacing(String name, RTCRtpCodecCapability replacement) {
        return new RTCRtpCapabilities(codecs.stream()
                .map(c -> c.name().equalsIgnoreCase(name) ? replacement : c)
                .toList(), headerExtensions);
    }

    /** The codecs of one kind, in preference order. */
    public List<RTCRtpCodecCapability> codecs(MediaKind kind) {
        return codecs.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The header extension URIs of one kind, in order. */
    public List<String> headerExtensionUris(MediaKind kind) {
        return headerExtensions.stream().filter(e -> e.kind() == kind).map(HeaderExtension::uri).toList();
    }

    /** Whether media of this kind can carry the header extension. */
    public boolean supportsHeaderExtension(MediaKind kind, String uri) {
        return headerExtensions.contains(new HeaderExtension(kind, uri));
    }
}
