package dev.tributary.webrtc.ice;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one check list of the agent (RFC 8445 §6.1.2): candidate pairs in descending priority,
 * their frozen and waiting foundations, the triggered-check queue, and the limit on its size.
 */
final class CheckList {

    private static final Comparator<CandidatePair> BY_PRIORITY =
            Comparator.comparingLong((CandidatePair p) -> p.priority).reversed();

    private final int maxPairs;
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
    private long dropped;

    CheckList(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    /** @return the pairs in descending priority, unmodifiable */
    List<CandidatePair> pairs() {
        return Collections.unmodifiableList(pairs);
    }

    /** @return pairs not formed or pruned because of the limit, ever */
    long dropped() {
        return dropped;
    }

    void clear() {
        pairs.clear();
        triggered.clear();
    }

    CandidatePair pairAt(InetSocketAddress base, InetSocketAddress remote) {
        for (CandidatePair p : pairs) {
            if (p.base().equals(base) && p.remoteAddress().equals(remote)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Pairs a local and a remote candidate of the same address family, unless a pair with the
     * same 5-tuple exists (RFC 8445 §6.1.2.4). The new pair waits unless a pair of its
     * foundation is already waiting or in progress (§6.1.2.6, RFC 8838 §10).
     */
    void form(LocalCandidate local, RemoteCandidate remote, IceRole role) {
        if (local.isIpv6() != remote.isIpv6() || pairAt(local.base(), remote.address()) != null) {
            return;
        }
        CandidatePair pair = new CandidatePair(local, remote, PairState.WAITING, role);
        if (activeFoundations().contains(pair.foundation())) {
            pair.state = PairState.FROZEN;
        }
        add(pair);
    }

    /**
     * Inserts a pair in priority order. At the limit (RFC 8445 §6.1.2.5) the lowest-priority
     * frozen or waiting pair makes room if the new one is better; otherwise the new one is dropped.
     *
     * @return whether the pair was added
     */
    boolean add(CandidatePair pair) {
        if (pairs.size() >= maxPairs) {
            dropped++;
            CandidatePair victim = null;
            for (CandidatePair p : pairs) {
                if ((p.state == PairState.FROZEN || p.state == PairState.WAITING) && !p.nominated) {
                    victim = p;
                }
            }
            if (victim == null || victim.priority >= pair.priority) {
                return false;
            }
            pairs.remove(victim);
            triggered.remove(victim);
            victim.queued = false;
        }
        int i = 0;
        while (i < pairs.size() && pairs.get(i).priority >= pair.priority) {
            i++;
        }
        pairs.add(i, pair);
        return true;
    }

    void reprioritize(IceRole role) {
        for (CandidatePair p : pairs) {
            p.updatePriority(role);
        }
        pairs.sort(BY_PRIORITY);
    }

    /** Puts a pair, now waiting, in the triggered-check queue (RFC 8445 §7.3.1.4). */
    void trigger(CandidatePair pair) {
        pair.state = PairState.WAITING;
        if (!pair.queued) {
            pair.queued = true;
            triggered.add(pair);
        }
    }

    boolean hasTriggered() {
        for (CandidatePair p : triggered) {
            if (p.queued && p.state == PairState.WAITING) {
                return true;
            }
        }
        return false;
    }

    /** @return the next waiting pair of the triggered-check queue, or null */
    CandidatePair pollTriggered() {
        CandidatePair p;
        while ((p = triggered.poll()) != null) {
            boolean queued = p.queued;
            p.queued = false;
            if (queued && p.state == PairState.WAITING) {
                return p;
            }
        }
        return null;
    }

    /** Must agree with {@link #nextOrdinary()}: whether it would return a pair. */
    boolean hasOrdinary() {
        Set<String> active = activeFoundations();
        for (CandidatePair p : pairs) {
            if (p.state == PairState.WAITING || (p.state == PairState.FROZEN && !active.contains(p.foundation()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 8445 §6.1.4.2: the highest-priority waiting pair; if there is none, unfreeze for each
     * foundation without a waiting or in-progress pair its highest-priority frozen pair first.
     */
    CandidatePair nextOrdinary() {
        for (CandidatePair p : pairs) {
            if (p.state == PairState.WAITING) {
                return p;
            }
        }
        Set<String> active = activeFoundations();
        CandidatePair first = null;
        for (CandidatePair p : pairs) {
            if (p.state == PairState.FROZEN && active.add(p.foundation())) {
                p.state = PairState.WAITING;
                if (first == null) {
                    first = p;
                }
            }
        }
        return first;
    }

    private Set<String> activeFoundations() {
        Set<String> active = new HashSet<>();
        for (CandidatePair p : pairs) {
            if (p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS) {
                active.add(p.foundation());
            }
        }
        return active;
    }

    /** RFC 8445 §7.2.5.3.3: a success unfreezes the pairs that share its foundation. */
    void unfreeze(String foundation) {
        for (CandidatePair p : pairs) {
            if (p.state == PairState.FROZEN && p.foundation().equals(foundation)) {
                p.state = PairState.WAITING;
            }
        }
    }

    /** @return how many pairs are waiting or in progress, for the RTO (RFC 8445 §14.3) */
    int waitingOrInProgress() {
        int n = 0;
        for (CandidatePair p : pairs) {
            if (p.state == PairState.WAITING || p.state == PairState.IN_PROGRESS) {
                n++;
            }
        }
        return n;
    }

    /** @return the valid pair of highest priority, or null */
    CandidatePair bestValid() {
        CandidatePair best = null;
        for (CandidatePair p : pairs) {
            if (p.isValid() && (best == null || p.validPriority > best.validPriority)) {
                best = p;
            }
        }
        return best;
    }

    /** @return whether a pair of higher priority is still to be checked or under way */
    boolean hasPendingAbove(long priority) {
        for (CandidatePair p : pairs) {
            if (p.state.isPending() && p.priority > priority) {
                return true;
            }
        }
        return false;
    }

    boolean hasPending() {
        return hasPendingAbove(Long.MIN_VALUE);
    }

    /** @return whether every pair failed (true when there are none) */
    boolean allFailed() {
        for (CandidatePair p : pairs) {
            if (p.state != PairState.FAILED) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 8445 §8.1.2: once a pair is nominated, frozen and waiting pairs are dropped and
     * checks of lower priority in progress are cancelled (their late responses still count).
     */
    void stopCheckingOthers(CandidatePair nominated) {
        pairs.removeIf(p -> p.state == PairState.FROZEN || p.state == PairState.WAITING);
        triggered.removeIf(p -> !pairs.contains(p));
        for (CandidatePair p : pairs) {
            if (p.state == PairState.IN_PROGRESS && p.priority < nominated.priority) {
                if (p.active != null) {
                    p.active.cancel();
                }
                p.active = null;
                p.state = PairState.FAILED;
            }
        }
    }
}
