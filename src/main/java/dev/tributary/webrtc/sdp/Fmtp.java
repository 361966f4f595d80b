package dev.tributary.webrtc.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15): codec parameters of
 * one format of the m= line.
 *
 * <p>The parameter text is kept exactly as written, so that parameters a codec defines without
 * {@code key=value} syntax (RED's {@code 111/111}, telephone-event's {@code 0-15}) survive;
 * {@link #parameters()} and {@link #parameter(String)} read the usual {@code key=value;...} form.
 *
 * @param mediaFormat the format token of the m= line, for RTP the payload type number
 * @param parameterText the parameters as written, without surrounding spaces (may be empty)
 */
public record Fmtp(String mediaFormat, String parameterText) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "fmtp";

    /**
     * @throws IllegalArgumentException if the format is not a token, or the text contains
     *     NUL/CR/LF, starts or ends with a space or has an entry with an empty name ({@code =1})
     */
    public Fmtp {
        Syntax.requireToken(mediaFormat, "format");
        if (!parameterText.isEmpty()) {
            Syntax.requireRest(parameterText, "format parameters");
            Parameter.parseList(parameterText);
        }
    }

    /** An fmtp for an RTP payload type with the given parameters, joined by ';'. */
    public static Fmtp of(int payloadType, List<Parameter> parameters) {
        Syntax.requireRange(payloadType, 0, 127, "payload type");
        return new Fmtp(Integer.toString(payloadType), Parameter.formatList(parameters));
    }

    /**
     * Parses the value after {@code a=fmtp:}.
     *
     * @throws dev.tributary.webrtc.ParseException if the format is missing or not a token, or
     *     a parameter has an empty name
     */
    public static Fmtp parse(String value) {
        ValueReader reader = new ValueReader(value);
        String format = reader.next("format");
        String text = reader.rest();
        return Syntax.build(() -> new Fmtp(format, text));
    }

    /** The payload type if the format is an RTP payload type number (0..127). */
    public OptionalInt payloadType() {
        return Syntax.payloadType(mediaFormat);
    }

    /** The {@code key=value} entries in order (an entry without '=' has no value). */
    public List<Parameter> parameters() {
        return Parameter.parseList(parameterText);
    }

    /**
     * The value of the first parameter with this name, ignoring case (media type parameter
     * names are case-insensitive, RFC 6838 §4.3); an entry without '=' gives an empty string.
     */
    public Optional<String> parameter(String name) {
        return Parameter.find(parameters(), name);
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return parameterText.isEmpty() ? mediaFormat : mediaFormat + " " + parameterText;
    }

    @Override
    public String toString() {
        return format();
    }
}
