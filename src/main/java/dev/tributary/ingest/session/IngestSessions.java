package dev.tributary.ingest.session;

import java.util.List;
import java.util.Optional;

/**
 * The live ingest sessions: what the WHIP endpoints and the sessions API ask of the session layer.
 * One session per WHIP resource; it owns its peer connection and its recording.
 */
public interface IngestSessions {

    /**
     * Starts a session for a publish offer and returns its answer.
     *
     * @param streamKey the (already validated and authorised) stream key
     * @param offerSdp the offer's SDP text
     * @throws SessionException with reason {@code MALFORMED_OFFER} (HTTP 400),
     *     {@code UNACCEPTABLE_OFFER} (422: nothing we can record, the message says why),
     *     {@code STREAM_BUSY} (409: the key is live and the policy refuses a second publish) or
     *     {@code CAPACITY} (503: at the session limit)
     */
    Publish publish(String streamKey, String offerSdp);

    /**
     * Applies a WHIP PATCH body ({@code application/trickle-ice-sdpfrag}, RFC 8840): trickled
     * candidates, or an ICE restart when the fragment carries new ICE credentials.
     *
     * @param sessionId the session
     * @param sdpFragment the fragment's text
     * @return the answer fragment for an ICE restart (HTTP 200), or empty for a trickle (204)
     * @throws SessionException with reason {@code UNKNOWN_SESSION} (404) or
     *     {@code MALFORMED_FRAGMENT} (400)
     */
    Optional<String> patch(String sessionId, String sdpFragment);

    /**
     * Ends a session; its recording is finalised.
     *
     * @throws SessionException with reason {@code UNKNOWN_SESSION} (404)
     */
    void end(String sessionId);

    /** The session, if it is live. */
    Optional<LiveSession> find(String sessionId);

    /** All live sessions, oldest first. */
    List<LiveSession> list();

    /**
     * A started session.
     *
     * @param session the session as listed
     * @param answerSdp the SDP answer to return to the publisher
     */
    record Publish(LiveSession session, String answerSdp) {}
}
