package dev.tributary.webrtc.peer;

/** W3C {@code RTCSignalingState}, without provisional answers. */
public enum RTCSignalingState {
    STABLE,
    HAVE_LOCAL_OFFER,
    HAVE_REMOTE_OFFER,
    CLOSED
}
