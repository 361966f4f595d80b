package dev.tributary.webrtc.sdp;

import java.util.List;

/**
 * {@code a=group:<semantics> <mid>...} (RFC 5888 §5): groups media sections by their mids,
 * e.g. {@code BUNDLE 0 1} (RFC 8843 §7.2).
 *
 * @param semantics e.g. {@code BUNDLE}, {@code LS}
 * @param mids the identification tags of the grouped media sections, in order (may be empty)
 */
public record Group(String semantics, List<String> mids) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "group";

    /** The semantics of a BUNDLE group (RFC 8843). */
    public static final String BUNDLE = "BUNDLE";

    /** @throws IllegalArgumentException if the semantics or a mid is not a token */
    public Group {
        Syntax.requireToken(semantics, "group semantics");
        mids = List.copyOf(mids);
        mids.forEach(mid -> Syntax.requireToken(mid, "mid"));
    }

    /** {@code a=group:BUNDLE <mids>}. */
    public static Group bundle(List<String> mids) {
        return new Group(BUNDLE, mids);
    }

    /**
     * Parses the value after {@code a=group:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static Group parse(String value) {
        ValueReader reader = new ValueReader(value);
        String semantics = reader.next("group semantics");
        List<String> mids = reader.remaining("mid");
        return Syntax.build(() -> new Group(semantics, mids));
    }

    /** Whether this is a BUNDLE group (the semantics token compared ignoring case). */
    public boolean isBundle() {
        return semantics.equalsIgnoreCase(BUNDLE);
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
    }

    @Override
    public String toString() {
        return format();
    }
}
