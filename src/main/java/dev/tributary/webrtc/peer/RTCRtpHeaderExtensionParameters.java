package dev.tributary.webrtc.peer;

import java.util.Objects;

/**
 * W3C {@code RTCRtpHeaderExtensionParameters}: a negotiated RTP header extension (RFC 8285
 * {@code a=extmap}).
 *
 * @param uri the extension's URI
 * @param id its local identifier, 1..14 (one-byte form) or 1..255 (two-byte form)
 */
public record RTCRtpHeaderExtensionParameters(String uri, int id) {

    public RTCRtpHeaderExtensionParameters {
        Objects.requireNonNull(uri, "uri");
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("extension id must be 1..255: " + id);
        }
    }
}
