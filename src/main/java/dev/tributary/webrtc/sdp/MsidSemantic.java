package dev.tributary.webrtc.sdp;

import java.util.List;

/**
 * {@code a=msid-semantic:<semantic> [<id>...]}, a session attribute from the drafts before
 * RFC 8830 that browsers still write, e.g. {@code WMS *} or {@code WMS <stream id>}. Chromium
 * writes a space after the colon; it is accepted.
 *
 * @param semantic e.g. {@code WMS}
 * @param ids the stream ids, or {@code *} (may be empty)
 */
public record MsidSemantic(String semantic, List<String> ids) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "msid-semantic";

    /** @throws IllegalArgumentException if the semantic or an id is not a token */
    public MsidSemantic {
        Syntax.requireToken(semantic, "msid semantic");
        ids = List.copyOf(ids);
        ids.forEach(id -> Syntax.requireToken(id, "msid semantic id"));
    }

    /**
     * Parses the value after {@code a=msid-semantic:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static MsidSemantic parse(String value) {
        ValueReader reader = new ValueReader(value);
        String semantic = reader.next("msid semantic");
        List<String> ids = reader.remaining("msid semantic id");
        return Syntax.build(() -> new MsidSemantic(semantic, ids));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return ids.isEmpty() ? semantic : semantic + " " + String.join(" ", ids);
    }

    @Override
    public String toString() {
        return format();
    }
}
