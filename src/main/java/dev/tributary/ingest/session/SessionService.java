package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.peer.LocalTransport;
import dev.tributary.webrtc.peer.RTCConfiguration;
import dev.tributary.webrtc.peer.RTCIceCandidate;
import dev.tributary.webrtc.peer.SdpCandidates;
import dev.tributary.webrtc.peer.SdpNegotiationException;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpException;
import dev.tributary.webrtc.udp.UdpMux;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The live ingest sessions. Owns the shared UDP port (or the per-session socket factory), starts a
 * session per accepted publish, enforces the limits (sessions, bitrate, recording length) once a
 * second, and on shutdown stops accepting publishes and finalises every recording before the
 * process exits.
 */
public final class SessionService implements IngestSessions, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionProperties properties;
    private final Recordings recordings;
    private final SessionMetrics metrics;
    private final UdpTransportFactory udp;
    private final UdpMux mux;
    private final List<InetAddress> announced;
    private final ConcurrentMap<String, IngestSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> overBitrateSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean accepting = true;
    private volatile boolean running;

    SessionService(SessionProperties properties, Recordings recordings, SessionMetrics metrics) {
        this.properties = properties;
        this.recordings = recordings;
        this.metrics = metrics;
        metrics.liveSessions(sessions::size);
        AddressFilter filter = filter(properties.webrtc().interfaceAddresses());
        if (properties.webrtc().udpPort() > 0) {
            this.mux = UdpMux.bind(properties.webrtc().udpPort(), filter);
            this.udp = mux;
            log.info("WebRTC media on UDP {} (single port)", mux.localAddresses());
        } else {
            this.mux = null;
            this.udp = new UdpSocketFactory(filter);
            log.info("WebRTC media on a UDP socket per session");
        }
        this.announced = addresses(properties.webrtc().announcedAddresses());
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("session-ticker").factory());
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private static AddressFilter filter(List<String> interfaceAddresses) {
        List<InetAddress> addresses = addresses(interfaceAddresses);
        return addresses.isEmpty() ? AddressFilter.DEFAULT : AddressFilter.of(addresses.toArray(InetAddress[]::new));
    }

    private static List<InetAddress> addresses(List<String> literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            if (literal.isBlank()) {
                continue;
            }
            try {
                addresses.add(InetAddress.getByName(literal.strip()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + literal, e);
            }
        }
        return addresses;
    }

    @Override
    public Publish publish(String streamKey, String offerSdp) {
        if (!accepting) {
            throw new SessionException(SessionException.Reason.CAPACITY, "the server is shutting down");
        }
        Optional<IngestSession> live = sessions.values().stream().filter(s -> s.streamKey.equals(streamKey)).findFirst();
        if (live.isPresent()) {
            if (properties.sessions().whenLive().equalsIgnoreCase("replace")) {
                log.info("Stream {} is live in session {}: replacing it", streamKey, live.get().id);
                live.get().end(null);
            } else {
                throw new SessionException(SessionException.Reason.STREAM_BUSY, "stream " + streamKey + " is live");
            }
        }
        if (sessions.size() >= properties.sessions().max()) {
            throw new SessionException(SessionException.Reason.CAPACITY,
                    "at the limit of " + properties.sessions().max() + " sessions");
        }
        String id = newId();
        IngestSession.Recording recording = new IngestSession.Recording(container(),
                properties.sessions().formatWait(), properties.sessions().segmentDuration());
        IngestSession.Started started = IngestSession.start(id, streamKey, offerSdp, connectionConfig(), recording,
                recordings, metrics, this::ended);
        sessions.put(id, started.session());
        metrics.sessionStarted();
        log.info("Session {} of stream {} started", id, streamKey);
        return new Publish(started.session().describe(), started.answerSdp());
    }

    private RTCConfiguration connectionConfig() {
        return RTCConfiguration.builder().iceMode(IceMode.LITE).udp(udp)
                .announcedAddresses(announced, false)
                .consentTimeout(properties.webrtc().consentTimeout())
                .random(random)
                .build();
    }

    private ContainerFormat container() {
        return properties.sessions().container().equalsIgnoreCase("matroska") ? ContainerFormat.MATROSKA : null;
    }

    @Override
    public Optional<String> patch(String sessionId, String sdpFragment) {
        IngestSession session = require(sessionId);
        SdpFragment fragment;
        try {
            fragment = SdpFragment.parse(sdpFragment);
        } catch (ParseException | IllegalArgumentException e) {
            throw new SessionException(SessionException.Reason.MALFORMED_FRAGMENT, e.getMessage(), e);
        }
        try {
            // a trickle fragment repeats the current credentials (RFC 9725 §4.3.1); new ones restart ICE
            boolean restart = fragment.iceUfrag().isPresent() && fragment.icePwd().isPresent()
                    && !fragment.iceUfrag().equals(session.peerConnection().remoteIceUfrag());
            if (restart) {
                LocalTransport local = session.peerConnection().restartIce(fragment.iceUfrag().get(),
                        fragment.icePwd().get(), fragment.candidates());
                session.renewEtag();
                return Optional.of(SdpFragment.answer(local, fragment.mids()));
            }
            for (RTCIceCandidate candidate : fragment.candidates()) {
                session.peerConnection().addIceCandidate(candidate);
            }
            return Optional.empty();
        } catch (ParseException | SdpNegotiationException | UdpException e) {
            throw new SessionException(SessionException.Reason.MALFORMED_FRAGMENT, e.getMessage(), e);
        }
    }

    @Override
    public void end(String sessionId) {
        require(sessionId).end(null);
    }

    @Override
    public Optional<LiveSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(IngestSession::describe);
    }

    @Override
    public List<LiveSession> list() {
        return sessions.values().stream().sorted(Comparator.comparing(s -> s.startedAt))
                .map(IngestSession::describe).toList();
    }

    /** The etag of a live session's WHIP resource. */
    Optional<String> etag(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(IngestSession::etag);
    }

    private IngestSession require(String sessionId) {
        IngestSession session = sessions.get(sessionId);
        if (session == null) {
            throw new SessionException(SessionException.Reason.UNKNOWN_SESSION, "no live session " + sessionId);
        }
        return session;
    }

    private void ended(IngestSession session) {
        sessions.remove(session.id, session);
        overBitrateSince.remove(session.id);
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Once a second: bitrate figures, recording progress, and the limits. */
    private void tick() {
        long now = System.nanoTime();
        for (IngestSession session : sessions.values()) {
            try {
                session.tick(now);
                enforceLimits(session, now);
            } catch (RuntimeException e) {
                log.warn("Session {}: periodic update failed", session.id, e);
            }
        }
    }

    private void enforceLimits(IngestSession session, long now) {
        Duration maxDuration = properties.sessions().maxDuration();
        if (!maxDuration.isZero() && session.recordedMicros() >= maxDuration.toNanos() / 1000) {
            log.info("Session {} reached the maximum recording length {}", session.id, maxDuration);
            session.endLater(null);
            return;
        }
        long maxBitrate = properties.sessions().maxBitrateBps();
        if (maxBitrate <= 0) {
            return;
        }
        if (session.bitrateBps() <= maxBitrate) {
            overBitrateSince.remove(session.id);
            return;
        }
        long since = overBitrateSince.computeIfAbsent(session.id, id -> now);
        if (now - since >= properties.sessions().bitrateGrace().toNanos()) {
            log.info("Session {} ended: {} bit/s is above the limit of {}", session.id, session.bitrateBps(),
                    maxBitrate);
            session.endLater("the publisher's bitrate stayed above the limit of " + maxBitrate + " bit/s");
        }
    }

    // ---- lifecycle: finalise every recording on shutdown ----------------------------------------

    @Override
    public void start() {
        running = true;
    }

    /** Stops accepting publishes and ends every session, finalising its recording. */
    @Override
    public void stop() {
        accepting = false;
        List<Thread> enders = new ArrayList<>();
        for (IngestSession session : sessions.values()) {
            enders.add(Thread.ofVirtual().name("shutdown-" + session.id).start(() -> session.end(null)));
        }
        for (Thread ender : enders) {
            try {
                ender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ticker.shutdownNow();
        if (mux != null) {
            mux.close();
        }
        running = false;
        log.info("Ingest stopped: {} session(s) finalised", enders.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the web server, so no new publish arrives while sessions end. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
