/**
 * UDP I/O for peer connections: the only part of the stack below ICE that opens sockets and
 * starts threads.
 *
 * <p>A peer connection gets its {@link dev.tributary.webrtc.udp.UdpTransport} from a
 * {@link dev.tributary.webrtc.udp.UdpTransportFactory}: either
 * {@link dev.tributary.webrtc.udp.UdpSocketFactory}, sockets of its own on every local address,
 * or {@link dev.tributary.webrtc.udp.UdpMux}, one port shared by all connections and routed by
 * ICE ufrag and remote address. {@link dev.tributary.webrtc.udp.HostAddresses} and
 * {@link dev.tributary.webrtc.udp.AddressFilter} choose the local addresses;
 * {@link dev.tributary.webrtc.udp.DatagramKind} tells STUN, DTLS, RTP and RTCP apart on one
 * 5-tuple (RFC 7983).
 *
 * <p>Each socket is read by one thread (a virtual one per connection's own socket, a platform
 * one per shared {@code UdpMux} socket) into one reused buffer; the
 * {@link dev.tributary.webrtc.udp.DatagramHandler} runs on that thread and must not block.
 * Closing a transport releases its sockets and ends their readers before it returns.
 */
package dev.tributary.webrtc.udp;
