package dev.tributary.webrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=ssrc:<ssrc> <attribute>[:<value>]} (RFC 5576 §4.1): a source-level attribute, e.g.
 * {@code 2812326180 cname:cHGVAPSpdIOoCMdY}.
 *
 * @param ssrc 0..2^32-1
 * @param attribute the source attribute's name, e.g. {@code cname}, {@code msid}
 * @param value its value, if written (may contain spaces, e.g. for {@code msid})
 */
public record Ssrc(long ssrc, String attribute, Optional<String> value) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ssrc";

    /** The largest SSRC, 2^32-1. */
    public static final long MAX_SSRC = 0xFFFF_FFFFL;

    /** @throws IllegalArgumentException if the SSRC is out of range or the text not valid SDP */
    public Ssrc {
        Syntax.requireRange(ssrc, 0, MAX_SSRC, "SSRC");
        Syntax.requireToken(attribute, "source attribute");
        Objects.requireNonNull(value, "value");
        value.ifPresent(v -> {
            Syntax.requireText(v, "source attribute value");
            if (v.endsWith(" ")) {
                throw new IllegalArgumentException("source attribute value must not end with a space");
            }
        });
    }

    /** {@code <ssrc> <attribute>:<value>}, e.g. {@code cname}. */
    public static Ssrc of(long ssrc, String attribute, String value) {
        return new Ssrc(ssrc, attribute, Optional.of(value));
    }

    /**
     * Parses the value after {@code a=ssrc:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed or the SSRC out of range
     */
    public static Ssrc parse(String value) {
        ValueReader reader = new ValueReader(value);
        long ssrc = reader.nextNumber("SSRC", MAX_SSRC);
        String rest = reader.rest();
        int colon = rest.indexOf(':');
        String attribute = colon < 0 ? rest : rest.substring(0, colon);
        Optional<String> attributeValue =
                colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1));
        return Syntax.build(() -> new Ssrc(ssrc, attribute, attributeValue));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return value.map(v -> ssrc + " " + attribute + ":" + v).orElse(ssrc + " " + attribute);
    }

    @Override
    public String toString() {
        return format();
    }
}
