package dev.tributary.webrtc.peer;

import java.util.Objects;

/**
 * W3C {@code RTCSessionDescription}: an offer or an answer as SDP text.
 *
 * @param type offer or answer
 * @param sdp the description's text
 */
public record RTCSessionDescription(RTCSdpType type, String sdp) {

    public RTCSessionDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
    }

    /** An offer. */
    public static RTCSessionDescription offer(String sdp) {
        return new RTCSessionDescription(RTCSdpType.OFFER, sdp);
    }

    /** An answer. */
    public static RTCSessionDescription answer(String sdp) {
        return new RTCSessionDescription(RTCSdpType.ANSWER, sdp);
    }
}
