package dev.tributary.webrtc.sdp;

/**
 * {@code a=mid:<identification tag>} (RFC 5888 §4): names a media section, e.g. for BUNDLE
 * groups and the RTP MID header extension.
 *
 * @param id the identification tag, a token
 */
public record Mid(String id) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "mid";

    /** @throws IllegalArgumentException if the id is not a token */
    public Mid {
        Syntax.requireToken(id, "mid");
    }

    /**
     * Parses the value after {@code a=mid:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not a single token
     */
    public static Mid parse(String value) {
        String id = ValueReader.single(value, NAME);
        return Syntax.build(() -> new Mid(id));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
