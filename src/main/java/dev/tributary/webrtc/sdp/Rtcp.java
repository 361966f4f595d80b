package dev.tributary.webrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605 §2.1): where RTCP goes when it
 * is not on the RTP port + 1. WebRTC stacks write {@code 9 IN IP4 0.0.0.0} next to rtcp-mux.
 *
 * @param port 0..65535
 * @param connection the address, if written
 */
public record Rtcp(int port, Optional<Connection> connection) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "rtcp";

    /** @throws IllegalArgumentException if the port is out of range */
    public Rtcp {
        Syntax.requireRange(port, 0, 65535, "rtcp port");
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * Parses the value after {@code a=rtcp:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed or the port out of range
     */
    public static Rtcp parse(String value) {
        ValueReader reader = new ValueReader(value);
        int port = reader.nextInt("rtcp port", 65535);
        Optional<Connection> connection =
                reader.hasMore() ? Optional.of(Connection.read(reader)) : Optional.empty();
        reader.end();
        return new Rtcp(port, connection);
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return connection.map(c -> port + " " + c.format()).orElse(Integer.toString(port));
    }

    @Override
    public String toString() {
        return format();
    }
}
