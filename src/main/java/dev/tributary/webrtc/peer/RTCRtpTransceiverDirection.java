package dev.tributary.webrtc.peer;

/** W3C {@code RTCRtpTransceiverDirection}, and the SDP direction attribute it maps to. */
public enum RTCRtpTransceiverDirection {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive"),
    /** The transceiver is stopped; its media section is rejected (port 0). */
    STOPPED("stopped");

    private final String sdpName;

    RTCRtpTransceiverDirection(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The SDP attribute name ({@code a=sendrecv} …); {@code stopped} has none. */
    public String sdpName() {
        return sdpName;
    }

    /** Whether this side sends. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether this side receives. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }
}
