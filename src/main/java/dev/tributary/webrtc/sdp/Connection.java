package dev.tributary.webrtc.sdp;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7), e.g.
 * {@code IN IP4 0.0.0.0}. Also the address part of {@code a=rtcp} (RFC 3605).
 *
 * <p>The address is kept as written, including a multicast {@code /ttl[/count]} suffix or a
 * domain name; it is never resolved.
 *
 * @param networkType e.g. {@code IN}
 * @param addressType e.g. {@code IP4}, {@code IP6}
 * @param address the connection address
 */
public record Connection(String networkType, String addressType, String address) {

    /** {@code IN IP4 0.0.0.0}: what JSEP writes before candidates are known (RFC 8829 §5.2.1). */
    public static final Connection IP4_ANY = ip4("0.0.0.0");

    /** @throws IllegalArgumentException if a type is not a token or the address has spaces */
    public Connection {
        Syntax.requireToken(networkType, "network type");
        Syntax.requireToken(addressType, "address type");
        Syntax.requireNonWhitespace(address, "connection address");
    }

    /** {@code IN IP4 <address>}. */
    public static Connection ip4(String address) {
        return new Connection("IN", "IP4", address);
    }

    /** {@code IN IP6 <address>}. */
    public static Connection ip6(String address) {
        return new Connection("IN", "IP6", address);
    }

    /**
     * Parses the value of a {@code c=} line.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not three fields of valid syntax
     */
    public static Connection parse(String value) {
        ValueReader reader = new ValueReader(value);
        Connection connection = read(reader);
        reader.end();
        return connection;
    }

    static Connection read(ValueReader reader) {
        String networkType = reader.next("network type");
        String addressType = reader.next("address type");
        String address = reader.next("connection address");
        return Syntax.build(() -> new Connection(networkType, addressType, address));
    }

    /** The value as written after {@code c=}. */
    public String format() {
        return networkType + " " + addressType + " " + address;
    }

    @Override
    public String toString() {
        return format();
    }
}
