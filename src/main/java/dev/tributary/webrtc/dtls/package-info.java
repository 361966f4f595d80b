/**
 * DTLS 1.2 for WebRTC (RFC 6347) over BouncyCastle: the DTLS-SRTP handshake and the SRTP keys it
 * yields (RFC 5764), certificates and their fingerprints (RFC 8122), and the record transport
 * SCTP data channels run over.
 *
 * <p>The peer connection creates one {@link dev.tributary.webrtc.dtls.DtlsTransport} with the
 * role from {@code a=setup}, its {@link dev.tributary.webrtc.dtls.DtlsCertificate} and the
 * remote {@link dev.tributary.webrtc.dtls.DtlsFingerprint}s (converted from the SDP's {@code
 * a=fingerprint} attributes, whose text form this package does not parse), feeds it the DTLS
 * datagrams its socket receives, and gets a {@link dev.tributary.webrtc.dtls.DtlsResult}: the
 * negotiated {@link dev.tributary.webrtc.srtp.SrtpProfile} and the outbound and inbound
 * {@link dev.tributary.webrtc.srtp.SrtpSession}s keyed from the handshake (RFC 5764 §4.2). This
 * package owns DTLS-SRTP keying; the {@code srtp} package only protects packets.
 */
package dev.tributary.webrtc.dtls;
