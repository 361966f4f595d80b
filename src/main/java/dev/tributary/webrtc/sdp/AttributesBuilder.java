package dev.tributary.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The attribute list of a description being built, shared by {@link SessionDescription.Builder}
 * and {@link MediaDescription.Builder}. Order is kept: attributes are written in the order they
 * have here.
 *
 * @param <B> the concrete builder, returned for chaining
 */
public abstract sealed class AttributesBuilder<B extends AttributesBuilder<B>>
        permits SessionDescription.Builder, MediaDescription.Builder {

    private final List<Attribute> attributes = new ArrayList<>();

    AttributesBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The attributes so far, as an unmodifiable copy. */
    public List<Attribute> attributes() {
        return List.copyOf(attributes);
    }

    /** Replaces all attributes. */
    public B attributes(List<Attribute> attributes) {
        List<Attribute> copy = List.copyOf(attributes);
        this.attributes.clear();
        this.attributes.addAll(copy);
        return self();
    }

    /** Appends an attribute. */
    public B addAttribute(Attribute attribute) {
        attributes.add(Objects.requireNonNull(attribute, "attribute"));
        return self();
    }

    /**
     * Appends a typed attribute, e.g. {@code addAttribute(Rtpmap.of(111, "opus", 48000, 2))}.
     *
     * @throws IllegalArgumentException as {@link Attribute#of(AttributeValue)}
     */
    public B addAttribute(AttributeValue value) {
        return addAttribute(Attribute.of(value));
    }

    /**
     * Puts the attribute in place of the first one with the same name and removes the others
     * with that name; appends it if there is none. Suits single-valued attributes such as
     * {@code mid}, {@code setup}, {@code ice-ufrag}.
     */
    public B setAttribute(Attribute attribute) {
        return replace(attribute, a -> a.name().equals(attribute.name()));
    }

    /**
     * {@link #setAttribute(Attribute)} for a typed value.
     *
     * @throws IllegalArgumentException as {@link Attribute#of(AttributeValue)}
     */
    public B setAttribute(AttributeValue value) {
        return setAttribute(Attribute.of(value));
    }

    /** Sets the direction attribute, in place of the first existing one, removing the others. */
    public B direction(Direction direction) {
        return replace(Attribute.of(direction),
                a -> a.isFlag() && Direction.fromAttributeName(a.name()).isPresent());
    }

    /** Removes every attribute with this name. */
    public B removeAttributes(String name) {
        return removeAttributes(a -> a.name().equals(name));
    }

    /** Removes every attribute that matches. */
    public B removeAttributes(Predicate<Attribute> filter) {
        attributes.removeIf(filter);
        return self();
    }

    private B replace(Attribute attribute, Predicate<Attribute> replaced) {
        Objects.requireNonNull(attribute, "attribute");
        int first = -1;
        for (int i = 0; i < attributes.size(); i++) {
            if (replaced.test(attributes.get(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            attributes.add(attribute);
            return self();
        }
        for (int i = attributes.size() - 1; i > first; i--) {
            if (replaced.test(attributes.get(i))) {
                attributes.remove(i);
            }
        }
        attributes.set(first, attribute);
        return self();
    }
}
