package dev.tributary.ingest.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium with fake camera and microphone, driven over the DevTools protocol (a
 * WebSocket, no WebDriver): navigate, evaluate JavaScript, and collect the page's uncaught
 * exceptions and console errors.
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    /** The Chromium executable on the PATH, if there is one. */
    static Path chromium() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    DevTools(Path executable) throws Exception {
        profile = Files.createTempDirectory("tributary-chromium");
        // The flags BROWSERS.md documents for a headless WebRTC peer with fake devices.
        process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=" + profile, "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--allow-loopback-in-peer-connection",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort();
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String pageSocket = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asString())) {
                    pageSocket = target.path("webSocketDebuggerUrl").asString();
                }
            }
            if (pageSocket == null) {
                throw new IOException("Chromium lists no page target: " + targets);
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener())
                    .get(10, TimeUnit.SECONDS);
            call("Runtime.enable", JSON.createObjectNode());
            call("Page.enable", JSON.createObjectNode());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private int devToolsPort() throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return Integer.parseInt(lines.getFirst().trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not open its DevTools port in " + START_TIMEOUT);
    }

    /** Loads a URL and waits until the page's load event. */
    void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"complete".equals(evaluate("document.readyState").asString())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Page did not load: " + url);
            }
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression (awaited if it is a promise), as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode()
                .put("expression", expression).put("awaitPromise", true).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("Evaluating " + expression + ": " + describe(result.path("exceptionDetails")));
        }
        return result.path("result").path("value");
    }

    /** Uncaught exceptions and unhandled rejections of the page so far. */
    List<String> exceptions() {
        return new ArrayList<>(exceptions);
    }

    /** console.error calls of the page so far. */
    List<String> consoleErrors() {
        return new ArrayList<>(consoleErrors);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
        JsonNode response = reply.get(20, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IOException(method + ": " + response.path("error"));
        }
        return response.path("result");
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asString()) {
            case "Runtime.exceptionThrown" -> exceptions.add(describe(params.path("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asString())) {
                    consoleErrors.add(params.path("args").toString());
                }
            }
            default -> { }
        }
    }

    private static String describe(JsonNode details) {
        JsonNode exception = details.path("exception");
        String text = exception.path("description").asString(details.path("text").asString());
        return text + " at " + details.path("url").asString() + ":" + details.path("lineNumber").asInt();
    }

    @Override
    public void close() throws Exception {
        if (socket != null) {
            socket.abort();
        }
        // Renderer and utility processes first: once the browser process is gone they are no
        // longer its descendants, and they would keep writing into the profile being deleted.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                child.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                onMessage(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
