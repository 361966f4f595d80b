/**
 * The interceptor chain every RTP and RTCP packet of a peer connection passes, in the manner of
 * Pion's interceptors but sans-IO: {@link dev.tributary.webrtc.interceptor.InterceptorChain}
 * takes packets and the current time and returns the packets to hand on, the RTCP to send and its
 * next deadline.
 *
 * <ul>
 *   <li>Receiver reports (RFC 3550 §6.4.2, Appendix A.1, A.3, A.8) with SDES CNAME, or alone
 *       under {@code rtcp-rsize} (RFC 5506).
 *   <li>Sender report capture: {@link dev.tributary.webrtc.interceptor.ReceivedSenderReport}, the
 *       NTP ↔ RTP mapping an A/V timeline is built on.
 *   <li>Generic NACK generation (RFC 4585 §6.2.1) with RTT-timed retries.
 *   <li>RTX unwrapping (RFC 4588 §4).
 *   <li>Keyframe requests: PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1), rate-limited.
 *   <li>Transport-wide congestion control feedback
 *       (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *   <li>Per-stream statistics for {@code getStats}: {@link
 *       dev.tributary.webrtc.interceptor.StreamStatistics}, {@link
 *       dev.tributary.webrtc.interceptor.SentStatistics}.
 * </ul>
 */
package dev.tributary.webrtc.interceptor;
