/**
 * RTCP packets (RFC 3550 §6) and the feedback messages WebRTC uses: generic NACK and PLI
 * (RFC 4585), FIR (RFC 5104), REMB (draft-alvestrand-rmcat-remb) and transport-wide congestion
 * control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *
 * <p>{@link dev.tributary.webrtc.rtcp.RtcpCompound} parses a datagram into immutable
 * {@link dev.tributary.webrtc.rtcp.RtcpPacket} records and writes a list of them back. Every
 * 32-bit unsigned field (SSRCs, timestamps, counters) is a {@code long} in {@code 0..2^32-1}, so
 * that values compare and print as on the wire; constructors reject values out of range with
 * {@link java.lang.IllegalArgumentException}. Malformed input raises
 * {@link dev.tributary.webrtc.ParseException} and nothing else.
 */
package dev.tributary.webrtc.rtcp;
