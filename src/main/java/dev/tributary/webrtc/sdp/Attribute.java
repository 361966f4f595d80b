package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One {@code a=} line (RFC 8866 §5.13): a name and, unless it is a property attribute such as
 * {@code a=rtcp-mux}, a value.
 *
 * <p>The value is kept exactly as written, so that unknown attributes and unusual spellings of
 * known ones are written back unchanged. Known attributes are checked when the attribute is made:
 * an {@code Attribute} named {@code candidate} always holds a valid candidate, available as a
 * {@link Candidate} through {@link #typed()} or {@link #as(Class)}. Known property attributes
 * (those in {@link #isKnownFlag(String)}) must have no value, known value attributes must have one.
 *
 * <p>Equality compares name and value text.
 */
public final class Attribute {

    private static final Map<String, Function<String, AttributeValue>> PARSERS = Map.ofEntries(
            Map.entry(Rtpmap.NAME, Rtpmap::parse),
            Map.entry(Fmtp.NAME, Fmtp::parse),
            Map.entry(RtcpFb.NAME, RtcpFb::parse),
            Map.entry(ExtMap.NAME, ExtMap::parse),
            Map.entry(Group.NAME, Group::parse),
            Map.entry(Mid.NAME, Mid::parse),
            Map.entry(Msid.NAME, Msid::parse),
            Map.entry(MsidSemantic.NAME, MsidSemantic::parse),
            Map.entry(IceUfrag.NAME, IceUfrag::parse),
            Map.entry(IcePwd.NAME, IcePwd::parse),
            Map.entry(IceOptions.NAME, IceOptions::parse),
            Map.entry(IcePacing.NAME, IcePacing::parse),
            Map.entry(Fingerprint.NAME, Fingerprint::parse),
            Map.entry(Setup.NAME, Setup::parse),
            Map.entry(Rtcp.NAME, Rtcp::parse),
            Map.entry(Ssrc.NAME, Ssrc::parse),
            Map.entry(SsrcGroup.NAME, SsrcGroup::parse),
            Map.entry(Rid.NAME, Rid::parse),
            Map.entry(Simulcast.NAME, Simulcast::parse),
            Map.entry(Candidate.NAME, Candidate::parse),
            Map.entry(SctpPort.NAME, SctpPort::parse),
            Map.entry(MaxMessageSize.NAME, MaxMessageSize::parse));

    private static final Set<String> FLAGS = Set.of(
            "rtcp-mux", "rtcp-mux-only", "rtcp-rsize", "ice-lite", "end-of-candidates",
            "extmap-allow-mixed", "bundle-only", "sendrecv", "sendonly", "recvonly", "inactive");

    /** {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    public static final Attribute RTCP_MUX = flag("rtcp-mux");
    /** {@code a=rtcp-mux-only} (RFC 8858 §3). */
    public static final Attribute RTCP_MUX_ONLY = flag("rtcp-mux-only");
    /** {@code a=rtcp-rsize} (RFC 5506 §5). */
    public static final Attribute RTCP_RSIZE = flag("rtcp-rsize");
    /** {@code a=ice-lite} (RFC 8839 §5.3). */
    public static final Attribute ICE_LITE = flag("ice-lite");
    /** {@code a=end-of-candidates} (RFC 8840 §8.2). */
    public static final Attribute END_OF_CANDIDATES = flag("end-of-candidates");
    /** {@code a=extmap-allow-mixed} (RFC 8285 §6). */
    public static final Attribute EXTMAP_ALLOW_MIXED = flag("extmap-allow-mixed");
    /** {@code a=bundle-only} (RFC 8843 §6). */
    public static final Attribute BUNDLE_ONLY = flag("bundle-only");

    private final String name;
    private final String value;
    private final AttributeValue typed;

    private Attribute(String name, String value, AttributeValue typed) {
        this.name = name;
        this.value = value;
        this.typed = typed;
    }

    /**
     * An attribute with a value, checked if the name is known.
     *
     * @param name the attribute name, a token
     * @param value the value as written after the colon
     * @throws ParseException if the name is not a token, the value contains NUL, CR or LF, or
     *     the name is known and the value does not follow its grammar (or the name is a known
     *     property attribute, which takes no value)
     */
    public static Attribute of(String name, String value) {
        Objects.requireNonNull(value, "value");
        checkName(name);
        if (!Syntax.isText(value)) {
            throw new ParseException("a=" + name + ": value contains NUL, CR or LF");
        }
        if (FLAGS.contains(name)) {
            throw new ParseException("a=" + name + " takes no value");
        }
        Function<String, AttributeValue> parser = PARSERS.get(name);
        if (parser == null) {
            return new Attribute(name, value, null);
        }
        try {
            return new Attribute(name, value, parser.apply(value));
        } catch (ParseException e) {
            throw new ParseException("a=" + name + ": " + e.getMessage());
        }
    }

    /**
     * A property attribute, written {@code a=<name>} without a colon.
     *
     * @throws ParseException if the name is not a token or is a known value attribute
     */
    public static Attribute flag(String name) {
        checkName(name);
        if (PARSERS.containsKey(name)) {
            throw new ParseException("a=" + name + " needs a value");
        }
        return new Attribute(name, null, null);
    }

    /**
     * The attribute for a typed value, e.g. {@code Attribute.of(Setup.PASSIVE)}.
     *
     * @throws IllegalArgumentException if the value's text does not parse back to an equal
     *     value (a bug in the value type, which the constructors are meant to prevent)
     */
    public static Attribute of(AttributeValue value) {
        String text = value.format();
        Attribute attribute;
        try {
            attribute = of(value.attributeName(), text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not writable as SDP: " + text, e);
        }
        if (!value.equals(attribute.typed)) {
            throw new IllegalArgumentException("does not survive a round trip: " + text);
        }
        return attribute;
    }

    /** The direction attribute, e.g. {@code a=sendonly}. */
    public static Attribute of(Direction direction) {
        return flag(direction.attributeName());
    }

    /** {@code a=mid:<id>}. @throws IllegalArgumentException if the id is not a token */
    public static Attribute mid(String id) {
        return of(new Mid(id));
    }

    /**
     * Parses {@code <name>[:<value>]}, the text of an {@code a=} line after {@code a=}; also the
     * form trickle ICE carries candidates in ({@code candidate:1 1 udp ...}).
     *
     * @throws ParseException as {@link #of(String, String)} and {@link #flag(String)}
     */
    public static Attribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? flag(text) : of(text.substring(0, colon), text.substring(colon + 1));
    }

    private static void checkName(String name) {
        if (!Syntax.isToken(name)) {
            throw new ParseException("attribute name is not a token: \"" + name + "\"");
        }
    }

    /** Whether the name is a property attribute this package knows, e.g. {@code rtcp-mux}. */
    public static boolean isKnownFlag(String name) {
        return FLAGS.contains(name);
    }

    /** The name, e.g. {@code rtpmap}. */
    public String name() {
        return name;
    }

    /** The value as written, or empty for a property attribute such as {@code a=rtcp-mux}. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** Whether this is a property attribute (written without a colon). */
    public boolean isFlag() {
        return value == null;
    }

    /** The typed view if this is a known value attribute. */
    public Optional<AttributeValue> typed() {
        return Optional.ofNullable(typed);
    }

    /** The typed view if it is of the given type, e.g. {@code as(Candidate.class)}. */
    public <T extends AttributeValue> Optional<T> as(Class<T> type) {
        return type.isInstance(typed) ? Optional.of(type.cast(typed)) : Optional.empty();
    }

    /** {@code <name>} or {@code <name>:<value>}, the line without {@code a=}. */
    public String format() {
        return value == null ? name : name + ":" + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute other && name.equals(other.name)
                && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Objects.hashCode(value);
    }

    /** The line as written in SDP, {@code a=<name>[:<value>]}. */
    @Override
    public String toString() {
        return "a=" + format();
    }
}
