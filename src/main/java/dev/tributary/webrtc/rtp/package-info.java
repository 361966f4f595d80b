/**
 * RTP packets (RFC 3550 §5.1) with RFC 8285 header extensions, and the helpers the receive and
 * send pipelines build on.
 *
 * <ul>
 *   <li>{@link dev.tributary.webrtc.rtp.RtpPacket}: an immutable, validated packet over the
 *       caller's bytes (the payload is never copied); {@link
 *       dev.tributary.webrtc.rtp.ReusableRtpPacket}: the same view as a flyweight re-pointed at
 *       each packet, so the hot receive path parses with no allocation at all. Both implement
 *       {@link dev.tributary.webrtc.rtp.RtpPacketView}, whose accessors read the bytes in place.
 *   <li>{@link dev.tributary.webrtc.rtp.RtpPacketBuilder}: builds and writes packets into a
 *       caller's array, choosing the one-byte or two-byte extension form.
 *   <li>{@link dev.tributary.webrtc.rtp.HeaderExtensions}, {@link
 *       dev.tributary.webrtc.rtp.HeaderExtensionUri}, {@link
 *       dev.tributary.webrtc.rtp.HeaderExtensionCursor}: extension values by negotiated ID.
 *   <li>{@link dev.tributary.webrtc.rtp.SequenceNumbers}, {@link
 *       dev.tributary.webrtc.rtp.SequenceNumberUnwrapper}, {@link
 *       dev.tributary.webrtc.rtp.TimestampUnwrapper}: wrap-aware counters.
 *   <li>{@link dev.tributary.webrtc.rtp.Rtx}: RFC 4588 retransmission packets.
 * </ul>
 *
 * <p>Malformed packets throw {@link dev.tributary.webrtc.ParseException} and nothing else.
 */
package dev.tributary.webrtc.rtp;
