package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866): the session-level lines and the media descriptions.
 * Immutable; {@code v=0} is implied (the only version).
 *
 * <p>{@link #parse(String)} reads SDP text, {@link #format()} writes it with CRLF line ends in
 * RFC 8866 order ({@code v o s i u e p c b t r z k a}, then per media section {@code m i c b k a}).
 * Attribute values are kept as written, so text in that order with CRLF line ends is written back
 * byte for byte. See {@link #parse(String)} for what is accepted beyond that.
 *
 * <p>Build one with {@link #builder(Origin)} or change a copy with {@link #toBuilder()}.
 * Attributes allowed at both levels can be read with the media level falling back to the session
 * level through the {@code effective...} helpers.
 *
 * @param origin {@code o=}
 * @param sessionName {@code s=}, as written ({@code -} in WebRTC)
 * @param information {@code i=}, as written
 * @param uri {@code u=}, as written
 * @param emails {@code e=} lines, as written
 * @param phones {@code p=} lines, as written
 * @param connection session-level {@code c=}
 * @param bandwidths session-level {@code b=} lines
 * @param timings the time descriptions, at least one
 * @param key session-level {@code k=} (obsolete), as written
 * @param attributes session-level {@code a=} lines in order
 * @param media the media descriptions in order
 */
public record SessionDescription(Origin origin, String sessionName, Optional<String> information,
        Optional<String> uri, List<String> emails, List<String> phones,
        Optional<Connection> connection, List<Bandwidth> bandwidths, List<Timing> timings,
        Optional<String> key, List<Attribute> attributes, List<MediaDescription> media)
        implements HasAttributes {

    /** The largest SDP text accepted, in characters (256 KiB). */
    public static final int MAX_LENGTH = SdpParser.MAX_LENGTH;

    /** The longest line accepted, in characters. */
    public static final int MAX_LINE_LENGTH = SdpParser.MAX_LINE_LENGTH;

    /**
     * @throws IllegalArgumentException if a text field contains NUL, CR or LF, or there is no
     *     time description
     * @throws NullPointerException if a field is null
     */
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Syntax.requireText(sessionName, "s=");
        information.ifPresent(i -> Syntax.requireText(i, "i="));
        uri.ifPresent(u -> Syntax.requireText(u, "u="));
        emails = List.copyOf(emails);
        emails.forEach(e -> Syntax.requireText(e, "e="));
        phones = List.copyOf(phones);
        phones.forEach(p -> Syntax.requireText(p, "p="));
        Objects.requireNonNull(connection, "connection");
        bandwidths = List.copyOf(bandwidths);
        timings = Syntax.requireNonEmpty(List.copyOf(timings), "timings");
        key.ifPresent(k -> Syntax.requireText(k, "k="));
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * Parses SDP text.
     *
     * <p>Accepted beyond canonical RFC 8866 text: LF line ends as well as CRLF (RFC 8866 §5);
     * empty lines at the very end; after {@code v= o= s=}, which must come first in that order,
     * the other session-level lines in any order, and the lines of a media section in any order
     * after its {@code m=} (attribute order is always kept; the writer puts the other lines back
     * in RFC order); {@code r=} and {@code z=} must follow a {@code t=} or {@code r=} line.
     *
     * <p>Rejected: text over {@link #MAX_LENGTH} characters or with a line over
     * {@link #MAX_LINE_LENGTH}; a last line without line end (the text was cut off); a line
     * type letter RFC 8866 does not define (§5: a parser must ignore or reject the whole
     * description; ignoring it would accept what we do not understand) or one that is not
     * allowed where it appears; repeated single lines; an {@code m=} line without formats;
     * numbers out of range; and known attributes that do not follow their grammar.
     *
     * @throws ParseException naming the line number (as the exception's offset) and the line
     *     or attribute that is wrong
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(text);
    }

    /**
     * Parses SDP text encoded in UTF-8 (RFC 8866 §5 text is UTF-8).
     *
     * @throws ParseException if the bytes are not valid UTF-8 or as {@link #parse(String)}
     */
    public static SessionDescription parse(byte[] utf8) {
        return SdpParser.parse(SdpParser.decode(utf8));
    }

    /** A builder with this origin, {@code s=-} and {@code t=0 0}, as JSEP writes them. */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /** A builder holding a copy of this description. */
    public Builder toBuilder() {
        Builder builder = new Builder(origin);
        builder.sessionName = sessionName;
        builder.information = information;
        builder.uri = uri;
        builder.emails.addAll(emails);
        builder.phones.addAll(phones);
        builder.connection = connection;
        builder.bandwidths.addAll(bandwidths);
        builder.timings(timings);
        builder.key = key;
        builder.media.addAll(media);
        return builder.attributes(attributes);
    }

    /** The text with CRLF line ends in RFC 8866 line order. */
    public String format() {
        StringBuilder out = new StringBuilder(4096);
        out.append("v=0\r\n");
        out.append("o=").append(origin.format()).append("\r\n");
        out.append("s=").append(sessionName).append("\r\n");
        information.ifPresent(i -> out.append("i=").append(i).append("\r\n"));
        uri.ifPresent(u -> out.append("u=").append(u).append("\r\n"));
        emails.forEach(e -> out.append("e=").append(e).append("\r\n"));
        phones.forEach(p -> out.append("p=").append(p).append("\r\n"));
        connection.ifPresent(c -> out.append("c=").append(c.format()).append("\r\n"));
        bandwidths.forEach(b -> out.append("b=").append(b.format()).append("\r\n"));
        timings.forEach(t -> t.format(out));
        key.ifPresent(k -> out.append("k=").append(k).append("\r\n"));
        attributes.forEach(a -> out.append("a=").append(a.format()).append("\r\n"));
        media.forEach(m -> m.format(out));
        return out.toString();
    }

    /** The SDP text, as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }

    /** The {@code a=group} lines in order (RFC 5888). */
    public List<Group> groups() {
        return typed(Group.class);
    }

    /** The BUNDLE groups (RFC 8843), usually one. */
    public List<Group> bundleGroups() {
        return groups().stream().filter(Group::isBundle).toList();
    }

    /** {@code a=msid-semantic}, if written. */
    public Optional<MsidSemantic> msidSemantic() {
        return firstTyped(MsidSemantic.class);
    }

    /** Whether {@code a=ice-lite} is present (RFC 8839 §5.3: session level only). */
    public boolean iceLite() {
        return attributes.contains(Attribute.ICE_LITE);
    }

    /** The first media section with this mid. */
    public Optional<MediaDescription> mediaWithMid(String mid) {
        return media.stream().filter(m -> m.mid().equals(Optional.of(mid))).findFirst();
    }

    /**
     * The direction of a media section: its own attribute, else the session's, else
     * {@link Direction#SENDRECV} (RFC 8866 §6.7).
     */
    public Direction effectiveDirection(MediaDescription section) {
        return section.direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    /**
     * The ICE credentials of a media section: ufrag and password each from the section, else
     * from the session level (RFC 8839 §5.4); empty unless both are found.
     */
    public Optional<IceCredentials> effectiveIceCredentials(MediaDescription section) {
        Optional<String> ufrag = section.iceUfrag().or(this::iceUfrag);
        Optional<String> pwd = section.icePwd().or(this::icePwd);
        return ufrag.isPresent() && pwd.isPresent()
                ? Optional.of(new IceCredentials(ufrag.get(), pwd.get()))
                : Optional.empty();
    }

    /**
     * The ICE options of a media section: its own {@code a=ice-options}, else the session's
     * (RFC 8839 §5.6).
     */
    public List<String> effectiveIceOptions(MediaDescription section) {
        List<String> own = section.iceOptions();
        return own.isEmpty() ? iceOptions() : own;
    }

    /**
     * The certificate fingerprints for a media section: its own, else the session's
     * (RFC 8122 §5, RFC 8842 §5).
     */
    public List<Fingerprint> effectiveFingerprints(MediaDescription section) {
        List<Fingerprint> own = section.fingerprints();
        return own.isEmpty() ? fingerprints() : own;
    }

    /** The DTLS setup role of a media section: its own, else the session's (RFC 4145 §4). */
    public Optional<Setup> effectiveSetup(MediaDescription section) {
        return section.setup().or(this::setup);
    }

    /**
     * The RTP header extensions of a media section: its own {@code a=extmap} lines, else the
     * session's (RFC 8285 §7).
     */
    public List<ExtMap> effectiveExtMaps(MediaDescription section) {
        List<ExtMap> own = section.extMaps();
        return own.isEmpty() ? extMaps() : own;
    }

    /**
     * ICE username fragment and password (RFC 8839 §5.4).
     *
     * @param ufrag {@code a=ice-ufrag}
     * @param pwd {@code a=ice-pwd}
     */
    public record IceCredentials(String ufrag, String pwd) {

        /** @throws NullPointerException if a value is null */
        public IceCredentials {
            Objects.requireNonNull(ufrag, "ufrag");
            Objects.requireNonNull(pwd, "pwd");
        }
    }

    /** Builds a {@link SessionDescription}; not thread-safe. */
    public static final class Builder extends AttributesBuilder<Builder> {

        private Origin origin;
        private String sessionName = "-";
        private Optional<String> information = Optional.empty();
        private Optional<String> uri = Optional.empty();
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Optional<Connection> connection = Optional.empty();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>(List.of(Timing.PERMANENT));
        private Optional<String> key = Optional.empty();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /** Sets {@code o=}. */
        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** Sets {@code s=}. */
        public Builder sessionName(String sessionName) {
            this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
            return this;
        }

        /** Sets or clears {@code i=}. */
        public Builder information(Optional<String> information) {
            this.information = Objects.requireNonNull(information, "information");
            return this;
        }

        /** Sets or clears {@code u=}. */
        public Builder uri(Optional<String> uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** Replaces the {@code e=} lines. */
        public Builder emails(List<String> emails) {
            replace(this.emails, emails);
            return this;
        }

        /** Replaces the {@code p=} lines. */
        public Builder phones(List<String> phones) {
            replace(this.phones, phones);
            return this;
        }

        /** Sets or clears the session-level {@code c=}. */
        public Builder connection(Optional<Connection> connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** Replaces the session-level {@code b=} lines. */
        public Builder bandwidths(List<Bandwidth> bandwidths) {
            replace(this.bandwidths, bandwidths);
            return this;
        }

        /** Replaces the time descriptions. */
        public Builder timings(List<Timing> timings) {
            replace(this.timings, timings);
            return this;
        }

        /** Sets or clears {@code k=}. */
        public Builder key(Optional<String> key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Replaces the media descriptions. */
        public Builder media(List<MediaDescription> media) {
            replace(this.media, media);
            return this;
        }

        /** Appends a media description. */
        public Builder addMedia(MediaDescription section) {
            media.add(Objects.requireNonNull(section, "section"));
            return this;
        }

        private static <T> void replace(List<T> target, List<T> values) {
            List<T> copy = List.copyOf(values);
            target.clear();
            target.addAll(copy);
        }

        /**
         * Builds the description.
         *
         * @throws IllegalArgumentException if a field is invalid (see the record's constructor)
         */
        public SessionDescription build() {
            return new SessionDescription(origin, sessionName, information, uri, emails, phones,
                    connection, bandwidths, timings, key, attributes(), media);
        }
    }
}
