package dev.tributary.webrtc.peer;

import java.util.Objects;

/**
 * W3C {@code RTCRtcpFeedback}: one {@code a=rtcp-fb} mechanism of a codec.
 *
 * @param type {@code nack}, {@code ccm}, {@code transport-cc}, {@code goog-remb} …
 * @param parameter {@code pli} for {@code nack pli}, {@code fir} for {@code ccm fir}; empty when none
 */
public record RTCRtcpFeedback(String type, String parameter) {

    public RTCRtcpFeedback {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameter, "parameter");
    }
}
