package dev.tributary.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of interop tests, on 127.0.0.1 and an ephemeral port.
 *
 * <ul>
 *   <li>{@code GET /publish.html?key=K&secs=S&video=h264|vp8|vp9|av1&audio=1}: a page that
 *       publishes by itself with the browser's fake devices (see {@link #publishPage}).
 *   <li>{@code POST /whip/{key}} ({@code application/sdp}): the offer goes to the {@link
 *       OfferHandler}; its answer comes back as {@code 201 Created} with a {@code Location}.
 *   <li>{@code DELETE} on that location: {@link OfferHandler#end}.
 *   <li>{@code POST /report}: the page's JSON progress reports, kept so that a failing test can
 *       tell the browser's side of the story ({@link #reportLog()}).
 * </ul>
 *
 * Everything a peer sent is recorded for the test to inspect: {@link #offers()}, {@link
 * #reports(String)}, {@link #deleted()}, {@link #failures()}.
 */
public final class SignalingServer implements AutoCloseable {

    /** An offer a peer posted. */
    public record Offer(String streamKey, String sdp, String authorization, long receivedAtNanos) {}

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_BODY = 1 << 20;
    private static final String PAGE = "publish.html";

    private final OfferHandler handler;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final byte[] page;
    private final Map<String, String> resources = new ConcurrentHashMap<>();
    private final List<Offer> offers = new CopyOnWriteArrayList<>();
    private final List<String> reportLog = new CopyOnWriteArrayList<>();
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /**
     * Starts serving at once.
     *
     * @param handler our side of the exchange
     * @throws IOException if the port cannot be bound or the page not read
     */
    public SignalingServer(OfferHandler handler) throws IOException {
        this.handler = Objects.requireNonNull(handler, "handler");
        try (InputStream in = SignalingServer.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IOException(PAGE + " is not on the test class path");
            }
            page = in.readAllBytes();
        }
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.setExecutor(executor);
        http.createContext("/", this::servePage);
        http.createContext("/whip/", this::serveWhip);
        http.createContext("/report", this::serveReport);
        http.start();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:40123} */
    public URI baseUri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** @return the WHIP endpoint for {@code streamKey} */
    public URI whipUri(String streamKey) {
        requireKey(streamKey);
        return baseUri().resolve("/whip/" + streamKey);
    }

    /**
     * The URL that makes a browser publish by itself.
     *
     * @param streamKey the key to publish under
     * @param seconds how long to publish after the answer is applied before deleting the resource
     * @param videoCodec {@code h264}, {@code vp8}, {@code vp9} or {@code av1}; null for no video
     * @param audio whether to send audio
     * @return the page URL
     */
    public URI publishPage(String streamKey, int seconds, String videoCodec, boolean audio) {
        requireKey(streamKey);
        StringBuilder query = new StringBuilder("key=").append(streamKey).append("&secs=").append(seconds);
        if (videoCodec != null) {
            query.append("&video=").append(URLEncoder.encode(videoCodec, StandardCharsets.UTF_8));
        }
        if (audio) {
            query.append("&audio=1");
        }
        return baseUri().resolve("/" + PAGE + "?" + query);
    }

    /** @return the offers posted so far, in arrival order */
    public List<Offer> offers() {
        return List.copyOf(offers);
    }

    /** @return the page's reports for {@code streamKey} so far, in arrival order */
    public List<JsonNode> reports(String streamKey) {
        return reports.stream().filter(r -> streamKey.equals(r.path("key").stringValue(null))).toList();
    }

    /** @return every report body received, one a line, for failure messages */
    public String reportLog() {
        return String.join("\n", reportLog);
    }

    /** @return the stream keys whose resource was deleted, in order */
    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** @return what the handler threw other than {@link OfferRejectedException} */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }

    private void servePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/" + PAGE)) {
                respond(exchange, 404, "text/plain", "not found");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, "text/plain", "GET only");
            } else {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                respond(exchange, 200, "text/html; charset=utf-8", page);
            }
        }
    }

    private void serveWhip(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring("/whip/".length()).split("/", -1);
            String method = exchange.getRequestMethod();
            if (path.length == 1 && method.equals("POST")) {
                post(exchange, path[0]);
            } else if (path.length == 2 && method.equals("DELETE")) {
                delete(exchange, path[0], path[1]);
            } else {
                respond(exchange, 405, "text/plain", method + " not allowed here");
            }
        }
    }

    private void post(HttpExchange exchange, String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            respond(exchange, 400, "text/plain", "bad stream key");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/sdp")) {
            respond(exchange, 415, "text/plain", "the offer must be application/sdp");
            return;
        }
        String sdp = readBody(exchange);
        if (sdp == null) {
            return;
        }
        offers.add(new Offer(key, sdp, exchange.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
        String answer;
        try {
            answer = handler.answer(key, sdp);
        } catch (OfferRejectedException e) {
            respond(exchange, e.status(), "text/plain", e.getMessage());
            return;
        } catch (Exception e) {
            failures.add(e);
            respond(exchange, 500, "text/plain", e.toString());
            return;
        }
        String id = UUID.randomUUID().toString();
        resources.put(id, key);
        exchange.getResponseHeaders().set("Location", "/whip/" + key + "/" + id);
        respond(exchange, 201, "application/sdp", answer);
    }

    private void delete(HttpExchange exchange, String key, String id) throws IOException {
        if (!resources.remove(id, key)) {
            respond(exchange, 404, "text/plain", "no such resource");
            return;
        }
        deleted.add(key);
        try {
            handler.end(key);
        } catch (Exception e) {
            failures.add(e);
            respond(exchange, 500, "text/plain", e.toString());
            return;
        }
        respond(exchange, 200, "text/plain", "");
    }

    private void serveReport(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "text/plain", "POST only");
                return;
            }
            String body = readBody(exchange);
            if (body == null) {
                return;
            }
            reportLog.add(body);
            try {
                reports.add(json.readTree(body));
            } catch (JacksonException e) {
                respond(exchange, 400, "text/plain", "not JSON: " + e.getOriginalMessage());
                return;
            }
            respond(exchange, 204, null, "");
        }
    }

    /** @return the body as text, or null (after answering 413) when it is too large */
    private static String readBody(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            respond(exchange, 413, "text/plain", "over " + MAX_BODY + " bytes");
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        respond(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void requireKey(String streamKey) {
        if (!KEY.matcher(streamKey).matches()) {
            throw new IllegalArgumentException("stream key must match " + KEY + ": " + streamKey);
        }
    }
}
