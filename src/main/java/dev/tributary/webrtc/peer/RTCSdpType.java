package dev.tributary.webrtc.peer;

/** W3C {@code RTCSdpType}. Provisional answers and rollback are not supported. */
public enum RTCSdpType {
    OFFER,
    ANSWER
}
