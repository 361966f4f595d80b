package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §7): maps an RTP
 * header extension to a local identifier.
 *
 * <p>The identifier is kept as written (1..65535 here, {@code 1*5DIGIT} in the grammar): RFC 8285
 * lets an offer present identifiers outside the usable ranges 1-14 (one-byte) and 1-255
 * (two-byte); the answerer remaps or rejects them.
 *
 * @param id the local identifier
 * @param direction the direction of this extension, if written
 * @param uri the extension's URI, e.g. {@code urn:ietf:params:rtp-hdrext:sdes:mid}
 * @param extensionAttributes extension-specific text after the URI, if any
 */
public record ExtMap(int id, Optional<Direction> direction, String uri,
        Optional<String> extensionAttributes) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "extmap";

    /** @throws IllegalArgumentException if the id is out of range or the text not valid SDP */
    public ExtMap {
        Syntax.requireRange(id, 1, 65535, "extension id");
        Objects.requireNonNull(direction, "direction");
        Syntax.requireNonWhitespace(uri, "extension URI");
        Objects.requireNonNull(extensionAttributes, "extensionAttributes");
        extensionAttributes.ifPresent(a -> Syntax.requireRest(a, "extension attributes"));
    }

    /** A mapping without direction and extension attributes. */
    public static ExtMap of(int id, String uri) {
        return new ExtMap(id, Optional.empty(), uri, Optional.empty());
    }

    /**
     * Parses the value after {@code a=extmap:}.
     *
     * @throws ParseException if it is malformed, the id out of range or the direction unknown
     */
    public static ExtMap parse(String value) {
        ValueReader reader = new ValueReader(value);
        String entry = reader.next("extension id");
        int slash = entry.indexOf('/');
        int id = Syntax.parseInt(slash < 0 ? entry : entry.substring(0, slash), 65535, "extension id");
        Optional<Direction> direction = Optional.empty();
        if (slash >= 0) {
            String name = entry.substring(slash + 1);
            direction = Optional.of(Direction.fromAttributeName(name)
                    .orElseThrow(() -> new ParseException("unknown direction \"" + name + "\"")));
        }
        String uri = reader.next("extension URI");
        String rest = reader.rest();
        Optional<Direction> parsedDirection = direction;
        return Syntax.build(() -> new ExtMap(id, parsedDirection, uri,
                Syntax.optional(rest)));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder().append(id);
        direction.ifPresent(d -> out.append('/').append(d.attributeName()));
        out.append(' ').append(uri);
        extensionAttributes.ifPresent(a -> out.append(' ').append(a));
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
