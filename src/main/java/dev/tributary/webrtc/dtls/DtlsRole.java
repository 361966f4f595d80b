package dev.tributary.webrtc.dtls;

/**
 * Which side of the DTLS handshake this endpoint takes.
 *
 * <p>The JSEP layer derives it from the SDP {@code a=setup} attribute (RFC 5763 §5, RFC 8842
 * §5): {@code active} is the DTLS client, {@code passive} the server.
 */
public enum DtlsRole {
    /** Sends the ClientHello; its SRTP keys are the {@code client_write} keys. */
    CLIENT,
    /** Waits for the ClientHello; its SRTP keys are the {@code server_write} keys. */
    SERVER
}
