package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A media description (RFC 8866 §5.14): the {@code m=} line and the {@code i=}, {@code c=},
 * {@code b=}, {@code k=} and {@code a=} lines that follow it, up to the next {@code m=}.
 *
 * <p>Immutable. Build one with {@link #builder(String, int, String, List)}, or change a copy
 * with {@link #toBuilder()}, e.g. to answer an offered section:
 *
 * <pre>{@code
 * MediaDescription answer = offered.toBuilder()
 *         .retainPayloadTypes(List.of(111))
 *         .removeAttributes(a -> a.name().equals("candidate") || a.name().equals("ssrc"))
 *         .connections(List.of(Connection.IP4_ANY))
 *         .setAttribute(Attribute.of(Setup.PASSIVE))
 *         .direction(Direction.RECVONLY)
 *         .build();
 * }</pre>
 *
 * @param media the media type, e.g. {@code audio}, {@code video}, {@code application}
 * @param port 0..65535; 0 rejects the section unless it is {@code bundle-only} (RFC 8843 §6)
 * @param portCount the {@code /<number of ports>} suffix, if written
 * @param protocol e.g. {@code UDP/TLS/RTP/SAVPF}, {@code UDP/DTLS/SCTP}
 * @param formats at least one; for RTP protocols the payload type numbers 0..127
 * @param information {@code i=}, as written
 * @param connections the {@code c=} lines
 * @param bandwidths the {@code b=} lines
 * @param key {@code k=} (obsolete), as written
 * @param attributes the {@code a=} lines in order
 */
public record MediaDescription(String media, int port, OptionalInt portCount, String protocol,
        List<String> formats, Optional<String> information, List<Connection> connections,
        List<Bandwidth> bandwidths, Optional<String> key, List<Attribute> attributes)
        implements HasAttributes {

    /**
     * @throws IllegalArgumentException if a field is out of range or not valid SDP syntax, e.g.
     *     no formats, or a format that is not a payload type in an RTP section
     */
    public MediaDescription {
        Syntax.requireToken(media, "media type");
        Syntax.requireRange(port, 0, 65535, "port");
        portCount.ifPresent(count -> Syntax.requireRange(count, 1, 65535, "port count"));
        checkProtocol(protocol);
        formats = Syntax.requireNonEmpty(List.copyOf(formats), "formats");
        boolean rtp = isRtpProtocol(protocol);
        for (String format : formats) {
            Syntax.requireToken(format, "format");
            if (rtp && Syntax.payloadType(format).isEmpty()) {
                throw new IllegalArgumentException(
                        "format of an RTP section must be a payload type 0..127: " + format);
            }
        }
        information.ifPresent(i -> Syntax.requireText(i, "i="));
        connections = List.copyOf(connections);
        bandwidths = List.copyOf(bandwidths);
        key.ifPresent(k -> Syntax.requireText(k, "k="));
        attributes = List.copyOf(attributes);
    }

    /** {@code proto = token *("/" token)} (RFC 8866 §9). */
    private static void checkProtocol(String protocol) {
        for (String part : protocol.split("/", -1)) {
            Syntax.requireToken(part, "protocol");
        }
    }

    private static boolean isRtpProtocol(String protocol) {
        for (String part : protocol.split("/", -1)) {
            if (part.equalsIgnoreCase("RTP")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the value of an {@code m=} line into a description without further lines.
     *
     * @throws ParseException if a field is missing, out of range or malformed
     */
    static MediaDescription parseMediaLine(String value) {
        ValueReader reader = new ValueReader(value);
        String media = reader.next("media type");
        String portField = reader.next("port");
        int slash = portField.indexOf('/');
        int port = Syntax.parseInt(slash < 0 ? portField : portField.substring(0, slash), 65535, "port");
        OptionalInt portCount = slash < 0
                ? OptionalInt.empty()
                : OptionalInt.of(Syntax.parseInt(portField.substring(slash + 1), 65535, "port count"));
        String protocol = reader.next("protocol");
        List<String> formats = reader.remaining("format");
        if (formats.isEmpty()) {
            throw new ParseException("no formats (RFC 8866 §5.14 requires at least one)");
        }
        return Syntax.build(() -> new MediaDescription(media, port, portCount, protocol, formats,
                Optional.empty(), List.of(), List.of(), Optional.empty(), List.of()));
    }

    /**
     * A builder for a new section.
     *
     * @param media e.g. {@code audio}
     * @param port e.g. 9 (JSEP's placeholder, RFC 8829 §5.2.1) or 0 to reject
     * @param protocol e.g. {@code UDP/TLS/RTP/SAVPF}
     * @param formats e.g. {@code ["111"]} or {@code ["webrtc-datachannel"]}
     */
    public static Builder builder(String media, int port, String protocol, List<String> formats) {
        return new Builder(media, port, protocol, formats);
    }

    /** A builder holding a copy of this section. */
    public Builder toBuilder() {
        Builder builder = new Builder(media, port, protocol, formats);
        builder.portCount = portCount;
        builder.information = information;
        builder.connections.addAll(connections);
        builder.bandwidths.addAll(bandwidths);
        builder.key = key;
        return builder.attributes(attributes);
    }

    /** Whether the protocol carries RTP (contains an {@code RTP} part, e.g. {@code UDP/TLS/RTP/SAVPF}). */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    /** The formats as payload types, for RTP sections (empty otherwise). */
    public List<Integer> payloadTypes() {
        if (!isRtp()) {
            return List.of();
        }
        return formats.stream().map(f -> Syntax.payloadType(f).orElseThrow()).toList();
    }

    /**
     * Whether the section is rejected: port 0 without {@code a=bundle-only} (RFC 8866 §5.14,
     * RFC 8843 §6: a bundle-only section has port 0 without being rejected).
     */
    public boolean isRejected() {
        return port == 0 && !bundleOnly();
    }

    /** {@code a=mid} (RFC 5888 §4). */
    public Optional<String> mid() {
        return firstTyped(Mid.class).map(Mid::id);
    }

    /** {@code a=rtpmap} lines in order. */
    public List<Rtpmap> rtpMaps() {
        return typed(Rtpmap.class);
    }

    /** The {@code a=rtpmap} for a payload type. */
    public Optional<Rtpmap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    /** {@code a=fmtp} lines in order. */
    public List<Fmtp> fmtps() {
        return typed(Fmtp.class);
    }

    /** The {@code a=fmtp} for a payload type. */
    public Optional<Fmtp> fmtp(int payloadType) {
        return fmtps().stream()
                .filter(f -> f.payloadType().equals(OptionalInt.of(payloadType)))
                .findFirst();
    }

    /** {@code a=rtcp-fb} lines in order. */
    public List<RtcpFb> rtcpFeedback() {
        return typed(RtcpFb.class);
    }

    /** The {@code a=rtcp-fb} lines for a payload type, including those written for {@code *}. */
    public List<RtcpFb> rtcpFeedback(int payloadType) {
        return rtcpFeedback().stream().filter(f -> f.appliesTo(payloadType)).toList();
    }

    /** {@code a=candidate} lines in order (RFC 8839 §5.1). */
    public List<Candidate> candidates() {
        return typed(Candidate.class);
    }

    /** Whether {@code a=end-of-candidates} is present (RFC 8840 §8.2). */
    public boolean endOfCandidates() {
        return attributes.contains(Attribute.END_OF_CANDIDATES);
    }

    /** {@code a=ssrc} lines in order (RFC 5576 §4.1). */
    public List<Ssrc> ssrcs() {
        return typed(Ssrc.class);
    }

    /** {@code a=ssrc-group} lines in order (RFC 5576 §4.2). */
    public List<SsrcGroup> ssrcGroups() {
        return typed(SsrcGroup.class);
    }

    /** {@code a=rid} lines in order (RFC 8851). */
    public List<Rid> rids() {
        return typed(Rid.class);
    }

    /** {@code a=simulcast} (RFC 8853). */
    public Optional<Simulcast> simulcast() {
        return firstTyped(Simulcast.class);
    }

    /** {@code a=msid} lines in order (RFC 8830; one per stream the track belongs to). */
    public List<Msid> msids() {
        return typed(Msid.class);
    }

    /** {@code a=rtcp} (RFC 3605). */
    public Optional<Rtcp> rtcp() {
        return firstTyped(Rtcp.class);
    }

    /** Whether {@code a=rtcp-mux} is present (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return attributes.contains(Attribute.RTCP_MUX);
    }

    /** Whether {@code a=rtcp-mux-only} is present (RFC 8858). */
    public boolean rtcpMuxOnly() {
        return attributes.contains(Attribute.RTCP_MUX_ONLY);
    }

    /** Whether {@code a=rtcp-rsize} is present (RFC 5506 §5). */
    public boolean rtcpRsize() {
        return attributes.contains(Attribute.RTCP_RSIZE);
    }

    /** Whether {@code a=bundle-only} is present (RFC 8843 §6). */
    public boolean bundleOnly() {
        return attributes.contains(Attribute.BUNDLE_ONLY);
    }

    /** {@code a=sctp-port} (RFC 8841 §5). */
    public OptionalInt sctpPort() {
        return firstTyped(SctpPort.class).map(p -> OptionalInt.of(p.port())).orElse(OptionalInt.empty());
    }

    /** {@code a=max-message-size} (RFC 8841 §6). */
    public OptionalLong maxMessageSize() {
        return firstTyped(MaxMessageSize.class)
                .map(m -> OptionalLong.of(m.bytes()))
                .orElse(OptionalLong.empty());
    }

    /** Writes the section's lines, each ending in CRLF, in RFC 8866 order. */
    void format(StringBuilder out) {
        out.append("m=").append(media).append(' ').append(port);
        portCount.ifPresent(count -> out.append('/').append(count));
        out.append(' ').append(protocol);
        formats.forEach(format -> out.append(' ').append(format));
        out.append("\r\n");
        information.ifPresent(i -> out.append("i=").append(i).append("\r\n"));
        connections.forEach(c -> out.append("c=").append(c.format()).append("\r\n"));
        bandwidths.forEach(b -> out.append("b=").append(b.format()).append("\r\n"));
        key.ifPresent(k -> out.append("k=").append(k).append("\r\n"));
        attributes.forEach(a -> out.append("a=").append(a.format()).append("\r\n"));
    }

    /** The section as SDP text, CRLF line ends. */
    public String format() {
        StringBuilder out = new StringBuilder();
        format(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds a {@link MediaDescription}; not thread-safe. */
    public static final class Builder extends AttributesBuilder<Builder> {

        private String media;
        private int port;
        private OptionalInt portCount = OptionalInt.empty();
        private String protocol;
        private List<String> formats;
        private Optional<String> information = Optional.empty();
        private final List<Connection> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private Optional<String> key = Optional.empty();

        private Builder(String media, int port, String protocol, List<String> formats) {
            this.media = Objects.requireNonNull(media, "media");
            this.port = port;
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.formats = List.copyOf(formats);
        }

        /** Sets the media type. */
        public Builder media(String media) {
            this.media = Objects.requireNonNull(media, "media");
            return this;
        }

        /** Sets the port (0 rejects the section). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Sets or clears the port count. */
        public Builder portCount(OptionalInt portCount) {
            this.portCount = Objects.requireNonNull(portCount, "portCount");
            return this;
        }

        /** Sets the protocol. */
        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Replaces the formats. */
        public Builder formats(List<String> formats) {
            this.formats = List.copyOf(formats);
            return this;
        }

        /** Replaces the formats with payload type numbers. */
        public Builder payloadTypes(List<Integer> payloadTypes) {
            this.formats = payloadTypes.stream().map(String::valueOf).toList();
            return this;
        }

        /**
         * Keeps only the formats whose payload type is in {@code payloadTypes}, in their current
         * order, and removes the {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines of
         * the others ({@code rtcp-fb:*} stays). Other attributes, such as {@code a=rid} pt
         * lists, are left alone.
         */
        public Builder retainPayloadTypes(Collection<Integer> payloadTypes) {
            Predicate<String> kept = format -> Syntax.payloadType(format).stream()
                    .anyMatch(payloadTypes::contains);
            formats = formats.stream().filter(kept).toList();
            return removeAttributes(attribute -> switch (attribute.typed().orElse(null)) {
                case Rtpmap rtpmap -> !payloadTypes.contains(rtpmap.payloadType());
                case Fmtp fmtp -> !kept.test(fmtp.mediaFormat());
                case RtcpFb fb -> fb.payloadType() != RtcpFb.ANY_PAYLOAD_TYPE
                        && !payloadTypes.contains(fb.payloadType());
                case null, default -> false;
            });
        }

        /** Sets or clears {@code i=}. */
        public Builder information(Optional<String> information) {
            this.information = Objects.requireNonNull(information, "information");
            return this;
        }

        /** Replaces the {@code c=} lines. */
        public Builder connections(List<Connection> connections) {
            this.connections.clear();
            this.connections.addAll(connections);
            return this;
        }

        /** Replaces the {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> bandwidths) {
            this.bandwidths.clear();
            this.bandwidths.addAll(bandwidths);
            return this;
        }

        /** Sets or clears {@code k=}. */
        public Builder key(Optional<String> key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Builds the section.
         *
         * @throws IllegalArgumentException if a field is invalid (see the record's constructor)
         */
        public MediaDescription build() {
            return new MediaDescription(media, port, portCount, protocol, formats, information,
                    connections, bandwidths, key, attributes());
        }
    }
}
