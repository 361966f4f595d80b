package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;

/**
 * {@code a=setup:<role>} (RFC 4145 §4, for DTLS RFC 8842 §5): which side opens the DTLS
 * association. An offer says {@code actpass}; an answer says {@code active} or {@code passive}.
 */
public enum Setup implements AttributeValue {
    /** Opens the connection (the DTLS client). */
    ACTIVE("active"),
    /** Waits for the connection (the DTLS server). */
    PASSIVE("passive"),
    /** Either; only in offers (RFC 8842 §5.2). */
    ACTPASS("actpass"),
    /** Does not connect now. */
    HOLDCONN("holdconn");

    /** The attribute name. */
    public static final String NAME = "setup";

    private final String value;

    Setup(String value) {
        this.value = value;
    }

    /**
     * Parses the value after {@code a=setup:}, ignoring case (the RFC 4145 grammar's literals are
     * case-insensitive ABNF strings).
     *
     * @throws ParseException if it is not one of the four roles
     */
    public static Setup parse(String value) {
        String role = ValueReader.single(value, NAME);
        for (Setup setup : values()) {
            if (setup.value.equalsIgnoreCase(role)) {
                return setup;
            }
        }
        throw new ParseException("unknown setup role \"" + role + "\"");
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
