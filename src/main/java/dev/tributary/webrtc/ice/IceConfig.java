package dev.tributary.webrtc.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an {@link IceAgent} behaves. Start from {@link #full(IceRole)} or {@link #lite()}, whose
 * defaults are the ones below, and change what you need.
 *
 * <p><b>Timing defaults and why.</b>
 *
 * <ul>
 *   <li>{@code ta} 50 ms: the pacing interval between new STUN transactions this agent proposes
 *       (RFC 8445 §14.2, written as {@code a=ice-pacing}, RFC 8839 §5.5). Once it has the peer's
 *       description the agent paces at the larger of its own and the peer's proposal, and a peer
 *       that proposes none counts as proposing the default 50 ms (§14.2): every ICE-lite peer
 *       (RFC 8839 §4.3.1 forbids it the attribute) and every browser. So a smaller value speeds
 *       up only sessions between two agents that both propose one, and the default stays
 *       §14.2's 50 ms, which is also close to libwebrtc's 48 ms between checks while the
 *       connection is weak. The nominating check is a transaction like any other (RFC 8445
 *       §8.1.1 queues it as a triggered check): with one candidate pair it goes out one Ta
 *       after the first check, which is the earliest the rules allow.
 *   <li>{@code checkRto} 500 ms, {@code checkMaxRetransmissions} 6: a check is sent 7 times with
 *       the interval doubling from {@code max(checkRto, ta × pairs waiting or in progress)}
 *       (RFC 8445 §14.3), then waited for 16 × that RTO: 39.5 s in all, RFC 8489 §6.2.1's Rc = 7
 *       and Rm = 16. The same time is RFC 8863's PAC timer: without a valid pair the agent does
 *       not declare failure sooner than that after it got the remote credentials, because a peer
 *       may still show up as peer-reflexive.
 *   <li>{@code nominationDelay} 500 ms: the controlling agent nominates (regular nomination,
 *       RFC 8445 §8.1.1) the best valid pair once no pair of higher priority is still to be
 *       checked, or this long after the first pair became valid, whichever comes first.
 *   <li>{@code consentInterval} 5 s: a consent check on the selected pair every 4..6 s, randomized
 *       as RFC 7675 §5.1 requires (which forbids less than 4 s between checks), each sent once.
 *   <li>{@code consentTimeout} 30 s: consent expires 30 s after the last response (RFC 7675
 *       §5.1), the state becomes failed.
 *   <li>{@code disconnectedTimeout} 5 s: a full agent is disconnected when a consent check has gone
 *       unanswered for 5 s. This follows libwebrtc, which marks a connection unwritable when its
 *       pings have gone unanswered for 5 s (CONNECTION_WRITE_CONNECT_TIMEOUT); libwebrtc's other
 *       signal, 2.5 s without receiving anything, counts media, which this agent does not see,
 *       and its pings are far more frequent than RFC 7675 allows. One lost consent check turns
 *       into a short disconnected spell about half the time, which W3C's "disconnected" allows
 *       ("may trigger intermittently and resolve just as spontaneously").
 *   <li>{@code liteDisconnectedTimeout} 8 s: a lite agent sends no checks, so it watches the
 *       peer's: disconnected after 8 s without one on the selected pair. RFC 7675 peers check every
 *       4..6 s (FFmpeg's WHIP muxer every 5 s, Chrome every 2.5 s on a stable pair), so a 5 s
 *       limit would flap on every RFC 7675 period; 8 s is the longest period plus 2 s.
 * </ul>
 *
 * @param mode full or lite
 * @param role the initial role; a lite agent is always controlled and ignores it
 * @param localCredentials the local ufrag and password, or null to generate them from the
 *     agent's random source
 * @param stunServers STUN servers to gather server-reflexive candidates from (full mode only)
 * @param mdnsResolver resolves mDNS {@code .local} names of remote candidates, or null to ignore
 *     such candidates (they are counted in {@link IceStats#mdnsCandidatesIgnored()}); it must
 *     answer at once from a cache, the agent never waits
 * @param maxCandidatePairs the most candidate pairs and the most remote candidates kept, against
 *     offers with thousands of candidates (RFC 8445 §6.1.2.5)
 * @param ta the pacing interval of new transactions this agent proposes, at least 5 ms (RFC
 *     8445 §14.2's floor)
 * @param checkRto initial retransmission timeout of checks and STUN server requests
 * @param checkMaxRetransmissions retransmissions after the first send, 0..16
 * @param nominationDelay how long the controlling agent waits for a better pair, see above
 * @param consentInterval the mean consent check interval, at least 5 s (RFC 7675 §5.1)
 * @param disconnectedTimeout full mode: how long a consent check may go unanswered
 * @param liteDisconnectedTimeout lite mode: how long the peer may send no check
 * @param consentTimeout how long after the last sign of life consent expires
 */
public record IceConfig(IceMode mode, IceRole role, IceCredentials localCredentials,
        List<InetSocketAddress> stunServers, Function<String, Optional<InetAddress>> mdnsResolver,
        int maxCandidatePairs, Duration ta, Duration checkRto, int checkMaxRetransmissions,
        Duration nominationDelay, Duration consentInterval, Duration disconnectedTimeout,
        Duration liteDisconnectedTimeout, Duration consentTimeout) {

    /** RFC 8445 §14.2's default Ta, and what a peer that proposes no pacing counts as proposing. */
    public static final Duration DEFAULT_TA = Duration.ofMillis(50);

    /** Default limit on candidate pairs and remote candidates. */
    public static final int DEFAULT_MAX_CANDIDATE_PAIRS = 100;

    /**
     * @throws NullPointerException if a field other than localCredentials and mdnsResolver is null
     * @throws IllegalArgumentException if a number or duration is out of the ranges above, a STUN
     *     server address is unresolved, or the disconnected timeouts are not below consentTimeout
     */
    public IceConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
        stunServers = List.copyOf(stunServers);
        for (InetSocketAddress server : stunServers) {
            if (server.isUnresolved()) {
                throw new IllegalArgumentException("STUN server address must be resolved: " + server);
            }
        }
        if (maxCandidatePairs < 1) {
            throw new IllegalArgumentException("maxCandidatePairs must be positive: " + maxCandidatePairs);
        }
        if (ta.compareTo(Duration.ofMillis(5)) < 0) {
            throw new IllegalArgumentException("Ta must be at least 5 ms: " + ta);
        }
        requirePositive(checkRto, "checkRto");
        if (checkMaxRetransmissions < 0 || checkMaxRetransmissions > 16) {
            throw new IllegalArgumentException("checkMaxRetransmissions must be 0..16: " + checkMaxRetransmissions);
        }
        requirePositive(nominationDelay, "nominationDelay");
        if (consentInterval.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException(
                    "consentInterval must be at least 5 s, RFC 7675 §5.1 forbids checks less than 4 s apart");
        }
        requirePositive(disconnectedTimeout, "disconnectedTimeout");
        requirePositive(liteDisconnectedTimeout, "liteDisconnectedTimeout");
        if (disconnectedTimeout.compareTo(consentTimeout) >= 0
                || liteDisconnectedTimeout.compareTo(consentTimeout) >= 0) {
            throw new IllegalArgumentException("disconnected timeouts must be shorter than consentTimeout");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /**
     * A full agent with the default timings, generated credentials, no STUN server.
     *
     * @param role the initial role
     * @return the configuration
     */
    public static IceConfig full(IceRole role) {
        return new IceConfig(IceMode.FULL, role, null, List.of(), null, DEFAULT_MAX_CANDIDATE_PAIRS,
                DEFAULT_TA, Duration.ofMillis(500), 6, Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    /** @return a lite agent (always controlled) with the default timings and generated credentials */
    public static IceConfig lite() {
        return full(IceRole.CONTROLLED).withMode(IceMode.LITE);
    }

    /**
     * @param mode full or lite
     * @return this configuration in that mode
     */
    public IceConfig withMode(IceMode mode) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param role the initial role
     * @return this configuration with that role
     */
    public IceConfig withRole(IceRole role) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param localCredentials the local ufrag and password, or null to generate them
     * @return this configuration with those credentials
     */
    public IceConfig withLocalCredentials(IceCredentials localCredentials) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param stunServers STUN servers for server-reflexive candidates
     * @return this configuration with those servers
     */
    public IceConfig withStunServers(List<InetSocketAddress> stunServers) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param mdnsResolver resolves {@code .local} names at once, or null to ignore them
     * @return this configuration with that resolver
     */
    public IceConfig withMdnsResolver(Function<String, Optional<InetAddress>> mdnsResolver) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param maxCandidatePairs the most candidate pairs and remote candidates kept
     * @return this configuration with that limit
     */
    public IceConfig withMaxCandidatePairs(int maxCandidatePairs) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param ta the pacing interval this agent proposes, at least 5 ms
     * @return this configuration with that proposal
     */
    public IceConfig withTa(Duration ta) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * @param disconnectedTimeout full mode: how long a consent check may go unanswered
     * @param liteDisconnectedTimeout lite mode: how long the peer may send no check
     * @param consentTimeout how long after the last sign of life consent expires; both
     *     disconnected timeouts must be shorter
     * @return this configuration with those timeouts
     */
    public IceConfig withConsentTimeouts(Duration disconnectedTimeout, Duration liteDisconnectedTimeout,
            Duration consentTimeout) {
        return new IceConfig(mode, role, localCredentials, stunServers, mdnsResolver, maxCandidatePairs, ta,
                checkRto, checkMaxRetransmissions, nominationDelay, consentInterval, disconnectedTimeout,
                liteDisconnectedTimeout, consentTimeout);
    }

    /**
     * The time a check transaction lasts before it fails: the intervals between its
     * {@code checkMaxRetransmissions + 1} sends, doubling from {@code rto}, then 16 × {@code rto}
     * (RFC 8489 §6.2.1).
     *
     * @param rto the transaction's initial retransmission timeout
     * @return the transaction timeout
     */
    public Duration transactionTimeout(Duration rto) {
        long factor = (1L << checkMaxRetransmissions) - 1 + 16;
        return rto.multipliedBy(factor);
    }
}
