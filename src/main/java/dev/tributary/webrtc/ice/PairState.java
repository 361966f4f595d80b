package dev.tributary.webrtc.ice;

/** The state of a candidate pair (RFC 8445 §6.1.2.6). */
enum PairState {
    FROZEN,
    WAITING,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED;

    /** Whether a check of the pair is still to come or under way. */
    boolean isPending() {
        return this == FROZEN || this == WAITING || this == IN_PROGRESS;
    }
}
