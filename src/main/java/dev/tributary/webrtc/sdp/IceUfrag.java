package dev.tributary.webrtc.sdp;

/**
 * {@code a=ice-ufrag:<ufrag>} (RFC 8839 §5.4): the ICE username fragment, 4 to 256
 * {@code ice-char}s (letters, digits, '+', '/').
 *
 * @param value the username fragment
 */
public record IceUfrag(String value) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ice-ufrag";

    /** @throws IllegalArgumentException if the length or a character is not allowed */
    public IceUfrag {
        Syntax.requireIceChars(value, 4, "ice-ufrag");
    }

    /**
     * Parses the value after {@code a=ice-ufrag:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static IceUfrag parse(String value) {
        return Syntax.build(() -> new IceUfrag(ValueReader.single(value, NAME)));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
