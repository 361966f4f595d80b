package dev.tributary.webrtc.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2): the MediaStream a media section's
 * track belongs to; the stream id {@code -} means no stream.
 *
 * @param streamId the MediaStream id (a token)
 * @param trackId the application data, in practice the sender's track id, if written
 */
public record Msid(String streamId, Optional<String> trackId) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "msid";

    /** @throws IllegalArgumentException if an id is not a token */
    public Msid {
        Syntax.requireToken(streamId, "msid stream id");
        Objects.requireNonNull(trackId, "trackId");
        trackId.ifPresent(id -> Syntax.requireToken(id, "msid track id"));
    }

    /** {@code <stream id> <track id>}. */
    public static Msid of(String streamId, String trackId) {
        return new Msid(streamId, Optional.of(trackId));
    }

    /**
     * Parses the value after {@code a=msid:}.
     *
     * @throws dev.tributary.webrtc.ParseException if it is not one or two tokens
     */
    public static Msid parse(String value) {
        ValueReader reader = new ValueReader(value);
        String streamId = reader.next("msid stream id");
        Optional<String> trackId =
                reader.hasMore() ? Optional.of(reader.next("msid track id")) : Optional.empty();
        reader.end();
        return Syntax.build(() -> new Msid(streamId, trackId));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        return trackId.map(t -> streamId + " " + t).orElse(streamId);
    }

    @Override
    public String toString() {
        return format();
    }
}
