package dev.tributary.webrtc.peer;

import java.util.List;
import java.util.Objects;

/**
 * W3C {@code RTCRtpCodecParameters}: a codec as negotiated in a media section.
 *
 * @param payloadType the RTP payload type (0..127)
 * @param mimeType {@code video/H264}, {@code audio/opus} … (the case of the SDP encoding name)
 * @param clockRate RTP clock rate in Hz
 * @param channels audio channels, 0 when the SDP gives none (video)
 * @param sdpFmtpLine the {@code a=fmtp} parameters, empty when none
 * @param rtcpFeedback the negotiated {@code a=rtcp-fb} mechanisms of this payload type
 * @param rtxPayloadType the payload type of its RTX stream (RFC 4588, {@code apt=} this one), or
 *     -1 when RTX is not negotiated for it
 */
public record RTCRtpCodecParameters(int payloadType, String mimeType, int clockRate, int channels,
        String sdpFmtpLine, List<RTCRtcpFeedback> rtcpFeedback, int rtxPayloadType) {

    public RTCRtpCodecParameters {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(sdpFmtpLine, "sdpFmtpLine");
        rtcpFeedback = List.copyOf(rtcpFeedback);
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (rtxPayloadType < -1 || rtxPayloadType > 127) {
            throw new IllegalArgumentException("rtx payload type must be -1..127: " + rtxPayloadType);
        }
    }

    /** Whether the codec has the feedback mechanism ({@code parameter} empty for a bare type). */
    public boolean hasFeedback(String type, String parameter) {
        return rtcpFeedback.contains(new RTCRtcpFeedback(type, parameter));
    }
}
