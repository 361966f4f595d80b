package dev.tributary.webrtc.peer;

/** The kind of a media section and its tracks. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video");

    private final String sdpName;

    MediaKind(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The SDP {@code m=} media name, also the W3C {@code kind} string. */
    public String sdpName() {
        return sdpName;
    }
}
