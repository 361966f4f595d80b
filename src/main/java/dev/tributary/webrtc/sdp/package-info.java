/**
 * SDP (RFC 8866) as WebRTC uses it: an immutable model, a parser and a writer.
 *
 * <p>{@link dev.tributary.webrtc.sdp.SessionDescription#parse(String)} reads an offer or answer;
 * {@link dev.tributary.webrtc.sdp.SessionDescription#format()} writes one with CRLF line ends in
 * RFC 8866 order. Attributes are an order-preserving list of
 * {@link dev.tributary.webrtc.sdp.Attribute}s that keep their text as written, so unknown ones
 * survive and real browser offers are written back byte for byte. The attributes JSEP, ICE,
 * DTLS and RTP need have typed views (records with {@code parse}/{@code format}, validated when
 * the description is parsed): {@link dev.tributary.webrtc.sdp.Rtpmap},
 * {@link dev.tributary.webrtc.sdp.Fmtp}, {@link dev.tributary.webrtc.sdp.RtcpFb},
 * {@link dev.tributary.webrtc.sdp.ExtMap}, {@link dev.tributary.webrtc.sdp.Candidate},
 * {@link dev.tributary.webrtc.sdp.Fingerprint}, {@link dev.tributary.webrtc.sdp.Setup},
 * {@link dev.tributary.webrtc.sdp.Rid}, {@link dev.tributary.webrtc.sdp.Simulcast} and more.
 *
 * <p>Choices where the RFCs leave room, made for robustness against what real stacks send:
 * <ul>
 *   <li>LF line ends are accepted besides CRLF; the writer always writes CRLF.
 *   <li>After {@code v= o= s=} (first, in that order), session-level lines may come in any
 *       order, as may the lines of a media section after its {@code m=}; the writer restores
 *       RFC order. {@code r=}/{@code z=} must follow {@code t=}/{@code r=}.
 *   <li>A line type letter RFC 8866 does not define is rejected (§5 allows ignoring or
 *       rejecting the whole description; rejecting says clearly what is wrong).
 *   <li>Runs of spaces between fields are accepted; the typed views write single spaces, the
 *       attribute text stays as written.
 *   <li>Input over 256 KiB characters, lines over 8 KiB, a last line without line end, NUL or a
 *       bare CR are rejected; numbers are checked for range without overflow; addresses are
 *       checked by syntax and never resolved.
 * </ul>
 * Every malformed input raises {@link dev.tributary.webrtc.ParseException} whose offset is the
 * 1-based line number.
 */
package dev.tributary.webrtc.sdp;
