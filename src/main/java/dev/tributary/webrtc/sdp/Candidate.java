package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code a=candidate:...} (RFC 8839 §5.1, TCP candidates RFC 6544 §4.5): one ICE candidate.
 *
 * <pre>
 * foundation component transport priority address port typ type
 *     [raddr address] [rport port] [tcptype active|passive|so] *(name value)
 * </pre>
 *
 * <p>The address may be IPv4, IPv6 or a domain name such as an mDNS {@code <uuid>.local} name
 * (never resolved here). Keywords ({@code typ}, {@code host}, {@code raddr}, ...) are ABNF
 * literals and so matched ignoring case; the transport is kept as written. Extensions such as
 * {@code generation 0 network-id 1 network-cost 50} are kept in order. The parser accepts
 * {@code raddr}, {@code rport} and {@code tcptype} anywhere after the type and writes them in
 * grammar order.
 *
 * @param foundation 1 to 32 {@code ice-char}s
 * @param component 1..256 (1 = RTP, 2 = RTCP)
 * @param transport e.g. {@code udp}, {@code UDP}, {@code tcp}
 * @param priority 0..2^32-1
 * @param address the connection address
 * @param port 0..65535 (9 for active TCP candidates, RFC 6544 §4.5)
 * @param type host, srflx, prflx or relay
 * @param relatedAddress {@code raddr}, if written
 * @param relatedPort {@code rport}, if written
 * @param tcpType {@code tcptype}, if written
 * @param extensions the other name/value pairs in order
 */
public record Candidate(String foundation, int component, String transport, long priority,
        String address, int port, Type type, Optional<String> relatedAddress,
        OptionalInt relatedPort, Optional<TcpType> tcpType, List<Extension> extensions)
        implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "candidate";

    /** The candidate type (RFC 8445 §5.1.1). */
    public enum Type {
        /** An address on a local interface. */
        HOST,
        /** Server reflexive: the address a STUN server saw. */
        SRFLX,
        /** Peer reflexive: learned from a connectivity check. */
        PRFLX,
        /** An address on a TURN server. */
        RELAY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The TCP candidate type (RFC 6544 §4.5). */
    public enum TcpType {
        /** Opens connections. */
        ACTIVE,
        /** Accepts connections. */
        PASSIVE,
        /** Simultaneous open. */
        SO;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One extension name/value pair, e.g. {@code generation 0}.
     *
     * @param name a token other than the keywords {@code typ}, {@code raddr}, {@code rport},
     *     {@code tcptype}
     * @param value visible characters, no spaces
     */
    public record Extension(String name, String value) {

        /** @throws IllegalArgumentException if the name is not a token or a keyword */
        public Extension {
            Syntax.requireToken(name, "candidate extension name");
            if (isKeyword(name)) {
                throw new IllegalArgumentException(name + " is not an extension");
            }
            Syntax.requireNonWhitespace(value, "candidate extension value");
        }
    }

    /**
     * @throws IllegalArgumentException if a field is out of range or not valid candidate syntax
     */
    public Candidate {
        Syntax.requireIceChars(foundation, 1, "foundation");
        if (foundation.length() > 32) {
            throw new IllegalArgumentException("foundation longer than 32: " + foundation);
        }
        Syntax.requireRange(component, 1, 256, "component");
        Syntax.requireToken(transport, "transport");
        Syntax.requireRange(priority, 0, 0xFFFF_FFFFL, "priority");
        checkHost(address);
        Syntax.requireRange(port, 0, 65535, "port");
        Objects.requireNonNull(type, "type");
        relatedAddress.ifPresent(Candidate::checkHost);
        relatedPort.ifPresent(p -> Syntax.requireRange(p, 0, 65535, "rport"));
        Objects.requireNonNull(tcpType, "tcpType");
        extensions = List.copyOf(extensions);
    }

    private static void checkHost(String address) {
        if (!Syntax.isHost(address)) {
            throw new IllegalArgumentException(
                    "not an IPv4 or IPv6 address or a domain name: \"" + address + "\"");
        }
    }

    private static boolean isKeyword(String name) {
        return name.equalsIgnoreCase("typ") || name.equalsIgnoreCase("raddr")
                || name.equalsIgnoreCase("rport") || name.equalsIgnoreCase("tcptype");
    }

    /** A host candidate without related address, TCP type or extensions. */
    public static Candidate host(String foundation, int component, String transport, long priority,
            String address, int port) {
        return new Candidate(foundation, component, transport, priority, address, port, Type.HOST,
                Optional.empty(), OptionalInt.empty(), Optional.empty(), List.of());
    }

    /**
     * Parses the value after {@code a=candidate:} (without the {@code candidate:} prefix).
     *
     * @throws ParseException if a field is missing, malformed or out of range, or {@code typ}
     *     is missing
     */
    public static Candidate parse(String value) {
        ValueReader reader = new ValueReader(value);
        String foundation = reader.next("foundation");
        int component = reader.nextInt("component", 256);
        String transport = reader.next("transport");
        long priority = reader.nextNumber("priority", 0xFFFF_FFFFL);
        String address = reader.next("connection address");
        int port = reader.nextInt("port", 65535);
        String typ = reader.next("typ");
        if (!typ.equalsIgnoreCase("typ")) {
            throw new ParseException("expected \"typ\", not \"" + typ + "\"");
        }
        Type type = keyword(Type.class, reader.next("candidate type"), "candidate type");
        Optional<String> relatedAddress = Optional.empty();
        OptionalInt relatedPort = OptionalInt.empty();
        Optional<TcpType> tcpType = Optional.empty();
        List<Extension> extensions = new ArrayList<>();
        while (reader.hasMore()) {
            String name = reader.next("extension name");
            String attributeValue = reader.next("value of " + name);
            String key = name.toLowerCase(Locale.ROOT);
            boolean duplicate = switch (key) {
                case "raddr" -> relatedAddress.isPresent();
                case "rport" -> relatedPort.isPresent();
                case "tcptype" -> tcpType.isPresent();
                case "typ" -> true;
                default -> false;
            };
            if (duplicate) {
                throw new ParseException(name + " given twice");
            }
            switch (key) {
                case "raddr" -> relatedAddress = Optional.of(attributeValue);
                case "rport" -> relatedPort = OptionalInt.of(Syntax.parseInt(attributeValue, 65535, "rport"));
                case "tcptype" -> tcpType = Optional.of(keyword(TcpType.class, attributeValue, "tcptype"));
                default -> extensions.add(Syntax.build(() -> new Extension(name, attributeValue)));
            }
        }
        Optional<String> raddr = relatedAddress;
        OptionalInt rport = relatedPort;
        Optional<TcpType> tcp = tcpType;
        return Syntax.build(() -> new Candidate(foundation, component, transport, priority, address,
                port, type, raddr, rport, tcp, extensions));
    }

    private static <E extends Enum<E>> E keyword(Class<E> type, String text, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new ParseException("unknown " + what + " \"" + text + "\"");
    }

    /** Whether the transport is UDP (compared ignoring case). */
    public boolean isUdp() {
        return transport.equalsIgnoreCase("udp");
    }

    /** Whether the transport is TCP (compared ignoring case). */
    public boolean isTcp() {
        return transport.equalsIgnoreCase("tcp");
    }

    /** The value of the first extension with this name, e.g. {@code generation}. */
    public Optional<String> extension(String name) {
        return extensions.stream().filter(e -> e.name.equals(name)).map(Extension::value).findFirst();
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder()
                .append(foundation).append(' ').append(component).append(' ').append(transport)
                .append(' ').append(priority).append(' ').append(address).append(' ').append(port)
                .append(" typ ").append(type);
        relatedAddress.ifPresent(a -> out.append(" raddr ").append(a));
        relatedPort.ifPresent(p -> out.append(" rport ").append(p));
        tcpType.ifPresent(t -> out.append(" tcptype ").append(t));
        extensions.forEach(e -> out.append(' ').append(e.name).append(' ').append(e.value));
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
