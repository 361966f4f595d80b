package dev.tributary.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code name[=value]} entry of a semicolon-separated parameter list, as in
 * {@code a=fmtp:102 packetization-mode=1;profile-level-id=42e01f} (RFC 8866 §6.15) or the
 * restrictions of {@code a=rid} (RFC 8851 §10).
 *
 * @param name the part before '=' (or the whole entry, e.g. {@code 0-15} of telephone-event)
 * @param value the part after the first '=', if there is one
 */
public record Parameter(String name, Optional<String> value) {

    /**
     * @throws IllegalArgumentException if the name is empty, either part contains ';', the name
     *     contains '=', or a part starts or ends with a space (it would not survive a round trip)
     */
    public Parameter {
        Objects.requireNonNull(value, "value");
        checkPart(name, "parameter name");
        if (name.isEmpty() || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("parameter name must be non-empty without '=': " + name);
        }
        value.ifPresent(v -> checkPart(v, "parameter value"));
    }

    private static void checkPart(String part, String what) {
        Syntax.requireText(part, what);
        if (part.indexOf(';') >= 0 || part.startsWith(" ") || part.endsWith(" ")) {
            throw new IllegalArgumentException(
                    what + " must not contain ';' or start or end with a space: \"" + part + "\"");
        }
    }

    /** {@code name=value}. */
    public static Parameter of(String name, String value) {
        return new Parameter(name, Optional.of(value));
    }

    /** A parameter without '=', e.g. {@code 0-15}. */
    public static Parameter of(String name) {
        return new Parameter(name, Optional.empty());
    }

    /**
     * Splits {@code a=b;c;d=e} into its entries, in order. Spaces around entries and around
     * '=' are dropped and empty entries skipped; parameter names keep their case.
     *
     * @throws IllegalArgumentException if an entry has an empty name (e.g. {@code =1})
     */
    static List<Parameter> parseList(String text) {
        List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            String entry = Syntax.trimSpaces(text.substring(start, end));
            if (!entry.isEmpty()) {
                int equals = entry.indexOf('=');
                parameters.add(equals < 0
                        ? of(entry)
                        : of(Syntax.trimSpaces(entry.substring(0, equals)),
                                Syntax.trimSpaces(entry.substring(equals + 1))));
            }
            start = end + 1;
        }
        return parameters;
    }

    /** Writes entries joined by ';'. */
    static String formatList(List<Parameter> parameters) {
        StringBuilder out = new StringBuilder();
        for (Parameter parameter : parameters) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(parameter.format());
        }
        return out.toString();
    }

    /** Finds the first parameter with this name, ignoring ASCII case. */
    static Optional<String> find(List<Parameter> parameters, String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name.equalsIgnoreCase(name)) {
                return Optional.of(parameter.value.orElse(""));
            }
        }
        return Optional.empty();
    }

    /** {@code name} or {@code name=value}. */
    public String format() {
        return value.map(v -> name + "=" + v).orElse(name);
    }

    @Override
    public String toString() {
        return format();
    }
}
