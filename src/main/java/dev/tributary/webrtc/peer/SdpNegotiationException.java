package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.WebRtcException;

/**
 * A description cannot be applied: it lacks what JSEP requires (ICE credentials, a fingerprint,
 * rtcp-mux …), contradicts the current state, or offers nothing this side can accept. The message
 * says which; it is meant to reach the remote party (a WHIP 400/422 problem detail).
 */
public class SdpNegotiationException extends WebRtcException {

    public SdpNegotiationException(String message) {
        super(message);
    }
}
