package dev.tributary.ingest.whip;

import dev.tributary.ingest.session.IngestSessions;
import dev.tributary.ingest.session.LiveSession;
import dev.tributary.ingest.session.SessionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory session layer for testing the HTTP side: it keeps sessions in a map, answers
 * offers with a canned answer, treats a fragment whose {@code a=ice-ufrag} differs from the
 * client's current one as an ICE restart (new ETag, answer fragment) and one with candidates under
 * the current credentials as a trickle, and can be told to
 * refuse the next publish with a given {@link SessionException}.
 */
final class FakeIngestSessions implements IngestSessions {

    static final String ANSWER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");

    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    private final Map<String, String> clientUfrags = new ConcurrentHashMap<>();
    private final AtomicInteger etags = new AtomicInteger();
    private final List<String> offers = new CopyOnWriteArrayList<>();
    private final List<String> fragments = new CopyOnWriteArrayList<>();
    private volatile SessionException nextPublishFailure;

    void failNextPublish(SessionException failure) {
        nextPublishFailure = failure;
    }

    /** Starts a session directly, as another publisher would have. */
    LiveSession startLive(String streamKey) {
        return publish(streamKey, "v=0\r\n").session();
    }

    List<String> offers() {
        return List.copyOf(offers);
    }

    List<String> fragments() {
        return List.copyOf(fragments);
    }

    void reset() {
        live.clear();
        clientUfrags.clear();
        offers.clear();
        fragments.clear();
        nextPublishFailure = null;
    }

    @Override
    public Publish publish(String streamKey, String offerSdp) {
        SessionException failure = nextPublishFailure;
        if (failure != null) {
            nextPublishFailure = null;
            throw failure;
        }
        offers.add(offerSdp);
        String id = UUID.randomUUID().toString();
        LiveSession session = new LiveSession(id, streamKey, Instant.now(), "new", "rec-" + id,
                "ice-" + etags.incrementAndGet(), 0);
        live.put(id, session);
        clientUfrags.put(id, ufrag(offerSdp).orElse(""));
        return new Publish(session, ANSWER + "a=stream:" + streamKey + "\r\n");
    }

    @Override
    public Optional<String> patch(String sessionId, String sdpFragment) {
        LiveSession session = live.get(sessionId);
        if (session == null) {
            throw new SessionException(SessionException.Reason.UNKNOWN_SESSION, "no session " + sessionId);
        }
        fragments.add(sdpFragment);
        Optional<String> ufrag = ufrag(sdpFragment);
        if (ufrag.isPresent() && !ufrag.get().equals(clientUfrags.get(sessionId))) {
            clientUfrags.put(sessionId, ufrag.get());
            int generation = etags.incrementAndGet();
            live.put(sessionId, new LiveSession(session.id(), session.streamKey(), session.startedAt(),
                    session.state(), session.recordingId(), "ice-" + generation, session.bitrateBps()));
            return Optional.of("a=ice-ufrag:srv" + generation + "\r\na=ice-pwd:serverpassword" + generation + "\r\n");
        }
        if (sdpFragment.contains("a=candidate:") || sdpFragment.contains("a=end-of-candidates")) {
            return Optional.empty();
        }
        throw new SessionException(SessionException.Reason.MALFORMED_FRAGMENT, "no candidates and no ICE credentials");
    }

    private static Optional<String> ufrag(String sdp) {
        Matcher m = UFRAG.matcher(sdp);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public void end(String sessionId) {
        if (live.remove(sessionId) == null) {
            throw new SessionException(SessionException.Reason.UNKNOWN_SESSION, "no session " + sessionId);
        }
    }

    @Override
    public Optional<LiveSession> find(String sessionId) {
        return Optional.ofNullable(live.get(sessionId));
    }

    @Override
    public List<LiveSession> list() {
        List<LiveSession> all = new ArrayList<>(live.values());
        all.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
        return all;
    }
}
