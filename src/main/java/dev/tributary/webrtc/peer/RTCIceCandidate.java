package dev.tributary.webrtc.peer;

import java.util.Objects;

/**
 * W3C {@code RTCIceCandidateInit}: a trickled candidate as signalled (RFC 8840).
 *
 * @param candidate the {@code candidate:…} attribute value (with or without {@code a=}); empty
 *     means end of candidates
 * @param sdpMid the media section it belongs to, or null
 * @param sdpMLineIndex the index of that section, or -1 when not given
 */
public record RTCIceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {

    public RTCIceCandidate {
        Objects.requireNonNull(candidate, "candidate");
        if (sdpMLineIndex < -1) {
            throw new IllegalArgumentException("sdpMLineIndex must be -1 or an index: " + sdpMLineIndex);
        }
    }

    /** The end-of-candidates marker for the given media section. */
    public static RTCIceCandidate endOfCandidates(String sdpMid) {
        return new RTCIceCandidate("", sdpMid, -1);
    }

    /** Whether this marks the end of candidates. */
    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }
}
