package dev.tributary.webrtc.sdp;

/**
 * The typed view of one known SDP attribute's value, such as {@link Rtpmap} for
 * {@code a=rtpmap:111 opus/48000/2}.
 *
 * <p>Every implementation is immutable, has a static {@code parse(String value)} that throws
 * {@link dev.tributary.webrtc.ParseException} for malformed text, and a {@link #format()} whose
 * result parses back to an equal value. Its constructor checks its arguments and throws
 * {@link IllegalArgumentException} for values that could not be written as valid SDP. Wrap one
 * in an {@link Attribute} with {@link Attribute#of(AttributeValue)}.
 */
public sealed interface AttributeValue
        permits Candidate, ExtMap, Fingerprint, Fmtp, Group, IceOptions, IcePacing, IcePwd, IceUfrag,
                MaxMessageSize, Mid, Msid, MsidSemantic, Rid, Rtcp, RtcpFb, Rtpmap, SctpPort,
                Setup, Simulcast, Ssrc, SsrcGroup {

    /** The attribute's name, e.g. {@code "rtpmap"}. */
    String attributeName();

    /** The value as written after {@code a=<name>:}, e.g. {@code "111 opus/48000/2"}. */
    String format();
}
