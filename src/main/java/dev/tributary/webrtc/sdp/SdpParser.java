package dev.tributary.webrtc.sdp;

import dev.tributary.webrtc.ParseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SDP text line by line into a {@link SessionDescription}; see
 * {@link SessionDescription#parse(String)} for what it accepts.
 */
final class SdpParser {

    static final int MAX_LENGTH = 256 * 1024;
    static final int MAX_LINE_LENGTH = 8 * 1024;

    /** One {@code <type>=<value>} line and its 1-based number. */
    private record Line(int number, char type, String value) {}

    private final List<Line> lines;
    private int next;

    private SdpParser(List<Line> lines) {
        this.lines = lines;
    }

    static String decode(byte[] utf8) {
        if (utf8.length > 4 * MAX_LENGTH) {
            throw new ParseException("SDP longer than " + MAX_LENGTH + " characters", -1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParseException("SDP is not valid UTF-8", -1);
        }
    }

    static SessionDescription parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ParseException("SDP longer than " + MAX_LENGTH + " characters", -1);
        }
        return new SdpParser(split(text)).session();
    }

    private static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        int lastNonEmpty = 0;
        while (start < text.length()) {
            number++;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw error(number, "line has no line end (truncated text?)");
            }
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String content = text.substring(start, contentEnd);
            start = end + 1;
            if (content.length() > MAX_LINE_LENGTH) {
                throw error(number, "line longer than " + MAX_LINE_LENGTH + " characters");
            }
            if (content.isEmpty()) {
                continue;
            }
            if (lastNonEmpty != number - 1) {
                throw error(lastNonEmpty + 1, "empty line");
            }
            lastNonEmpty = number;
            if (content.length() < 2 || content.charAt(1) != '=') {
                throw error(number, "not a <type>=<value> line");
            }
            String value = content.substring(2);
            if (!Syntax.isText(value)) {
                throw error(number, "line contains NUL or CR");
            }
            lines.add(new Line(number, content.charAt(0), value));
        }
        return lines;
    }

    private static ParseException error(int line, String message) {
        return new ParseException("line " + line + ": " + message, line);
    }

    private static ParseException error(Line line, ParseException cause) {
        return error(line.number, line.type + "= " + cause.getMessage());
    }

    private Optional<Line> peek() {
        return next < lines.size() ? Optional.of(lines.get(next)) : Optional.empty();
    }

    private int nextLineNumber() {
        return next < lines.size() ? lines.get(next).number : lines.isEmpty() ? 1 : lines.getLast().number + 1;
    }

    /** The next line, which must be of this type. */
    private Line expect(char type) {
        Optional<Line> line = peek();
        if (line.isEmpty() || line.get().type != type) {
            throw error(nextLineNumber(), "expected " + type + "= line");
        }
        next++;
        return line.get();
    }

    private SessionDescription session() {
        Line version = expect('v');
        if (!version.value.equals("0")) {
            throw error(version.number, "unsupported SDP version \"" + version.value + "\"");
        }
        Line originLine = expect('o');
        Origin origin = parseLine(originLine, Origin::parse);
        String sessionName = expect('s').value;
        SessionDescription.Builder builder = SessionDescription.builder(origin).sessionName(sessionName);
        Fields fields = new Fields();
        List<Timing> timings = new ArrayList<>();
        List<String> repeats = new ArrayList<>();
        Optional<String> zone = Optional.empty();
        Timing current = null;
        char previous = 's';
        while (peek().isPresent() && peek().get().type != 'm') {
            Line line = lines.get(next++);
            if (current != null && line.type != 'r' && line.type != 'z') {
                timings.add(finishTiming(current, repeats, zone));
                current = null;
            }
            switch (line.type) {
                case 'u' -> builder.uri(Optional.of(fields.once(line, "u").value));
                case 'e' -> fields.emails.add(line.value);
                case 'p' -> fields.phones.add(line.value);
                case 't' -> {
                    current = parseLine(line, Timing::parse);
                    repeats.clear();
                    zone = Optional.empty();
                }
                case 'r' -> {
                    if (previous != 't' && previous != 'r') {
                        throw error(line.number, "r= must follow a t= or r= line");
                    }
                    repeats.add(parseLine(line, Timing::checkRepeat));
                }
                case 'z' -> {
                    if ((previous != 't' && previous != 'r') || zone.isPresent()) {
                        throw error(line.number, "z= must follow a t= or r= line, once");
                    }
                    zone = Optional.of(parseLine(line, Timing::checkZone));
                }
                default -> fields.common(line, "session description");
            }
            previous = line.type;
        }
        if (current != null) {
            timings.add(finishTiming(current, repeats, zone));
        }
        if (timings.isEmpty()) {
            throw error(nextLineNumber(), "missing t= line");
        }
        List<MediaDescription> media = new ArrayList<>();
        while (peek().isPresent()) {
            media.add(mediaDescription());
        }
        SessionDescription.Builder complete = builder
                .information(fields.information)
                .emails(fields.emails)
                .phones(fields.phones)
                .connection(fields.connections.stream().findFirst())
                .bandwidths(fields.bandwidths)
                .timings(timings)
                .key(fields.key)
                .attributes(fields.attributes)
                .media(media);
        return complete.build();
    }

    private static Timing finishTiming(Timing timing, List<String> repeats, Optional<String> zone) {
        return new Timing(timing.start(), timing.stop(), repeats, zone);
    }

    private MediaDescription mediaDescription() {
        Line mediaLine = expect('m');
        MediaDescription parsed = parseLine(mediaLine, MediaDescription::parseMediaLine);
        Fields fields = new Fields();
        while (peek().isPresent() && peek().get().type != 'm') {
            Line line = lines.get(next++);
            if (line.type == 'c') {
                fields.connections.add(parseLine(line, Connection::parse));
            } else {
                fields.common(line, "media description");
            }
        }
        return parsed.toBuilder()
                .information(fields.information)
                .connections(fields.connections)
                .bandwidths(fields.bandwidths)
                .key(fields.key)
                .attributes(fields.attributes)
                .build();
    }

    private static <T> T parseLine(Line line, Function<String, T> parser) {
        try {
            return parser.apply(line.value);
        } catch (ParseException e) {
            throw error(line, e);
        }
    }

    /** The lines a session and a media section share, collected while reading one of them. */
    private static final class Fields {
        Optional<String> information = Optional.empty();
        final List<String> emails = new ArrayList<>();
        final List<String> phones = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();
        final List<Bandwidth> bandwidths = new ArrayList<>();
        Optional<String> key = Optional.empty();
        final List<Attribute> attributes = new ArrayList<>();
        private final List<Character> seen = new ArrayList<>();

        /** The line, if no line of its type came before in this section. */
        Line once(Line line, String type) {
            if (seen.contains(line.type)) {
                throw error(line.number, type + "= line given twice");
            }
            seen.add(line.type);
            return line;
        }

        /** Handles i, c (session level), b, k and a lines; rejects the rest. */
        void common(Line line, String section) {
            switch (line.type) {
                case 'i' -> information = Optional.of(once(line, "i").value);
                case 'c' -> connections.add(parseLine(once(line, "c"), Connection::parse));
                case 'b' -> bandwidths.add(parseLine(line, Bandwidth::parse));
                case 'k' -> key = Optional.of(once(line, "k").value);
                case 'a' -> {
                    try {
                        attributes.add(Attribute.parse(line.value));
                    } catch (ParseException e) {
                        throw error(line.number, e.getMessage());
                    }
                }
                case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z', 'm' ->
                        throw error(line.number, line.type + "= line not allowed in a " + section);
                default -> throw error(line.number, "unknown line type " + line.type + "=");
            }
        }
    }
}
