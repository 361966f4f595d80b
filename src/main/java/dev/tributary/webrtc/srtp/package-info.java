/**
 * SRTP and SRTCP (RFC 3711) with the AES-CM protection profiles of RFC 5764 and the AES-GCM
 * profiles of RFC 7714.
 *
 * <p>An {@link dev.tributary.webrtc.srtp.SrtpSession} is made from a {@link
 * dev.tributary.webrtc.srtp.SrtpProfile}, a master key and a master salt, and serves one
 * direction: it protects or unprotects packets in place and reports refused packets as {@link
 * dev.tributary.webrtc.srtp.SrtpFailure} codes rather than exceptions. Where the keys come from
 * is not this package's concern: for WebRTC, the DTLS layer splits the keying material its
 * handshake exports into an outbound and an inbound session ({@code
 * dev.tributary.webrtc.dtls.DtlsResult#srtpSessions()}, RFC 5764 §4.2).
 */
package dev.tributary.webrtc.srtp;
