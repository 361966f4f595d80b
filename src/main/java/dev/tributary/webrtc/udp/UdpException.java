package dev.tributary.webrtc.udp;

import dev.tributary.webrtc.WebRtcException;

/** A UDP socket could not be opened or registered. */
public class UdpException extends WebRtcException {

    public UdpException(String message) {
        super(message);
    }

    public UdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
