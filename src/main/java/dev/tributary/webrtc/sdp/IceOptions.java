package dev.tributary.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ice-options:<option>...} (RFC 8839 §5.6), e.g. {@code trickle} (RFC 8840) or
 * {@code ice2} (RFC 8445).
 *
 * <p>Option tags are accepted as tokens, wider than the {@code ice-char}s of RFC 8839: an unknown
 * option is ignored by ICE, and older libwebrtc versions sent {@code google-ice}. Commas are
 * accepted as separators besides spaces, because libdatachannel (and so OBS) writes
 * {@code ice2,trickle}; {@link #format()} writes spaces.
 *
 * @param options the option tags in order, at least one
 */
public record IceOptions(List<String> options) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "ice-options";

    /** The option tag of trickle ICE (RFC 8840 §4.1.1). */
    public static final String TRICKLE = "trickle";

    /** @throws IllegalArgumentException if there is no option or an option is malformed */
    public IceOptions {
        options = Syntax.requireNonEmpty(List.copyOf(options), "ice-options");
        options.forEach(option -> Syntax.requireToken(option, "ice option"));
    }

    /**
     * Parses the value after {@code a=ice-options:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is malformed
     */
    public static IceOptions parse(String value) {
        List<String> options = new ArrayList<>();
        for (String field : new ValueReader(value).remaining("ice option")) {
            options.addAll(List.of(field.split(",", -1)));
        }
        return Syntax.build(() -> new IceOptions(options));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return String.join(" ", options);
    }

    @Override
    public String toString() {
        return format();
    }
}
