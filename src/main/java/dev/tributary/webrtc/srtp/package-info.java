/**
 * SRTP and SRTCP (RFC 3711) with the DTLS-SRTP protection profiles of RFC 5764 and the AES-GCM
 * profiles of RFC 7714.
 *
 * <p>{@link dev.tributary.webrtc.srtp.DtlsSrtp#sessions DtlsSrtp.sessions} turns the keying
 * material exported by the DTLS handshake into an outbound and an inbound {@link
 * dev.tributary.webrtc.srtp.SrtpSession}; the sessions protect and unprotect packets in place and
 * report refused packets as {@link dev.tributary.webrtc.srtp.SrtpFailure} codes rather than
 * exceptions.
 */
package dev.tributary.webrtc.srtp;
