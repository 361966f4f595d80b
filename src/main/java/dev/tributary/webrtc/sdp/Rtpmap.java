package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.OptionalInt;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * (RFC 8866 §6.6): what an RTP payload type number means.
 *
 * @param payloadType 0..127
 * @param encodingName e.g. {@code opus}, {@code H264}, {@code rtx} (compare ignoring case)
 * @param clockRate the RTP clock rate in Hz, positive
 * @param channels the encoding parameters (the number of audio channels), if written
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, OptionalInt channels)
        implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "rtpmap";

    /**
     * @throws IllegalArgumentException if a value is out of range or the encoding name is not a
     *     token without '/'
     */
    public Rtpmap {
        Syntax.requireRange(payloadType, 0, 127, "payload type");
        Syntax.requireToken(encodingName, "encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encoding name must not contain '/': " + encodingName);
        }
        Syntax.requireRange(clockRate, 1, Integer.MAX_VALUE, "clock rate");
        channels.ifPresent(c -> Syntax.requireRange(c, 1, Integer.MAX_VALUE, "channels"));
    }

    /** An rtpmap without encoding parameters, e.g. {@code 96 VP8/90000}. */
    public static Rtpmap of(int payloadType, String encodingName, int clockRate) {
        return new Rtpmap(payloadType, encodingName, clockRate, OptionalInt.empty());
    }

    /** An rtpmap with a channel count, e.g. {@code 111 opus/48000/2}. */
    public static Rtpmap of(int payloadType, String encodingName, int clockRate, int channels) {
        return new Rtpmap(payloadType, encodingName, clockRate, OptionalInt.of(channels));
    }

    /**
     * Parses the value after {@code a=rtpmap:}.
     *
     * @throws ParseException if it is malformed or a number is out of range
     */
    public static Rtpmap parse(String value) {
        ValueReader reader = new ValueReader(value);
        int payloadType = reader.nextInt("payload type", 127);
        String encoding = reader.next("encoding");
        reader.end();
        int slash = encoding.indexOf('/');
        if (slash < 0) {
            throw new ParseException("missing clock rate in \"" + encoding + "\"");
        }
        int secondSlash = encoding.indexOf('/', slash + 1);
        String name = encoding.substring(0, slash);
        int clockRate = Syntax.parseInt(
                encoding.substring(slash + 1, secondSlash < 0 ? encoding.length() : secondSlash),
                Integer.MAX_VALUE, "clock rate");
        OptionalInt channels = secondSlash < 0
                ? OptionalInt.empty()
                : OptionalInt.of(Syntax.parseInt(
                        encoding.substring(secondSlash + 1), Integer.MAX_VALUE, "encoding parameters"));
        return Syntax.build(() -> new Rtpmap(payloadType, name, clockRate, channels));
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        String base = payloadType + " " + encodingName + "/" + clockRate;
        return channels.isPresent() ? base + "/" + channels.getAsInt() : base;
    }

    @Override
    public String toString() {
        return format();
    }
}
