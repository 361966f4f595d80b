package dev.tributary.webrtc.ice;

/**
 * Counters of one agent since it was created, for getStats and for finding out why a session
 * did not connect. An immutable snapshot: see {@link IceAgent#stats()}.
 *
 * @param checksSent connectivity checks sent, nominations included, retransmissions not
 * @param checkRetransmissions retransmitted checks and STUN server requests
 * @param consentChecksSent consent checks sent on the selected pair (RFC 7675)
 * @param checksReceived authenticated Binding requests received
 * @param responsesSent success responses sent
 * @param errorResponsesSent error responses sent (400, 401, 420, 487)
 * @param responsesReceived authenticated success responses received
 * @param errorResponsesReceived authenticated error responses received
 * @param transactionTimeouts transactions that got no response at all
 * @param roleConflicts role conflicts seen, as request or as 487 response (RFC 8445 §7.3.1.1)
 * @param malformedPackets packets that were not well-formed STUN
 * @param unauthenticatedPackets requests without a valid FINGERPRINT, USERNAME or
 *     MESSAGE-INTEGRITY and responses that failed their integrity check
 * @param unmatchedPackets responses to no outstanding transaction and messages of other methods
 * @param remoteCandidatesIgnored remote candidates not used: mDNS names without a resolver,
 *     other names, TCP, components other than 1, port 0, and those over the limit
 * @param mdnsCandidatesIgnored of those, the ones with an unresolved mDNS name
 * @param candidatePairsDropped candidate pairs not formed or pruned because of the limit
 * @param bytesSent bytes of all STUN messages sent
 * @param bytesReceived bytes of all packets given to {@link IceAgent#handleStun}
 */
public record IceStats(long checksSent, long checkRetransmissions, long consentChecksSent, long checksReceived,
        long responsesSent, long errorResponsesSent, long responsesReceived, long errorResponsesReceived,
        long transactionTimeouts, long roleConflicts, long malformedPackets, long unauthenticatedPackets,
        long unmatchedPackets, long remoteCandidatesIgnored, long mdnsCandidatesIgnored,
        long candidatePairsDropped, long bytesSent, long bytesReceived) {}
