package dev.tributary.webrtc.sdp;

/**
 * {@code a=ice-pwd:<password>} (RFC 8839 §5.4): the ICE password, 22 to 256 {@code ice-char}s
 * (letters, digits, '+', '/').
 *
 * @param value the password
 */
public record IcePwd(String value) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ice-pwd";

    /** @throws IllegalArgumentException if the length or a character is not allowed */
    public IcePwd {
        Syntax.requireIceChars(value, 22, "ice-pwd");
    }

    /**
     * Parses the value after {@code a=ice-pwd:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static IcePwd parse(String value) {
        return Syntax.build(() -> new IcePwd(ValueReader.single(value, NAME)));
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
