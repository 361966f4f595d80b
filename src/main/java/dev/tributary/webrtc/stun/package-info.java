/**
 * STUN (RFC 8489) message codec with the attributes ICE (RFC 8445) and TURN (RFC 8656) use.
 *
 * <p>{@link dev.tributary.webrtc.stun.StunMessage} is the immutable model: parse it from a
 * datagram, read typed {@link dev.tributary.webrtc.stun.StunAttribute}s, verify MESSAGE-INTEGRITY
 * and FINGERPRINT over the received bytes. {@link dev.tributary.webrtc.stun.StunEncoder} writes a
 * message and appends MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT.
 * {@link dev.tributary.webrtc.stun.StunCredentials} derives the HMAC keys, and
 * {@link dev.tributary.webrtc.stun.ChannelData} frames TURN channel data (RFC 8656 §12).
 *
 * <p>The package is sans-IO: nothing here opens a socket, reads the clock or resolves a name.
 * Malformed input raises {@link dev.tributary.webrtc.ParseException}.
 */
package dev.tributary.webrtc.stun;
