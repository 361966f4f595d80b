package dev.tributary.webrtc.ice;

import dev.tributary.webrtc.stun.TransactionId;
import java.net.InetSocketAddress;

/** An outstanding STUN request: a check, a consent check, or a request to a STUN server. */
final class Transaction {

    enum Kind {
        CHECK,
        CONSENT,
        GATHER
    }

    final TransactionId id;
    final Kind kind;
    final InetSocketAddress from;
    final InetSocketAddress to;
    final byte[] datagram;
    /** Key to verify the response with (the peer's password), null for a STUN server. */
    final byte[] key;
    /** The pair checked (CHECK, CONSENT), or null. */
    final CandidatePair pair;
    /** The host candidate a STUN server request is sent for (GATHER), or null. */
    final LocalCandidate gatherBase;
    /** The consent this check refreshes (CONSENT), or null. */
    final Consent consent;
    /** The role announced in the request. */
    final IceRole role;
    final boolean useCandidate;
    /** The PRIORITY attribute sent: the priority of a peer-reflexive candidate learned from the response. */
    final long priority;
    final long rto;
    /** How long the transaction lasts in all, retransmissions and final wait included. */
    final long timeout;
    final long startedAt;
    int transmissions;
    /** When to retransmit, or to give up. */
    long deadline;
    boolean cancelled;

    Transaction(TransactionId id, Kind kind, InetSocketAddress from, InetSocketAddress to, byte[] datagram,
            byte[] key, CandidatePair pair, LocalCandidate gatherBase, Consent consent, IceRole role,
            boolean useCandidate, long priority, long rto, long timeout, long startedAt) {
        this.id = id;
        this.kind = kind;
        this.from = from;
        this.to = to;
        this.datagram = datagram;
        this.key = key;
        this.pair = pair;
        this.gatherBase = gatherBase;
        this.consent = consent;
        this.role = role;
        this.useCandidate = useCandidate;
        this.priority = priority;
        this.rto = rto;
        this.timeout = timeout;
        this.startedAt = startedAt;
    }

    /**
     * RFC 8445 §7.3.1.4: a cancelled check is not retransmitted and its silence fails nothing,
     * but its response still counts until the transaction would have timed out.
     */
    void cancel() {
        cancelled = true;
        deadline = startedAt + timeout;
    }
}
