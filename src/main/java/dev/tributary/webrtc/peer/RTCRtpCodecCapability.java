package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.sdp.Fmtp;
import dev.tributary.webrtc.sdp.Rtpmap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A codec this stack can receive (W3C {@code RTCRtpCodec}, with the feedback and RTX support of
 * an ORTC codec capability), and which offered formats of it are acceptable.
 *
 * <p>{@code profiles} restricts the codec's profile as its {@code a=fmtp} names it, where the
 * codec has one: H.264's {@code profile_idc} (the first byte of {@code profile-level-id}, RFC 6184
 * §8.1; absent means 0x42, the default {@code 42000a}), VP9's {@code profile-id} (RFC 9628 §6;
 * absent means 0) and AV1's {@code profile} (AV1 RTP specification §7.2; absent means 0). An empty
 * set means the codec has no profile to check. H.264 is further accepted only with
 * {@code packetization-mode} 0 or 1 (absent means 0); mode 2 (interleaved) is not depacketized.
 *
 * @param kind audio or video
 * @param name the encoding name as in {@code a=rtpmap}, e.g. {@code H264}, {@code opus}
 *     (matched ignoring case)
 * @param clockRate the RTP clock rate in Hz
 * @param channels audio channels (2 for Opus), 0 for video
 * @param profiles the acceptable profiles, see above
 * @param rtcpFeedback the feedback mechanisms this side can use with the codec
 * @param rtx whether retransmission (RFC 4588) is supported for it
 */
public record RTCRtpCodecCapability(MediaKind kind, String name, int clockRate, int channels,
        Set<Integer> profiles, List<RTCRtcpFeedback> rtcpFeedback, boolean rtx) {

    /** H.264 {@code profile_idc} of Baseline and Constrained Baseline. */
    public static final int H264_BASELINE = 0x42;
    /** H.264 {@code profile_idc} of Main. */
    public static final int H264_MAIN = 0x4d;
    /** H.264 {@code profile_idc} of Extended. */
    public static final int H264_EXTENDED = 0x58;
    /** H.264 {@code profile_idc} of High. */
    public static final int H264_HIGH = 0x64;

    /** The H.264 profiles accepted by default: Baseline/Constrained Baseline, Main, Extended, High. */
    public static final Set<Integer> DEFAULT_H264_PROFILES = Set.of(H264_BASELINE, H264_MAIN, H264_EXTENDED, H264_HIGH);

    private static final List<RTCRtcpFeedback> VIDEO_FEEDBACK = List.of(
            new RTCRtcpFeedback("nack", ""), new RTCRtcpFeedback("nack", "pli"),
            new RTCRtcpFeedback("ccm", "fir"), new RTCRtcpFeedback("transport-cc", ""),
            new RTCRtcpFeedback("goog-remb", ""));
    private static final List<RTCRtcpFeedback> AUDIO_FEEDBACK = List.of(new RTCRtcpFeedback("transport-cc", ""));

    /** @throws IllegalArgumentException if the clock rate is not positive or channels negative */
    public RTCRtpCodecCapability {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        profiles = Set.copyOf(profiles);
        rtcpFeedback = List.copyOf(rtcpFeedback);
        if (clockRate <= 0 || channels < 0) {
            throw new IllegalArgumentException("clock rate must be positive and channels >= 0");
        }
    }

    /** H.264 with RTX and the video feedback, restricted to these {@code profile_idc} values. */
    public static RTCRtpCodecCapability h264(Set<Integer> profileIdcs) {
        if (profileIdcs.isEmpty()) {
            throw new IllegalArgumentException("H264 needs at least one profile");
        }
        return new RTCRtpCodecCapability(MediaKind.VIDEO, "H264", 90000, 0, profileIdcs, VIDEO_FEEDBACK, true);
    }

    /** VP8 with RTX and the video feedback. */
    public static RTCRtpCodecCapability vp8() {
        return new RTCRtpCodecCapability(MediaKind.VIDEO, "VP8", 90000, 0, Set.of(), VIDEO_FEEDBACK, true);
    }

    /** VP9 with RTX and the video feedback, restricted to these {@code profile-id} values. */
    public static RTCRtpCodecCapability vp9(Set<Integer> profileIds) {
        if (profileIds.isEmpty()) {
            throw new IllegalArgumentException("VP9 needs at least one profile");
        }
        return new RTCRtpCodecCapability(MediaKind.VIDEO, "VP9", 90000, 0, profileIds, VIDEO_FEEDBACK, true);
    }

    /** AV1 Main profile (0) with RTX and the video feedback. */
    public static RTCRtpCodecCapability av1() {
        return new RTCRtpCodecCapability(MediaKind.VIDEO, "AV1", 90000, 0, Set.of(0), VIDEO_FEEDBACK, true);
    }

    /** Opus, 48 kHz stereo (RFC 7587 §7 always writes {@code opus/48000/2}), with transport-cc. */
    public static RTCRtpCodecCapability opus() {
        return new RTCRtpCodecCapability(MediaKind.AUDIO, "opus", 48000, 2, Set.of(), AUDIO_FEEDBACK, false);
    }

    /** {@code video/H264}, {@code audio/opus} …: the W3C mime type. */
    public String mimeType() {
        return kind.sdpName() + "/" + name;
    }

    /** Whether the codec has the feedback mechanism ({@code parameter} empty for a bare type). */
    public boolean hasFeedback(String type, String parameter) {
        for (RTCRtcpFeedback feedback : rtcpFeedback) {
            if (feedback.type().equalsIgnoreCase(type) && feedback.parameter().equalsIgnoreCase(parameter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an offered format is this codec in an acceptable variant.
     *
     * @param sectionKind the kind of the media section the format is offered in
     * @param rtpmap the format's {@code a=rtpmap}
     * @param fmtp its {@code a=fmtp}, if any
     */
    public boolean accepts(MediaKind sectionKind, Rtpmap rtpmap, Optional<Fmtp> fmtp) {
        if (sectionKind != kind || !rtpmap.encodingName().equalsIgnoreCase(name) || rtpmap.clockRate() != clockRate) {
            return false;
        }
        if (kind == MediaKind.AUDIO && rtpmap.channels().orElse(1) != channels) {
            return false;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "H264" -> acceptsH264(fmtp);
            case "VP9" -> acceptsProfile(fmtp, "profile-id");
            case "AV1" -> acceptsProfile(fmtp, "profile");
            default -> true;
        };
    }

    private boolean acceptsH264(Optional<Fmtp> fmtp) {
        String mode = fmtp.flatMap(f -> f.parameter("packetization-mode")).orElse("0");
        if (!mode.equals("0") && !mode.equals("1")) {
            return false;
        }
        String profileLevelId = fmtp.flatMap(f -> f.parameter("profile-level-id")).orElse("42000a");
        if (profileLevelId.length() != 6 || !HexFormat.isHexDigit(profileLevelId.charAt(0))
                || !HexFormat.isHexDigit(profileLevelId.charAt(1))) {
            return false;
        }
        return profiles.contains(HexFormat.fromHexDigits(profileLevelId, 0, 2));
    }

    private boolean acceptsProfile(Optional<Fmtp> fmtp, String parameter) {
        if (profiles.isEmpty()) {
            return true;
        }
        String value = fmtp.flatMap(f -> f.parameter(parameter)).orElse("0");
        if (value.isEmpty() || value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return profiles.contains(Integer.parseInt(value));
    }
}
