package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:send <streams> [recv <streams>]} (RFC 8853 §5.1): the simulcast streams, each
 * a list of alternative rids, e.g. {@code send h;m;l} (three streams) or {@code send 1,2;~3}
 * (a stream with two alternative formats, and a paused stream).
 *
 * @param send the streams the writer sends, in order (may be empty)
 * @param receive the streams the writer receives, in order (may be empty)
 */
public record Simulcast(List<Stream> send, List<Stream> receive) implements AttributeValue {

    /** The attribute name. */
    public static final String NAME = "simulcast";

    /**
     * One simulcast stream: alternative rids of which the sender picks one.
     *
     * @param alternatives at least one
     */
    public record Stream(List<Alternative> alternatives) {

        /** @throws IllegalArgumentException if there is no alternative */
        public Stream {
            alternatives = Syntax.requireNonEmpty(List.copyOf(alternatives), "simulcast stream");
        }

        /** A stream with a single rid, not paused. */
        public static Stream of(String rid) {
            return new Stream(List.of(new Alternative(rid, false)));
        }
    }

    /**
     * One rid in a stream.
     *
     * @param rid the rid (see {@link Rid})
     * @param paused whether it is written with {@code ~} (RFC 8853 §5.1: initially paused)
     */
    public record Alternative(String rid, boolean paused) {

        /** @throws IllegalArgumentException if the rid is not valid rid syntax */
        public Alternative {
            Rid.checkId(rid);
        }

        @Override
        public String toString() {
            return paused ? "~" + rid : rid;
        }
    }

    /** @throws IllegalArgumentException if both directions are empty */
    public Simulcast {
        send = List.copyOf(send);
        receive = List.copyOf(receive);
        if (send.isEmpty() && receive.isEmpty()) {
            throw new IllegalArgumentException("simulcast needs send or recv streams");
        }
    }

    /**
     * Parses the value after {@code a=simulcast:}.
     *
     * @throws ParseException if it is malformed or a direction is given twice
     */
    public static Simulcast parse(String value) {
        ValueReader reader = new ValueReader(value);
        List<Stream> send = List.of();
        List<Stream> receive = List.of();
        do {
            String direction = reader.next("simulcast direction");
            List<Stream> streams = parseStreams(reader.next("simulcast streams"));
            if (direction.equals("send") && send.isEmpty()) {
                send = streams;
            } else if (direction.equals("recv") && receive.isEmpty()) {
                receive = streams;
            } else {
                throw new ParseException("expected send or recv once each, not " + direction);
            }
        } while (reader.hasMore());
        List<Stream> parsedSend = send;
        List<Stream> parsedReceive = receive;
        return Syntax.build(() -> new Simulcast(parsedSend, parsedReceive));
    }

    private static List<Stream> parseStreams(String text) {
        List<Stream> streams = new ArrayList<>();
        for (String stream : text.split(";", -1)) {
            List<Alternative> alternatives = new ArrayList<>();
            for (String id : stream.split(",", -1)) {
                boolean paused = id.startsWith("~");
                String rid = paused ? id.substring(1) : id;
                alternatives.add(Syntax.build(() -> new Alternative(rid, paused)));
            }
            streams.add(new Stream(alternatives));
        }
        return streams;
    }

    @Override
    public String attributeName() {
        return NAME;
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder();
        if (!send.isEmpty()) {
            out.append("send ");
            formatStreams(send, out);
        }
        if (!receive.isEmpty()) {
            out.append(out.isEmpty() ? "recv " : " recv ");
            formatStreams(receive, out);
        }
        return out.toString();
    }

    private static void formatStreams(List<Stream> streams, StringBuilder out) {
        for (int i = 0; i < streams.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            List<Alternative> alternatives = streams.get(i).alternatives();
            for (int j = 0; j < alternatives.size(); j++) {
                out.append(j > 0 ? "," : "").append(alternatives.get(j));
            }
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
