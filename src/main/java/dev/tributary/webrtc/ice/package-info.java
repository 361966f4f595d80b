/**
 * ICE (RFC 8445) for one BUNDLEd, rtcp-muxed data stream: a sans-IO
 * {@link dev.tributary.webrtc.ice.IceAgent}, full or lite, with trickle (RFC 8838), consent
 * freshness (RFC 7675) and the W3C connection and gathering states.
 *
 * <p>The agent takes datagrams and the time and gives back datagrams to send, events and its
 * next deadline; a driver owns the sockets and the clock. Candidates are
 * {@link dev.tributary.webrtc.ice.IceCandidate} values: the SDP package parses the
 * {@code a=candidate} text, this package never does. STUN messages are read and written with
 * {@link dev.tributary.webrtc.stun}. Nothing here resolves names: mDNS candidates need a resolver
 * in {@link dev.tributary.webrtc.ice.IceConfig}.
 */
package dev.tributary.webrtc.ice;
