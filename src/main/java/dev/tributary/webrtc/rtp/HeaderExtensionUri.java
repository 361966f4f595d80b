package dev.tributary.webrtc.rtp;

import java.util.Optional;

/**
 * The RTP header extensions WebRTC peers negotiate with {@code a=extmap} (RFC 8285 §5), by URI.
 * The SDP maps each URI to a local ID per session; {@link HeaderExtensions} reads the values of
 * the common ones given that ID.
 */
public enum HeaderExtensionUri {

    /** Media identification, RFC 9143 §15 (BUNDLE): the m-line's mid as text. */
    MID("urn:ietf:params:rtp-hdrext:sdes:mid"),
    /** RtpStreamId, RFC 8852 §3.1: the simulcast/RID of the stream as text. */
    RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
    /** RepairedRtpStreamId, RFC 8852 §3.2: the RID an RTX/FEC stream repairs, as text. */
    REPAIRED_RTP_STREAM_ID("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"),
    /** Absolute send time: 24-bit 6.18 fixed-point seconds (webrtc.org experiment). */
    ABS_SEND_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
    /**
     * Transport-wide sequence number for congestion control: 16 bits
     * (draft-holmer-rmcat-transport-wide-cc-extensions-01).
     */
    TRANSPORT_WIDE_CC("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
    /** Transport-wide CC v2: sequence number and optional feedback request (webrtc.org experiment). */
    TRANSPORT_WIDE_CC_02("http://www.webrtc.org/experiments/rtp-hdrext/transport-wide-cc-02"),
    /** Client-to-mixer audio level, RFC 6464: voice activity flag and level in -dBov. */
    AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
    /** Mixer-to-client audio levels, RFC 6465: one level per CSRC. */
    CSRC_AUDIO_LEVEL("urn:ietf:params:rtp-hdrext:csrc-audio-level"),
    /** Coordination of video orientation, 3GPP TS 26.114 §7.4.5: camera, flip and rotation. */
    VIDEO_ORIENTATION("urn:3gpp:video-orientation"),
    /** Transmission time offset, RFC 5450. */
    TOFFSET("urn:ietf:params:rtp-hdrext:toffset"),
    /** Playout delay limits: two 12-bit values in 10 ms units (webrtc.org experiment). */
    PLAYOUT_DELAY("http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"),
    /** Absolute capture time in NTP format (webrtc.org experiment). */
    ABS_CAPTURE_TIME("http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time"),
    /** Video content type, e.g. screenshare (webrtc.org experiment). */
    VIDEO_CONTENT_TYPE("http://www.webrtc.org/experiments/rtp-hdrext/video-content-type"),
    /** Video timing deltas of the sender pipeline (webrtc.org experiment). */
    VIDEO_TIMING("http://www.webrtc.org/experiments/rtp-hdrext/video-timing"),
    /** HDR color space metadata (webrtc.org experiment). */
    COLOR_SPACE("http://www.webrtc.org/experiments/rtp-hdrext/color-space"),
    /** AV1 dependency descriptor (AV1 RTP specification, appendix A). */
    DEPENDENCY_DESCRIPTOR(
            "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension");

    private final String uri;

    HeaderExtensionUri(String uri) {
        this.uri = uri;
    }

    /** @return the URI as it appears in {@code a=extmap} */
    public String uri() {
        return uri;
    }

    /**
     * @param uri a URI from an {@code a=extmap} line, compared exactly
     * @return the known extension, or empty for one this enum does not list
     */
    public static Optional<HeaderExtensionUri> of(String uri) {
        for (HeaderExtensionUri known : values()) {
            if (known.uri.equals(uri)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
