package dev.tributary.webrtc.srtp;

import dev.tributary.webrtc.WebRtcException;

/**
 * SRTP could not be set up or the Java platform's cryptography failed: the JDK lacks AES, AES-GCM
 * or SHA-1, or a {@link javax.crypto.Cipher} reported an error that correct use cannot cause.
 *
 * <p>Packets that fail authentication, are replayed or are malformed do <em>not</em> raise this:
 * they are expected on a network and are reported as a {@link SrtpFailure} code (see {@link
 * SrtpSession}).
 */
public class SrtpException extends WebRtcException {

    /**
     * @param message what failed
     * @param cause the platform exception behind it
     */
    public SrtpException(String message, Throwable cause) {
        super(message, cause);
    }
}
