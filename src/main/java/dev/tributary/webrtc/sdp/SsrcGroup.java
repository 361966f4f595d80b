package dev.tributary.webrtc.sdp;

import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc>...} (RFC 5576 §4.2): relates SSRCs, e.g.
 * {@code FID 1978510640 3847747670} pairs a media SSRC with its retransmission SSRC
 * (RFC 4588 §8.1) and {@code SIM} lists simulcast layers.
 *
 * @param semantics e.g. {@code FID}, {@code FEC}, {@code SIM}
 * @param ssrcs the SSRCs in order, each 0..2^32-1
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ssrc-group";

    /** The semantics that pairs a media SSRC with its RTX SSRC. */
    public static final String FID = "FID";

    /** @throws IllegalArgumentException if the semantics is not a token or an SSRC out of range */
    public SsrcGroup {
        Syntax.requireToken(semantics, "ssrc-group semantics");
        ssrcs = List.copyOf(ssrcs);
        ssrcs.forEach(ssrc -> Syntax.requireRange(ssrc, 0, Ssrc.MAX_SSRC, "SSRC"));
    }

    /**
     * Parses the value after {@code a=ssrc-group:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed or an SSRC out of range
     */
    public static SsrcGroup parse(String value) {
        ValueReader reader = new ValueReader(value);
        String semantics = reader.next("ssrc-group semantics");
        List<Long> ssrcs = reader.remaining("SSRC").stream()
                .map(s -> Syntax.parseNumber(s, Ssrc.MAX_SSRC, "SSRC"))
                .toList();
        return Syntax.build(() -> new SsrcGroup(semantics, ssrcs));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder(semantics);
        ssrcs.forEach(ssrc -> out.append(' ').append(ssrc));
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
