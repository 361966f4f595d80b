package dev.tributary.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium and Firefox ESR as plain processes that open one URL, each with a
 * fresh profile, HOME and cache in a scratch directory, and with every switch we know of that
 * stops them from calling home. They reach 127.0.0.1 only in the sense that the page is there;
 * isolation from the network is the caller's (run the JVM in its own network namespace).
 */
public final class Browsers {

    /** The browsers we drive. */
    public enum Kind {
        /** Debian's {@code chromium}. */
        CHROMIUM(Path.of("/usr/bin/chromium")),
        /** Debian's {@code firefox-esr}: no H264 offline (OpenH264 is a download), VP8 + Opus. */
        FIREFOX(Path.of("/usr/bin/firefox-esr"));

        private final Path executable;

        Kind(Path executable) {
            this.executable = executable;
        }

        /** @return the binary this kind runs */
        public Path executable() {
            return executable;
        }

        /** Skips the calling test when this browser is not installed. */
        public void assumeInstalled() {
            assumeTrue(Files.isExecutable(executable), executable + " is not installed");
        }
    }

    /**
     * Chromium's switches. {@code --allow-loopback-in-peer-connection} is what makes it gather
     * 127.0.0.1 candidates; the fake-device switches replace camera, microphone and the permission
     * prompt. The rest keep it from reaching for the network on its own; measured with strace,
     * the {@code --disable-*} switches leave it looking up accounts.google.com,
     * clients2.google.com, android.clients.google.com, optimizationguide-pa.googleapis.com and
     * www.google.com at start, and only the host resolver rule stops every lookup (pages and
     * ICE here use IP literals, so it costs nothing).
     */
    static final List<String> CHROMIUM_FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--allow-loopback-in-peer-connection",
            "--autoplay-policy=no-user-gesture-required",
            "--mute-audio",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-default-apps",
            "--disable-extensions",
            "--metrics-recording-only",
            "--password-store=basic",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");

    /**
     * Firefox's {@code user.js}. The first block is what publishing with fake devices over
     * loopback needs; the rest stops updates, telemetry, studies, captive-portal and connectivity
     * probes, safe browsing, the OpenH264 download, web push and the preloaded new tab page (which
     * fetched ads.mozilla.org). Remote settings obey {@code services.settings.server} only with
     * {@code MOZ_REMOTE_SETTINGS_DEVTOOLS=1} in the environment, which {@link #launch} sets.
     * Measured with strace: with these, Firefox looks up no name at all.
     */
    static final List<String> FIREFOX_PREFS = List.of(
            "user_pref(\"media.navigator.streams.fake\", true);",
            "user_pref(\"media.navigator.permission.disabled\", true);",
            "user_pref(\"media.peerconnection.ice.loopback\", true);",
            "user_pref(\"media.peerconnection.ice.obfuscate_host_addresses\", false);",
            "user_pref(\"permissions.default.camera\", 1);",
            "user_pref(\"permissions.default.microphone\", 1);",
            "user_pref(\"media.autoplay.default\", 0);",
            "user_pref(\"app.update.auto\", false);",
            "user_pref(\"app.update.enabled\", false);",
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"app.normandy.enabled\", false);",
            "user_pref(\"app.normandy.api_url\", \"\");",
            "user_pref(\"app.shield.optoutstudies.enabled\", false);",
            "user_pref(\"toolkit.telemetry.enabled\", false);",
            "user_pref(\"toolkit.telemetry.unified\", false);",
            "user_pref(\"toolkit.telemetry.server\", \"\");",
            "user_pref(\"toolkit.telemetry.archive.enabled\", false);",
            "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"datareporting.policy.firstRunURL\", \"\");",
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"browser.startup.page\", 0);",
            "user_pref(\"browser.newtabpage.enabled\", false);",
            "user_pref(\"browser.aboutwelcome.enabled\", false);",
            "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
            "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
            "user_pref(\"browser.safebrowsing.downloads.enabled\", false);",
            "user_pref(\"browser.safebrowsing.blockedURIs.enabled\", false);",
            "user_pref(\"browser.safebrowsing.update.enabled\", false);",
            "user_pref(\"browser.region.update.enabled\", false);",
            "user_pref(\"browser.region.network.url\", \"\");",
            "user_pref(\"browser.search.update\", false);",
            "user_pref(\"browser.ping-centre.telemetry\", false);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"network.dns.disablePrefetch\", true);",
            "user_pref(\"network.prefetch-next\", false);",
            "user_pref(\"network.http.speculative-parallel-limit\", 0);",
            "user_pref(\"network.predictor.enabled\", false);",
            "user_pref(\"services.settings.server\", \"http://127.0.0.1:9/\");",
            "user_pref(\"extensions.update.enabled\", false);",
            "user_pref(\"extensions.getAddons.cache.enabled\", false);",
            "user_pref(\"extensions.blocklist.enabled\", false);",
            "user_pref(\"extensions.systemAddon.update.enabled\", false);",
            "user_pref(\"media.gmp-manager.updateEnabled\", false);",
            "user_pref(\"media.gmp-manager.url\", \"\");",
            "user_pref(\"media.gmp-gmpopenh264.autoupdate\", false);",
            "user_pref(\"geo.provider.network.url\", \"\");",
            "user_pref(\"privacy.trackingprotection.enabled\", false);",
            "user_pref(\"security.OCSP.enabled\", 0);",
            "user_pref(\"security.remote_settings.crlite_filters.enabled\", false);",
            "user_pref(\"security.remote_settings.intermediates.enabled\", false);",
            "user_pref(\"dom.push.connection.enabled\", false);",
            "user_pref(\"dom.push.serverURL\", \"\");",
            "user_pref(\"browser.newtab.preload\", false);",
            "user_pref(\"browser.newtabpage.activity-stream.feeds.topsites\", false);",
            "user_pref(\"browser.newtabpage.activity-stream.feeds.section.topstories\", false);",
            "user_pref(\"browser.newtabpage.activity-stream.showSponsored\", false);",
            "user_pref(\"browser.newtabpage.activity-stream.showSponsoredTopSites\", false);",
            "user_pref(\"browser.topsites.contile.enabled\", false);");

    private Browsers() {}

    /**
     * Whether this JVM runs in a network namespace of its own, where every interface that is up is
     * a loopback one: then a browser it starts can reach nothing but 127.0.0.1.
     *
     * @return true when isolated
     */
    public static boolean networkIsolated() {
        try {
            return NetworkInterface.networkInterfaces().allMatch(i -> {
                try {
                    return !i.isUp() || i.isLoopback();
                } catch (SocketException e) {
                    return false;
                }
            });
        } catch (SocketException e) {
            return false;
        }
    }

    /**
     * Starts {@code kind} on {@code page}, headless, with a fresh profile under {@code scratch}.
     *
     * @param kind which browser
     * @param page the URL to open
     * @param scratch a directory the browser may own: its profile, HOME and stderr go there
     * @return the running browser; close it to stop it and its helpers
     * @throws IOException if the profile cannot be written or the process not started
     */
    public static Running launch(Kind kind, URI page, Path scratch) throws IOException {
        return launch(kind, page, scratch, List.of());
    }

    /**
     * Starts {@code kind} on {@code page} as {@link #launch(Kind, URI, Path)} does, with more
     * command-line arguments, such as Chromium's {@code --remote-debugging-port=0} for
     * {@link Running#pageTitles()}.
     *
     * @param kind which browser
     * @param page the URL to open
     * @param scratch a directory the browser may own: its profile, HOME and stderr go there
     * @param extraArguments put before the URL
     * @return the running browser; close it to stop it and its helpers
     * @throws IOException if the profile cannot be written or the process not started
     */
    public static Running launch(Kind kind, URI page, Path scratch, List<String> extraArguments) throws IOException {
        kind.assumeInstalled();
        Path profile = Files.createDirectories(scratch.resolve(kind.name().toLowerCase() + "-profile"));
        Path stderr = scratch.resolve(kind.name().toLowerCase() + "-stderr.log");
        List<String> command = new ArrayList<>();
        command.add(kind.executable().toString());
        switch (kind) {
            case CHROMIUM -> {
                command.addAll(CHROMIUM_FLAGS);
                command.add("--user-data-dir=" + profile);
            }
            case FIREFOX -> {
                Files.write(profile.resolve("user.js"), FIREFOX_PREFS, StandardCharsets.UTF_8);
                command.addAll(List.of("--headless", "--no-remote", "--profile", profile.toString()));
            }
        }
        command.addAll(extraArguments);
        command.add(page.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        Path home = Files.createDirectories(scratch.resolve(kind.name().toLowerCase() + "-home"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        if (kind == Kind.FIREFOX) {
            builder.environment().put("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1");
        }
        long launchedAt = System.nanoTime();
        return new Running(kind, builder.start(), launchedAt, profile, home, stderr);
    }

    /** A running browser and its helper processes. */
    public static final class Running implements AutoCloseable {

        private static final long TERM_GRACE_MILLIS = 3000;

        private final Kind kind;
        private final Process process;
        private final long launchedAtNanos;
        private final Path profile;
        private final Path home;
        private final Path stderr;
        private boolean closed;

        private Running(Kind kind, Process process, long launchedAtNanos, Path profile, Path home, Path stderr) {
            this.kind = kind;
            this.process = process;
            this.launchedAtNanos = launchedAtNanos;
            this.profile = profile;
            this.home = home;
            this.stderr = stderr;
        }

        /** @return which browser this is */
        public Kind kind() {
            return kind;
        }

        /** @return the browser's main process */
        public ProcessHandle process() {
            return process.toHandle();
        }

        /** @return {@link System#nanoTime()} just before the process was started */
        public long launchedAtNanos() {
            return launchedAtNanos;
        }

        /** @return where the browser's stdout and stderr go (kept after close) */
        public Path stderrFile() {
            return stderr;
        }

        /**
         * The titles of the pages open in a Chromium started with {@code --remote-debugging-port=0}:
         * its DevTools HTTP endpoint lists them ({@code /json/list}) on the loopback port it writes
         * into {@code DevToolsActivePort} in its profile. Pages report their state in their title.
         *
         * @return the titles, empty while the endpoint is not up yet
         * @throws IOException if the endpoint answers with something other than a list of targets
         * @throws InterruptedException if interrupted while asking
         */
        public List<String> pageTitles() throws IOException, InterruptedException {
            if (kind != Kind.CHROMIUM) {
                throw new IllegalStateException("page titles are read through Chromium's DevTools endpoint");
            }
            Path portFile = profile.resolve("DevToolsActivePort");
            List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return List.of();
            }
            HttpResponse<String> response;
            try (HttpClient http = HttpClient.newHttpClient()) {
                response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + lines.getFirst().strip() + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                return List.of();
            }
            List<String> titles = new ArrayList<>();
            for (JsonNode target : JsonMapper.builder().build().readTree(response.body())) {
                if (target.path("type").stringValue("").equals("page")) {
                    titles.add(target.path("title").stringValue(""));
                }
            }
            return titles;
        }

        /** @return the last {@code maxLines} lines the browser wrote, for failure messages */
        public String stderrTail(int maxLines) {
            try (Stream<String> lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
                List<String> all = lines.toList();
                return String.join("\n", all.subList(Math.max(0, all.size() - maxLines), all.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(cannot read " + stderr + ": " + e + ")";
            }
        }

        /**
         * Stops the browser and every process it started (TERM, then KILL after a grace period),
         * then deletes its profile and HOME.
         *
         * @throws IOException if a process survives KILL or the profile cannot be deleted
         */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            List<ProcessHandle> tree = processTree();
            tree.forEach(ProcessHandle::destroy);
            List<ProcessHandle> alive = awaitExit(tree, TERM_GRACE_MILLIS);
            // Helpers started while we were terminating the others would have escaped the first list.
            alive = Stream.concat(alive.stream(), processTree().stream()).distinct().toList();
            alive.forEach(ProcessHandle::destroyForcibly);
            alive = awaitExit(alive, TERM_GRACE_MILLIS);
            if (!alive.isEmpty()) {
                throw new IOException(kind + " processes survived SIGKILL: " + alive);
            }
            deleteTree(profile);
            deleteTree(home);
        }

        private List<ProcessHandle> processTree() {
            // Descendants first: killing the root first would orphan them to init before we saw them.
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            return tree.stream().filter(ProcessHandle::isAlive).toList();
        }

        private static List<ProcessHandle> awaitExit(List<ProcessHandle> processes, long millis) {
            CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(exits).get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // whoever is still alive is listed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return processes.stream().filter(ProcessHandle::isAlive).toList();
        }

        private static void deleteTree(Path root) throws IOException {
            if (!Files.exists(root)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
