package dev.tributary.webrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]} (RFC 4585 §4.2): an RTCP feedback
 * message the writer understands for a payload type, e.g. {@code 96 nack pli} or
 * {@code 96 transport-cc}.
 *
 * @param payloadType 0..127, or {@link #ANY_PAYLOAD_TYPE} for {@code *}
 * @param type the feedback type, e.g. {@code nack}, {@code ccm}, {@code goog-remb}
 * @param parameter what follows the type, e.g. {@code pli} or {@code fir}, if anything
 */
public record RtcpFb(int payloadType, String type, Optional<String> parameter)
        implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "rtcp-fb";

    /** The payload type written as {@code *}: the feedback applies to every payload type. */
    public static final int ANY_PAYLOAD_TYPE = -1;

    /** @throws IllegalArgumentException if a value is out of range or not valid SDP text */
    public RtcpFb {
        Syntax.requireRange(payloadType, ANY_PAYLOAD_TYPE, 127, "payload type");
        Syntax.requireToken(type, "feedback type");
        Objects.requireNonNull(parameter, "parameter");
        parameter.ifPresent(p -> Syntax.requireRest(p, "feedback parameter"));
    }

    /** Feedback without parameter, e.g. {@code transport-cc}. */
    public static RtcpFb of(int payloadType, String type) {
        return new RtcpFb(payloadType, type, Optional.empty());
    }

    /** Feedback with a parameter, e.g. {@code nack pli}. */
    public static RtcpFb of(int payloadType, String type, String parameter) {
        return new RtcpFb(payloadType, type, Optional.of(parameter));
    }

    /**
     * Parses the value after {@code a=rtcp-fb:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static RtcpFb parse(String value) {
        ValueReader reader = new ValueReader(value);
        String format = reader.next("payload type");
        int payloadType = format.equals("*")
                ? ANY_PAYLOAD_TYPE
                : Syntax.parseInt(format, 127, "payload type");
        String type = reader.next("feedback type");
        String rest = reader.rest();
        return Syntax.build(() -> new RtcpFb(
                payloadType, type, Syntax.optional(rest)));
    }

    /** Whether this feedback applies to the payload type (directly or through {@code *}). */
    public boolean appliesTo(int payloadType) {
        return this.payloadType == ANY_PAYLOAD_TYPE || this.payloadType == payloadType;
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        String pt = payloadType == ANY_PAYLOAD_TYPE ? "*" : Integer.toString(payloadType);
        return parameter.map(p -> pt + " " + type + " " + p).orElse(pt + " " + type);
    }

    @Override
    public String toString() {
        return format();
    }
}
