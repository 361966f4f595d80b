package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rid:<id> <send|recv> [pt=<pt>,...;<restriction>;...]} (RFC 8851 §10): an RTP stream
 * identifier with the payload types and restrictions (e.g. {@code max-width=1280}) that apply to
 * it; simulcast layers are named by rids.
 *
 * @param id the rid, letters, digits, '-' and '_'
 * @param direction whether the writer sends or receives this stream
 * @param payloadTypes the {@code pt=} list (empty if absent), each 0..127
 * @param restrictions the other parameters in order, e.g. {@code max-width=1280}
 */
public record Rid(String id, Direction direction, List<Integer> payloadTypes,
        List<Parameter> restrictions) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "rid";

    /** Whether a rid describes a stream the writer sends or receives ({@code %s"send"/"recv"}). */
    public enum Direction {
        /** {@code send}. */
        SEND("send"),
        /** {@code recv}. */
        RECV("recv");

        private final String token;

        Direction(String token) {
            this.token = token;
        }

        /** The direction written as {@code send} or {@code recv} (case-sensitive). */
        static Optional<Direction> of(String token) {
            for (Direction direction : values()) {
                if (direction.token.equals(token)) {
                    return Optional.of(direction);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return token;
        }
    }

    /**
     * @throws IllegalArgumentException if the id, a payload type or a restriction is not valid
     *     RFC 8851 syntax
     */
    public Rid {
        checkId(id);
        Objects.requireNonNull(direction, "direction");
        payloadTypes = List.copyOf(payloadTypes);
        payloadTypes.forEach(pt -> Syntax.requireRange(pt, 0, 127, "rid payload type"));
        restrictions = List.copyOf(restrictions);
        restrictions.forEach(Rid::checkRestriction);
    }

    /** A rid without payload types and restrictions, e.g. {@code h send}. */
    public static Rid of(String id, Direction direction) {
        return new Rid(id, direction, List.of(), List.of());
    }

    /** {@code rid-id = 1*(alpha-numeric / "-" / "_")} (RFC 8851 §10). */
    static String checkId(String id) {
        if (id.isEmpty()) {
            throw new IllegalArgumentException("rid id must not be empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Syntax.isAlphaNumeric(c) || c == '-' || c == '_')) {
                throw new IllegalArgumentException("rid id must be letters, digits, '-' or '_': " + id);
            }
        }
        return id;
    }

    private static void checkRestriction(Parameter restriction) {
        String name = restriction.name();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Syntax.isAlphaNumeric(c) || c == '-')) {
                throw new IllegalArgumentException("rid restriction name must be letters, digits or '-': "
                        + name);
            }
        }
        if (name.equals("pt")) {
            throw new IllegalArgumentException("pt is given as payloadTypes, not as a restriction");
        }
        String value = restriction.value().orElse("");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("rid restriction value must be printable ASCII: "
                        + value);
            }
        }
    }

    /**
     * Parses the value after {@code a=rid:}.
     *
     * @throws ParseException if it is malformed
     */
    public static Rid parse(String value) {
        ValueReader reader = new ValueReader(value);
        String id = reader.next("rid id");
        String directionToken = reader.next("rid direction");
        Direction direction = Direction.of(directionToken).orElseThrow(
                () -> new ParseException("rid direction must be send or recv: " + directionToken));
        List<Parameter> parameters = Syntax.build(() -> Parameter.parseList(reader.rest()));
        List<Integer> payloadTypes = new ArrayList<>();
        List<Parameter> restrictions = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (!parameter.name().equals("pt")) {
                restrictions.add(parameter);
            } else if (!payloadTypes.isEmpty() || parameter.value().isEmpty()) {
                throw new ParseException("rid pt= must be given once, with a value");
            } else {
                for (String pt : parameter.value().get().split(",", -1)) {
                    payloadTypes.add(Syntax.parseInt(Syntax.trimSpaces(pt), 127, "rid payload type"));
                }
            }
        }
        return Syntax.build(() -> new Rid(id, direction, payloadTypes, restrictions));
    }

    /** The value of the first restriction with this name, e.g. {@code max-width}. */
    public Optional<String> restriction(String name) {
        return Parameter.find(restrictions, name);
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder(id).append(' ').append(direction);
        List<Parameter> parameters = new ArrayList<>();
        if (!payloadTypes.isEmpty()) {
            StringBuilder pts = new StringBuilder();
            for (int pt : payloadTypes) {
                pts.append(pts.isEmpty() ? "" : ",").append(pt);
            }
            parameters.add(Parameter.of("pt", pts.toString()));
        }
        parameters.addAll(restrictions);
        if (!parameters.isEmpty()) {
            out.append(' ').append(Parameter.formatList(parameters));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
