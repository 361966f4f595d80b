package dev.tributary.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the attributes of a session or media description. Attributes that may appear
 * at both levels are read here; {@link SessionDescription} has helpers that fall back from the
 * media level to the session level where the RFCs say so.
 */
public sealed interface HasAttributes permits SessionDescription, MediaDescription {

    /** All attributes in the order written. */
    List<Attribute> attributes();

    /** The attributes with this name, in order. */
    default List<Attribute> attributes(String name) {
        return attributes().stream().filter(a -> a.name().equals(name)).toList();
    }

    /** The first attribute with this name. */
    default Optional<Attribute> attribute(String name) {
        return attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether an attribute with this name is present, e.g. {@code hasAttribute("rtcp-mux")}. */
    default boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** The typed views of a known attribute, in order, e.g. {@code typed(Candidate.class)}. */
    default <T extends AttributeValue> List<T> typed(Class<T> type) {
        List<T> values = new ArrayList<>();
        for (Attribute attribute : attributes()) {
            attribute.as(type).ifPresent(values::add);
        }
        return List.copyOf(values);
    }

    /** The first typed view of a known attribute, e.g. {@code firstTyped(Setup.class)}. */
    default <T extends AttributeValue> Optional<T> firstTyped(Class<T> type) {
        for (Attribute attribute : attributes()) {
            Optional<T> value = attribute.as(type);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The first direction attribute at this level (RFC 8866 §6.7), if any. */
    default Optional<Direction> direction() {
        for (Attribute attribute : attributes()) {
            Optional<Direction> direction = attribute.isFlag()
                    ? Direction.fromAttributeName(attribute.name())
                    : Optional.empty();
            if (direction.isPresent()) {
                return direction;
            }
        }
        return Optional.empty();
    }

    /** {@code a=ice-ufrag} at this level (RFC 8839 §5.4). */
    default Optional<String> iceUfrag() {
        return firstTyped(IceUfrag.class).map(IceUfrag::value);
    }

    /** {@code a=ice-pwd} at this level (RFC 8839 §5.4). */
    default Optional<String> icePwd() {
        return firstTyped(IcePwd.class).map(IcePwd::value);
    }

    /** The option tags of all {@code a=ice-options} at this level, in order (RFC 8839 §5.6). */
    default List<String> iceOptions() {
        return typed(IceOptions.class).stream().flatMap(o -> o.options().stream()).toList();
    }

    /** {@code a=fingerprint} at this level, in order (RFC 8122 §5 allows several). */
    default List<Fingerprint> fingerprints() {
        return typed(Fingerprint.class);
    }

    /** {@code a=setup} at this level (RFC 4145 §4). */
    default Optional<Setup> setup() {
        return firstTyped(Setup.class);
    }

    /** {@code a=extmap} at this level, in order (RFC 8285 §7: session or media level). */
    default List<ExtMap> extMaps() {
        return typed(ExtMap.class);
    }

    /** Whether {@code a=extmap-allow-mixed} is present at this level (RFC 8285 §6). */
    default boolean extmapAllowMixed() {
        return attributes().contains(Attribute.EXTMAP_ALLOW_MIXED);
    }
}
