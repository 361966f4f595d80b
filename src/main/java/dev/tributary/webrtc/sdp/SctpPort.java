package dev.tributary.webrtc.sdp;

/**
 * {@code a=sctp-port:<port>} (RFC 8841 §5): the SCTP port of a data channel section.
 *
 * @param port 0..65535
 */
public record SctpPort(int port) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "sctp-port";

    /** @throws IllegalArgumentException if the port is out of range */
    public SctpPort {
        Syntax.requireRange(port, 0, 65535, "sctp-port");
    }

    /**
     * Parses the value after {@code a=sctp-port:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not a port number
     */
    public static SctpPort parse(String value) {
        return new SctpPort(Syntax.parseInt(ValueReader.single(value, NAME), 65535, NAME));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return Integer.toString(port);
    }

    @Override
    public String toString() {
        return format();
    }
}
