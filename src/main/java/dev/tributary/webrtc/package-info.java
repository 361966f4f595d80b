/**
 * Tributary's WebRTC stack: one sub-package per protocol, no Spring, no FFmpeg, no service code.
 *
 * <p>Errors: every exception the stack throws is a {@link dev.tributary.webrtc.WebRtcException};
 * malformed input from the wire is a {@link dev.tributary.webrtc.ParseException}.
 */
package dev.tributary.webrtc;
