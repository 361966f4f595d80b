package dev.tributary.webrtc.ice;

/**
 * The selected pair and whether the peer still wants its data (RFC 7675), with the credentials
 * of the generation it was selected in: after an ICE restart media keeps flowing on it, checked
 * with the old credentials, until the new generation selects a pair.
 */
final class Consent {

    final CandidatePair pair;
    final IceCredentials local;
    /** The peer's credentials, null for a lite agent, which sends no checks. */
    final IceCredentials remote;
    /** The last response to a consent check (full) or check from the peer (lite). */
    long lastFreshAt;
    /** When the oldest consent check after {@link #lastFreshAt} was sent; meaningless unless {@link #unanswered}. */
    long unansweredSince;
    boolean unanswered;
    long nextCheckAt;

    Consent(CandidatePair pair, IceCredentials local, IceCredentials remote, long now, long nextCheckAt) {
        this.pair = pair;
        this.local = local;
        this.remote = remote;
        this.lastFreshAt = now;
        this.nextCheckAt = nextCheckAt;
    }

    void refresh(long now) {
        lastFreshAt = now;
        unanswered = false;
    }
}
