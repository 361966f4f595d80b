package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.WebRtcException;

/** The peer connection was closed (or failed) before or while the call could be carried out. */
public class ConnectionClosedException extends WebRtcException {

    public ConnectionClosedException(String message) {
        super(message);
    }
}
