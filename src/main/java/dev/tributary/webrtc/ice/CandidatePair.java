package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;

/**
 * A candidate pair of the check list (RFC 8445 §6.1.2). Identified by its 5-tuple: local base and
 * remote address. When its check succeeds it becomes valid, with the local candidate the peer saw
 * ({@link #validLocal}): one object stands for the checked pair and the valid pair it produced,
 * which share the 5-tuple (RFC 8445 §7.2.5.3.2).
 */
final class CandidatePair {

    final LocalCandidate local;
    final RemoteCandidate remote;
    PairState state;
    /** Priority from the local and remote candidates, orders the check list. */
    long priority;
    /** Priority of the valid pair, from {@link #validLocal}; equals {@link #priority} until then. */
    long validPriority;
    LocalCandidate validLocal;
    /** The check in flight that decides the pair's state, or null. */
    Transaction active;
    /** In the triggered-check queue. */
    boolean queued;
    boolean nominated;
    /** Controlled: the peer nominated the pair before our check of it succeeded (RFC 8445 §7.3.1.5). */
    boolean nominateOnSuccess;

    CandidatePair(LocalCandidate local, RemoteCandidate remote, PairState state, IceRole role) {
        this.local = local;
        this.remote = remote;
        this.state = state;
        updatePriority(role);
    }

    String foundation() {
        return local.candidate().foundation() + ":" + remote.candidate().foundation();
    }

    InetSocketAddress base() {
        return local.base();
    }

    InetSocketAddress remoteAddress() {
        return remote.address();
    }

    boolean isValid() {
        return state == PairState.SUCCEEDED;
    }

    void updatePriority(IceRole role) {
        priority = priority(local, role);
        validPriority = validLocal == null ? priority : priority(validLocal, role);
    }

    private long priority(LocalCandidate l, IceRole role) {
        long ours = l.candidate().priority();
        long theirs = remote.candidate().priority();
        return role == IceRole.CONTROLLING
                ? IcePriority.pairPriority(ours, theirs)
                : IcePriority.pairPriority(theirs, ours);
    }

    IceCandidatePair view() {
        LocalCandidate l = validLocal == null ? local : validLocal;
        return new IceCandidatePair(l.candidate(), remote.candidate(), base(), remoteAddress(), validPriority);
    }

    @Override
    public String toString() {
        return base() + " -> " + remoteAddress() + " " + state;
    }
}
