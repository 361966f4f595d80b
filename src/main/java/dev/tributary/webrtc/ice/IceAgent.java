package dev.tributary.webrtc.ice;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.ice.IceEvent.ConnectionStateChanged;
import dev.tributary.webrtc.ice.IceEvent.GatheringStateChanged;
import dev.tributary.webrtc.ice.IceEvent.LocalCandidateDiscovered;
import dev.tributary.webrtc.ice.IceEvent.SelectedPairChanged;
import dev.tributary.webrtc.ice.Transaction.Kind;
import dev.tributary.webrtc.stun.StunAttribute;
import dev.tributary.webrtc.stun.StunAttribute.ErrorCode;
import dev.tributary.webrtc.stun.StunAttribute.IceControlled;
import dev.tributary.webrtc.stun.StunAttribute.IceControlling;
import dev.tributary.webrtc.stun.StunAttribute.MappedAddress;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.UnknownAttributes;
import dev.tributary.webrtc.stun.StunAttribute.UseCandidate;
import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunAttribute.XorMappedAddress;
import dev.tributary.webrtc.stun.StunClass;
import dev.tributary.webrtc.stun.StunCredentials;
import dev.tributary.webrtc.stun.StunEncoder;
import dev.tributary.webrtc.stun.StunMessage;
import dev.tributary.webrtc.stun.StunMethod;
import dev.tributary.webrtc.stun.TransactionId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A sans-IO ICE agent (RFC 8445) for one data stream with one component (BUNDLE, rtcp-mux), with
 * trickle (RFC 8838), consent freshness (RFC 7675) and the W3C connection and gathering states.
 *
 * <p><b>The I/O contract</b>, in the shape of str0m's {@code handle_input}/{@code poll_output}.
 * The agent never opens a socket, starts a thread or reads the clock: every input takes the
 * current time in nanoseconds ({@code now}, from any monotonic clock, virtual in tests) and
 * outputs are polled. After any input the driver:
 *
 * <ol>
 *   <li>sends every {@link #pollTransmit()} until it returns null;
 *   <li>handles every {@link #pollEvent()} until it returns null;
 *   <li>calls {@link #handleTimeout(long)} at {@link #nextTimeout()} (at once if that is not in
 *       the future), or earlier when a datagram arrives ({@link #handleStun}).
 * </ol>
 *
 * <p><b>Full mode</b> pairs local and remote candidates in one check list ordered by pair
 * priority (RFC 8445 §6.1.2), keeps foundations frozen or waiting (§6.1.2.6), sends one new
 * transaction every Ta (the larger of both agents' proposals, RFC 8445 §14.2): the
 * controlling agent's nomination first, then triggered checks
 * (§7.3.1.4), then STUN server requests for server-reflexive candidates (§5.1.1.2), then ordinary
 * checks (§6.1.4.2). Checks are retransmitted with a doubling RTO. It learns peer-reflexive
 * candidates from checks (§7.3.1.3) and from XOR-MAPPED-ADDRESS (§7.2.5.3.1), requires symmetric
 * responses (§7.2.5.2.1), resolves role conflicts (§7.3.1.1, §7.2.5.1), nominates regularly when
 * controlling (§8.1.1) and accepts regular and aggressive nomination when controlled (§7.3.1.5).
 * On the selected pair it sends consent checks (RFC 7675).
 *
 * <p><b>Lite mode</b> (RFC 8445 §2.5) only answers checks and selects the highest-priority pair
 * the peer nominated with USE-CANDIDATE. It needs no remote credentials to answer: the response
 * is signed with the local password. Its liveness is the peer's checks on the selected pair.
 *
 * <p><b>Answering checks</b> (RFC 8445 §7.3, RFC 8489 §9.1.3): a request without a valid
 * FINGERPRINT is dropped; without USERNAME or MESSAGE-INTEGRITY it gets 400; a USERNAME whose
 * first part is not the local ufrag, or a wrong MESSAGE-INTEGRITY, gets 401; an unknown
 * comprehension-required attribute gets 420; a role conflict the agent wins gets 487. The remote
 * part of USERNAME is checked only once the peer's ufrag is known: a lite server answers the
 * first checks before it has the peer's description. Responses without a
 * valid FINGERPRINT and MESSAGE-INTEGRITY (the peer's password) are dropped, error responses
 * included, so that nobody can fail a pair without the password.
 *
 * <p><b>ICE restart</b> ({@link #restart}): new local credentials, remote candidates and
 * credentials forgotten, a new check list. The selected pair stays selected, with consent
 * checks under the old credentials, and checks from the peer under the old credentials are
 * still answered, until the new generation selects a pair.
 *
 * <p>Simplifications: UDP only (TCP candidates are ignored); one component; after a pair is
 * nominated, newly trickled candidates are kept but not paired (RFC 8445 §8.1.2); a lite agent
 * sends no keepalives (its peer's consent checks and their answers keep NAT bindings open).
 *
 * <p>Bad input from the network never throws: it is counted in {@link #stats()} and dropped. All
 * randomness (credentials, tie-breaker, transaction ids, consent intervals) comes from the
 * injected generator, so a run is reproducible from its seed. Not thread-safe: one owner calls it.
 */
public final class IceAgent {

    private final IceConfig config;
    private final RandomGenerator random;
    private final long tieBreaker;
    /** The Ta this agent proposes (its configuration's). */
    private final long localTa;
    /** The Ta in force: the local proposal until the peer's description, then the larger of both. */
    private long ta;
    private final long checkRto;
    private final long nominationDelay;
    private final long consentInterval;
    private final long disconnectedTimeout;
    private final long liteDisconnectedTimeout;
    private final long consentTimeout;
    /** RFC 8863's PAC timer: one check transaction's whole timeout. */
    private final long patientTimeout;
    private final Counters counters = new Counters();

    private IceRole role;
    private IceCredentials localCredentials;
    private IceCredentials remoteCredentials;
    private long remoteCredentialsAt;
    private final List<LocalCandidate> localCandidates = new ArrayList<>();
    private final List<RemoteCandidate> remoteCandidates = new ArrayList<>();
    private final CheckList checkList;
    private final ArrayDeque<GatherTarget> gatherQueue = new ArrayDeque<>();
    private final Map<TransactionId, Transaction> transactions = new LinkedHashMap<>();
    private final ArrayDeque<Transmit> transmits = new ArrayDeque<>();
    private final ArrayDeque<IceEvent> events = new ArrayDeque<>();

    private IceConnectionState connectionState = IceConnectionState.NEW;
    private IceGatheringState gatheringState = IceGatheringState.NEW;
    /** The selected pair and its liveness, or null. */
    private Consent consent;
    /** Controlling: the valid pair being nominated, or null. */
    private CandidatePair nominating;
    private boolean nominationQueued;
    private boolean paced;
    private long lastPacedAt;
    private boolean hasValidPair;
    private long firstValidAt;
    private long lastNow;
    private boolean checking;
    private boolean failed;
    private boolean closed;
    private boolean localEndOfCandidates;
    private boolean remoteEndOfCandidates;
    private int peerReflexiveCount;

    /**
     * @param config the configuration
     * @param random the source of all randomness; a {@link java.security.SecureRandom} outside
     *     tests, since it makes the password and transaction ids
     * @throws NullPointerException if an argument is null
     */
    public IceAgent(IceConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.role = config.mode() == IceMode.LITE ? IceRole.CONTROLLED : config.role();
        this.localCredentials = config.localCredentials() != null
                ? config.localCredentials()
                : IceCredentials.random(random);
        this.tieBreaker = random.nextLong();
        this.localTa = config.ta().toNanos();
        this.ta = localTa;
        this.checkRto = config.checkRto().toNanos();
        this.nominationDelay = config.nominationDelay().toNanos();
        this.consentInterval = config.consentInterval().toNanos();
        this.disconnectedTimeout = config.disconnectedTimeout().toNanos();
        this.liteDisconnectedTimeout = config.liteDisconnectedTimeout().toNanos();
        this.consentTimeout = config.consentTimeout().toNanos();
        this.patientTimeout = config.transactionTimeout(config.checkRto()).toNanos();
        this.checkList = new CheckList(config.maxCandidatePairs());
    }

    // ---- inputs -------------------------------------------------------------------------------

    /**
     * Adds a local candidate the driver gathered: a host candidate (an interface address, or an
     * address announced for it, or an mDNS name), or a relayed or server-reflexive one it got
     * elsewhere. In full mode with STUN servers configured, the agent gathers server-reflexive
     * candidates for each host candidate and reports them as {@link LocalCandidateDiscovered}.
     * A candidate already added with the same address, base and type is ignored.
     *
     * @param now the current time in nanoseconds
     * @param candidate a UDP candidate of component 1
     * @param base the local socket address the driver sends the candidate's packets from
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the base is unresolved, the candidate is not UDP or
     *     not component 1, is peer-reflexive, or is not a host candidate in lite mode
     */
    public void addLocalCandidate(long now, IceCandidate candidate, InetSocketAddress base) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(base, "base");
        if (base.isUnresolved()) {
            throw new IllegalArgumentException("base must be resolved: " + base);
        }
        if (candidate.transport() != IceTransportProtocol.UDP || candidate.component() != 1) {
            throw new IllegalArgumentException("the agent uses UDP candidates of component 1 only: " + candidate);
        }
        if (candidate.type() == IceCandidateType.PRFLX) {
            throw new IllegalArgumentException("peer-reflexive candidates are learned from checks, not added");
        }
        if (config.mode() == IceMode.LITE && candidate.type() != IceCandidateType.HOST) {
            throw new IllegalArgumentException("a lite agent has host candidates only (RFC 8445 §2.5)");
        }
        if (closed) {
            return;
        }
        InetAddress ip = literal(candidate.address());
        InetSocketAddress address = ip == null ? base : new InetSocketAddress(ip, candidate.port());
        for (LocalCandidate l : localCandidates) {
            if (l.base().equals(base) && l.address().equals(address) && l.candidate().type() == candidate.type()) {
                update(now);
                return;
            }
        }
        LocalCandidate local = new LocalCandidate(candidate, base, address);
        localCandidates.add(local);
        if (config.mode() == IceMode.FULL) {
            if (candidate.type() == IceCandidateType.HOST) {
                for (InetSocketAddress server : config.stunServers()) {
                    if (isIpv6(server) == local.isIpv6()) {
                        gatherQueue.add(new GatherTarget(local, server));
                    }
                }
            }
            if (isPairable(local) && !isNominatedInThisGeneration()) {
                for (RemoteCandidate remote : remoteCandidates) {
                    checkList.form(local, remote, role);
                }
            }
        }
        update(now);
    }

    /**
     * The driver has added every local candidate it will: gathering completes once the STUN
     * server transactions have finished.
     *
     * @param now the current time in nanoseconds
     */
    public void endOfLocalCandidates(long now) {
        if (closed) {
            return;
        }
        localEndOfCandidates = true;
        update(now);
    }

    /**
     * Adds a remote candidate, at any time (trickle, RFC 8838). Candidates the agent cannot use
     * are ignored without error and counted in {@link IceStats#remoteCandidatesIgnored()}: TCP,
     * components other than 1, port 0, host names (there is no DNS here), mDNS {@code .local}
     * names unless the configured resolver knows them, and candidates beyond the limit. A
     * candidate that repeats a known address is ignored too, except that it replaces a
     * peer-reflexive candidate learned at that address.
     *
     * @param now the current time in nanoseconds
     * @param candidate the candidate
     * @throws NullPointerException if {@code candidate} is null
     */
    public void addRemoteCandidate(long now, IceCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (closed) {
            return;
        }
        InetAddress ip = remoteAddress(candidate);
        if (ip == null) {
            counters.remoteCandidatesIgnored++;
            update(now);
            return;
        }
        InetSocketAddress address = new InetSocketAddress(ip, candidate.port());
        RemoteCandidate known = remoteAt(address);
        if (known != null) {
            if (known.candidate().type() == IceCandidateType.PRFLX && candidate.type() != IceCandidateType.PRFLX) {
                known.replace(candidate);
                reprioritize();
            }
        } else if (remoteCandidates.size() >= config.maxCandidatePairs()) {
            counters.remoteCandidatesIgnored++;
        } else {
            RemoteCandidate remote = new RemoteCandidate(candidate, address);
            remoteCandidates.add(remote);
            if (config.mode() == IceMode.FULL && !isNominatedInThisGeneration()) {
                for (LocalCandidate local : localCandidates) {
                    if (isPairable(local)) {
                        checkList.form(local, remote, role);
                    }
                }
            }
        }
        update(now);
    }

    /** The resolved address of a usable remote candidate, or null (and counted) if it is not usable. */
    private InetAddress remoteAddress(IceCandidate candidate) {
        if (candidate.component() != 1 || candidate.transport() != IceTransportProtocol.UDP || candidate.port() == 0) {
            return null;
        }
        InetAddress ip = literal(candidate.address());
        if (ip == null && candidate.isMdns()) {
            Optional<InetAddress> resolved = config.mdnsResolver() == null
                    ? Optional.empty()
                    : config.mdnsResolver().apply(candidate.address());
            ip = resolved == null ? null : resolved.orElse(null);
            if (ip == null) {
                counters.mdnsCandidatesIgnored++;
            }
        }
        return ip;
    }

    /**
     * The peer has no more candidates (RFC 8838 §9): once every pair has failed, the state
     * becomes failed instead of waiting for more.
     *
     * @param now the current time in nanoseconds
     */
    public void endOfRemoteCandidates(long now) {
        if (closed) {
            return;
        }
        remoteEndOfCandidates = true;
        update(now);
    }

    /**
     * Sets the peer's ufrag and password, from its session description. A full agent starts
     * checking once it has them; a lite agent does not need them. After an ICE restart of
     * either side, call {@link #restart} first, then this with the peer's new credentials.
     *
     * @param now the current time in nanoseconds
     * @param ufrag the peer's ice-ufrag
     * @param pwd the peer's ice-pwd
     * @throws IllegalArgumentException if the credentials are not valid ice-chars of the right
     *     length, or differ from credentials already set in this generation
     * @throws NullPointerException if an argument is null
     */
    public void setRemoteCredentials(long now, String ufrag, String pwd) {
        setRemoteCredentials(now, ufrag, pwd, null);
    }

    /**
     * Sets the peer's ufrag, password and proposed pacing, from its session description, as
     * {@link #setRemoteCredentials(long, String, String)} does. From then on the agent paces new
     * transactions at the larger of its own proposal ({@link IceConfig#ta()}) and the peer's; a
     * peer that proposes none (a lite agent never does) counts as proposing
     * {@link IceConfig#DEFAULT_TA} (RFC 8445 §14.2).
     *
     * @param now the current time in nanoseconds
     * @param ufrag the peer's ice-ufrag
     * @param pwd the peer's ice-pwd
     * @param proposedTa the peer's {@code a=ice-pacing}, or null if its description has none
     * @throws IllegalArgumentException if the credentials are not valid ice-chars of the right
     *     length, or differ from credentials already set in this generation, or the proposed Ta
     *     is negative
     * @throws NullPointerException if the ufrag or password is null
     */
    public void setRemoteCredentials(long now, String ufrag, String pwd, Duration proposedTa) {
        IceCredentials credentials = new IceCredentials(ufrag, pwd);
        if (proposedTa != null && proposedTa.isNegative()) {
            throw new IllegalArgumentException("a proposed Ta cannot be negative: " + proposedTa);
        }
        if (closed) {
            return;
        }
        if (remoteCredentials != null && !remoteCredentials.equals(credentials)) {
            throw new IllegalArgumentException("remote credentials changed: call restart() first");
        }
        if (remoteCredentials == null) {
            remoteCredentials = credentials;
            remoteCredentialsAt = now;
            long remoteTa = proposedTa == null ? IceConfig.DEFAULT_TA.toNanos() : proposedTa.toNanos();
            ta = Math.max(localTa, remoteTa);
        }
        update(now);
    }

    /**
     * Handles a STUN datagram the driver received (it has demultiplexed STUN by the first byte,
     * RFC 7983). Never throws for bad content: a malformed, unauthenticated or unexpected message
     * is counted in {@link #stats()} and dropped, or answered with an error response.
     *
     * @param now the current time in nanoseconds
     * @param localBase the local socket address it arrived on: the base of a local candidate
     * @param source the address it came from
     * @param buf the buffer holding the datagram; not kept, may be reused at once
     * @param off where the datagram starts
     * @param len its length
     * @throws NullPointerException if an address or the buffer is null
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public void handleStun(long now, InetSocketAddress localBase, InetSocketAddress source, byte[] buf, int off,
            int len) {
        Objects.requireNonNull(localBase, "localBase");
        Objects.requireNonNull(source, "source");
        StunMessage message;
        try {
            message = StunMessage.parse(buf, off, len);
        } catch (ParseException e) {
            message = null;
        }
        if (closed) {
            return;
        }
        counters.bytesReceived += len;
        if (message == null) {
            counters.malformedPackets++;
        } else if (!message.method().equals(StunMethod.BINDING)) {
            counters.unmatchedPackets++;
        } else {
            switch (message.messageClass()) {
                case REQUEST -> handleRequest(now, localBase, source, message);
                case SUCCESS_RESPONSE, ERROR_RESPONSE -> handleResponse(now, localBase, source, message);
                case INDICATION -> {
                    // A keepalive (RFC 8445 §11): nothing to do.
                }
            }
        }
        update(now);
    }

    /**
     * Authenticated data (DTLS records, SRTP or SRTCP that passed authentication) arrived on the
     * selected pair. A lite agent sends no checks, so it judges the peer's liveness by what it
     * receives: checks, and this. Some full agents (Pion among them) send no consent checks while
     * media flows, and a lite server would otherwise drop a healthy publisher after the consent
     * timeout. A full agent ignores it: its consent comes from answers to its own checks (RFC 7675).
     *
     * @param now the current time in nanoseconds
     * @param localBase the local socket address the data arrived on
     * @param source the address it came from
     */
    public void handleAuthenticatedData(long now, InetSocketAddress localBase, InetSocketAddress source) {
        if (closed || config.mode() != IceMode.LITE) {
            return;
        }
        refreshLiteConsent(now, localBase, source);
        if (consent != null && connectionState == IceConnectionState.DISCONNECTED) {
            update(now);
        }
    }

    /**
     * Lets time pass: retransmits, starts the next paced transaction, nominates, sends consent
     * checks, and moves the states on. Call it at {@link #nextTimeout()}; calling it earlier
     * does no harm.
     *
     * @param now the current time in nanoseconds
     */
    public void handleTimeout(long now) {
        if (closed) {
            return;
        }
        serviceTransactions(now);
        if (now >= nominationDeadline()) {
            nominating = checkList.bestValid();
            nominationQueued = true;
        }
        if (!paced || now - lastPacedAt >= ta) {
            startNextTransaction(now);
        }
        if (consent != null && config.mode() == IceMode.FULL && consent.remote != null && now >= consent.nextCheckAt) {
            sendConsentCheck(now);
        }
        update(now);
    }

    /**
     * ICE restart with new random local credentials, see {@link #restart(long, IceCredentials)}.
     *
     * @param now the current time in nanoseconds
     * @return the new local credentials, for the new session description
     */
    public IceCredentials restart(long now) {
        IceCredentials credentials = IceCredentials.random(random);
        restart(now, credentials);
        return credentials;
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials; the remote credentials, candidates and
     * end-of-candidates are forgotten and come again with the peer's new description; the check
     * list starts over. The selected pair stays selected, and its consent is checked with the
     * old credentials, until the new generation selects a pair. The state goes from completed
     * to connected, from new, checking or failed to checking, and otherwise stays. The role
     * stays as it is. Does nothing after {@link #close()}.
     *
     * @param now the current time in nanoseconds
     * @param credentials the new local credentials
     * @throws NullPointerException if {@code credentials} is null
     * @throws IllegalArgumentException if they equal the current local credentials
     */
    public void restart(long now, IceCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (credentials.equals(localCredentials)) {
            throw new IllegalArgumentException("an ICE restart needs new local credentials");
        }
        if (closed) {
            return;
        }
        localCredentials = credentials;
        remoteCredentials = null;
        remoteEndOfCandidates = false;
        remoteCandidates.clear();
        checkList.clear();
        transactions.values().removeIf(tx -> tx.kind == Kind.CHECK);
        localCandidates.removeIf(l -> l.candidate().type() == IceCandidateType.PRFLX);
        nominating = null;
        hasValidPair = false;
        failed = false;
        checking = true;
        update(now);
    }

    /**
     * Closes the agent: the state becomes closed, pending datagrams are discarded, and all later
     * inputs are ignored. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        transmits.clear();
        transactions.clear();
        gatherQueue.clear();
        checkList.clear();
        consent = null;
        nominating = null;
        setConnectionState(IceConnectionState.CLOSED);
    }

    /**
     * For a driver that serves many agents on one socket: the local ufrag a Binding request is
     * addressed to, the part of its USERNAME before the colon (RFC 8445 §7.2.2), so that it can
     * be handed to the agent with those {@link #localCredentials()}. Responses and indications
     * carry no USERNAME: route them by the remote address of the agent's pairs.
     *
     * @param buf the buffer holding the datagram
     * @param off where the datagram starts
     * @param len its length
     * @return the ufrag, or empty if the datagram is not a well-formed Binding request with a
     *     USERNAME
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static Optional<String> requestedUfrag(byte[] buf, int off, int len) {
        StunMessage message;
        try {
            message = StunMessage.parse(buf, off, len);
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (message.messageClass() != StunClass.REQUEST || !message.method().equals(StunMethod.BINDING)) {
            return Optional.empty();
        }
        return message.attribute(Username.class).map(Username::value)
                .map(u -> u.substring(0, Math.max(0, u.indexOf(':'))))
                .filter(u -> !u.isEmpty());
    }

    // ---- outputs ------------------------------------------------------------------------------

    /** @return the next datagram to send, or null when there is none */
    public Transmit pollTransmit() {
        return transmits.poll();
    }

    /** @return the next event, or null when there is none */
    public IceEvent pollEvent() {
        return events.poll();
    }

    /**
     * @return when to call {@link #handleTimeout(long)} next, in the clock of the {@code now}
     *     arguments; a time not after the latest input means at once; {@link Long#MAX_VALUE}
     *     when nothing is scheduled
     */
    public long nextTimeout() {
        if (closed) {
            return Long.MAX_VALUE;
        }
        long t = Long.MAX_VALUE;
        for (Transaction tx : transactions.values()) {
            t = Math.min(t, tx.deadline);
        }
        long nextPace = paced ? lastPacedAt + ta : lastNow;
        if (hasPaceableWork()) {
            t = Math.min(t, nextPace);
        }
        long nomination = nominationDeadline();
        if (nomination != Long.MAX_VALUE) {
            // The nomination is a check like any other: it waits for its Ta slot.
            t = Math.min(t, Math.max(nomination, nextPace));
        }
        if (consent != null) {
            t = Math.min(t, consent.lastFreshAt + consentTimeout);
            if (connectionState != IceConnectionState.DISCONNECTED) {
                t = Math.min(t, disconnectedAt(consent));
            }
            if (config.mode() == IceMode.FULL && consent.remote != null) {
                t = Math.min(t, consent.nextCheckAt);
            }
        } else if (!failed && isCheckListExhausted()) {
            t = Math.min(t, remoteCredentialsAt + patientTimeout);
        }
        return t;
    }

    /** @return the W3C ICE connection state */
    public IceConnectionState connectionState() {
        return connectionState;
    }

    /** @return the W3C ICE gathering state */
    public IceGatheringState gatheringState() {
        return gatheringState;
    }

    /**
     * @return the pacing interval of new transactions in force: the configured proposal until the
     *     remote credentials are set, then the larger of it and the peer's proposal
     */
    public Duration ta() {
        return Duration.ofNanos(ta);
    }

    /** @return the current role, which a role conflict may have changed */
    public IceRole role() {
        return role;
    }

    /** @return full or lite */
    public IceMode mode() {
        return config.mode();
    }

    /** @return the local ufrag and password of the current generation */
    public IceCredentials localCredentials() {
        return localCredentials;
    }

    /** @return the local candidates: those added, server-reflexive and peer-reflexive ones found */
    public List<IceCandidate> localCandidates() {
        return localCandidates.stream().map(LocalCandidate::candidate).toList();
    }

    /**
     * @return the pair to send data on, or empty before one is selected and after consent on
     *     it expired
     */
    public Optional<IceCandidatePair> selectedPair() {
        return consent == null ? Optional.empty() : Optional.of(consent.pair.view());
    }

    /** @return the counters so far */
    public IceStats stats() {
        return counters.snapshot(checkList.dropped());
    }

    // ---- answering checks (RFC 8445 §7.3) -----------------------------------------------------

    private void handleRequest(long now, InetSocketAddress localBase, InetSocketAddress source, StunMessage request) {
        if (!request.hasValidFingerprint()) {
            counters.unauthenticatedPackets++;
            return;
        }
        Optional<Username> username = request.attribute(Username.class);
        if (username.isEmpty()
                || !(request.has(MessageIntegrity.class) || request.has(MessageIntegritySha256.class))) {
            counters.unauthenticatedPackets++;
            sendError(localBase, source, request, ErrorCode.BAD_REQUEST, null, List.of());
            return;
        }
        IceCredentials credentials = credentialsFor(username.get().value());
        byte[] key = credentials == null ? null : StunCredentials.shortTermKey(credentials.pwd());
        if (key == null || !request.verifyIntegrity(key)) {
            counters.unauthenticatedPackets++;
            sendError(localBase, source, request, ErrorCode.UNAUTHENTICATED, null, List.of());
            return;
        }
        List<Integer> unknown = request.unknownComprehensionRequired();
        if (!unknown.isEmpty()) {
            sendError(localBase, source, request, ErrorCode.UNKNOWN_ATTRIBUTE, key,
                    List.of(new UnknownAttributes(unknown)));
            return;
        }
        counters.checksReceived++;
        if (losesRoleConflict(request)) {
            sendError(localBase, source, request, ErrorCode.ROLE_CONFLICT, key, List.of());
            return;
        }
        counters.responsesSent++;
        send(localBase, source, StunEncoder.PLAIN.withMessageIntegrity(key).withFingerprint()
                .encode(request.successResponse(List.of(new XorMappedAddress(source)))));
        if (credentials != localCredentials) {
            // A check of the generation before an ICE restart: it only keeps the old pair alive.
            refreshLiteConsent(now, localBase, source);
            return;
        }
        checking = true;
        CandidatePair pair = pairForRequest(localBase, source, request);
        if (pair == null) {
            return;
        }
        refreshLiteConsent(now, localBase, source);
        boolean useCandidate = request.has(UseCandidate.class) && role == IceRole.CONTROLLED;
        if (config.mode() == IceMode.LITE) {
            if (useCandidate) {
                nominate(now, pair);
            }
            return;
        }
        if (useCandidate) {
            if (pair.isValid()) {
                nominate(now, pair);
            } else {
                pair.nominateOnSuccess = true;
            }
        }
        triggerCheck(pair);
    }

    /**
     * The local credentials a USERNAME "localUfrag:remoteUfrag" names (RFC 8445 §7.3), of this
     * generation or of the one before a restart, or null. The remote part must match the
     * peer's ufrag once that is known.
     */
    private IceCredentials credentialsFor(String username) {
        int colon = username.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String ufrag = username.substring(0, colon);
        String remoteUfrag = username.substring(colon + 1);
        if (ufrag.equals(localCredentials.ufrag()) && matches(remoteCredentials, remoteUfrag)) {
            return localCredentials;
        }
        if (consent != null && consent.local != localCredentials && ufrag.equals(consent.local.ufrag())
                && matches(consent.remote, remoteUfrag)) {
            return consent.local;
        }
        return null;
    }

    private static boolean matches(IceCredentials remote, String ufrag) {
        return remote == null || remote.ufrag().equals(ufrag);
    }

    /**
     * RFC 8445 §7.3.1.1: compares tie-breakers when both sides claim the same role, switches
     * this agent's role if it loses, and says whether the peer must be told to switch (487). A
     * lite agent never becomes controlling.
     */
    private boolean losesRoleConflict(StunMessage request) {
        Optional<IceControlling> controlling = request.attribute(IceControlling.class);
        Optional<IceControlled> controlled = request.attribute(IceControlled.class);
        if (role == IceRole.CONTROLLING && controlling.isPresent()) {
            counters.roleConflicts++;
            if (Long.compareUnsigned(tieBreaker, controlling.get().tieBreaker()) >= 0) {
                return true;
            }
            switchRole(IceRole.CONTROLLED);
        } else if (role == IceRole.CONTROLLED && controlled.isPresent()) {
            counters.roleConflicts++;
            if (config.mode() == IceMode.LITE
                    || Long.compareUnsigned(tieBreaker, controlled.get().tieBreaker()) < 0) {
                return true;
            }
            switchRole(IceRole.CONTROLLING);
        }
        return false;
    }

    private void switchRole(IceRole newRole) {
        role = newRole;
        reprioritize();
        if (newRole == IceRole.CONTROLLED) {
            nominating = null;
        }
    }

    private void reprioritize() {
        checkList.reprioritize(role);
        if (consent != null) {
            consent.pair.updatePriority(role);
        }
    }

    private void sendError(InetSocketAddress localBase, InetSocketAddress to, StunMessage request, int code,
            byte[] key, List<StunAttribute> more) {
        counters.errorResponsesSent++;
        StunEncoder encoder = key == null ? StunEncoder.PLAIN : StunEncoder.PLAIN.withMessageIntegrity(key);
        send(localBase, to, encoder.withFingerprint().encode(request.errorResponse(ErrorCode.of(code), more)));
    }

    /**
     * The pair a valid check arrived on, formed with a peer-reflexive remote candidate when the
     * source is unknown (RFC 8445 §7.3.1.3); null when the base is no local candidate's or the
     * limit is reached.
     */
    private CandidatePair pairForRequest(InetSocketAddress localBase, InetSocketAddress source, StunMessage request) {
        CandidatePair pair = checkList.pairAt(localBase, source);
        if (pair != null) {
            return pair;
        }
        LocalCandidate local = pairableLocalWithBase(localBase);
        if (local == null) {
            return null;
        }
        RemoteCandidate remote = remoteAt(source);
        if (remote == null) {
            if (remoteCandidates.size() >= config.maxCandidatePairs()) {
                counters.remoteCandidatesIgnored++;
                return null;
            }
            long priority = request.attribute(Priority.class).map(Priority::value)
                    .orElse(IcePriority.candidatePriority(IceCandidateType.PRFLX, 0, 1));
            priority = Math.clamp(priority, 1, IceCandidate.MAX_PRIORITY);
            IceCandidate prflx = new IceCandidate("prflx" + ++peerReflexiveCount, 1, IceTransportProtocol.UDP,
                    priority, source.getAddress().getHostAddress(), source.getPort(), IceCandidateType.PRFLX,
                    null, 0, null);
            remote = new RemoteCandidate(prflx, source);
            remoteCandidates.add(remote);
        }
        // A lite agent checks nothing: a pair it learns from a valid check is as good as valid.
        PairState state = config.mode() == IceMode.LITE ? PairState.SUCCEEDED : PairState.WAITING;
        pair = new CandidatePair(local, remote, state, role);
        return checkList.add(pair) ? pair : null;
    }

    /** RFC 8445 §7.3.1.4: a check on the pair a valid check arrived on. */
    private void triggerCheck(CandidatePair pair) {
        switch (pair.state) {
            case SUCCEEDED -> {
                return;
            }
            case IN_PROGRESS -> {
                pair.active.cancel();
                pair.active = null;
            }
            default -> {
                // Frozen, waiting or failed: checked again.
            }
        }
        checkList.trigger(pair);
    }

    private void refreshLiteConsent(long now, InetSocketAddress localBase, InetSocketAddress source) {
        if (config.mode() == IceMode.LITE && consent != null && consent.pair.base().equals(localBase)
                && consent.pair.remoteAddress().equals(source)) {
            consent.refresh(now);
        }
    }

    // ---- responses to our requests (RFC 8445 §7.2.5) ------------------------------------------

    private void handleResponse(long now, InetSocketAddress localBase, InetSocketAddress source, StunMessage response) {
        Transaction tx = transactions.get(response.transactionId());
        if (tx == null) {
            counters.unmatchedPackets++;
            return;
        }
        if (tx.kind == Kind.GATHER) {
            handleServerResponse(tx, source, response);
            return;
        }
        if (!response.hasValidFingerprint() || !response.verifyIntegrity(tx.key)) {
            counters.unauthenticatedPackets++;
            return;
        }
        transactions.remove(tx.id);
        if (response.messageClass() == StunClass.ERROR_RESPONSE) {
            counters.errorResponsesReceived++;
            handleErrorResponse(tx, response);
            return;
        }
        counters.responsesReceived++;
        boolean symmetric = source.equals(tx.to) && localBase.equals(tx.from);
        if (tx.kind == Kind.CONSENT) {
            if (symmetric && tx.consent == consent) {
                consent.refresh(now);
            }
            return;
        }
        CandidatePair pair = tx.pair;
        if (pair.active == tx) {
            pair.active = null;
        }
        Optional<XorMappedAddress> mapped = response.attribute(XorMappedAddress.class);
        if (!symmetric || mapped.isEmpty()) {
            fail(pair, tx);
            return;
        }
        pair.validLocal = localForMappedAddress(mapped.get().address(), tx);
        pair.state = PairState.SUCCEEDED;
        pair.updatePriority(role);
        if (!hasValidPair) {
            hasValidPair = true;
            firstValidAt = now;
        }
        checkList.unfreeze(pair.foundation());
        if ((tx.useCandidate && role == IceRole.CONTROLLING) || (pair.nominateOnSuccess && role == IceRole.CONTROLLED)) {
            nominate(now, pair);
        }
    }

    private void handleErrorResponse(Transaction tx, StunMessage response) {
        int code = response.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
        if (tx.kind != Kind.CHECK) {
            // A consent check that got an error gave no consent; the timers will tell.
            return;
        }
        CandidatePair pair = tx.pair;
        if (pair.active == tx) {
            pair.active = null;
        }
        if (code != ErrorCode.ROLE_CONFLICT) {
            fail(pair, tx);
            return;
        }
        // RFC 8445 §7.2.5.1: switch roles (unless done already) and check the pair again.
        counters.roleConflicts++;
        if (tx.role == role) {
            switchRole(role.opposite());
        }
        if (tx.useCandidate && nominating == pair) {
            nominating = null;
        }
        if (!pair.isValid()) {
            triggerCheck(pair);
        }
    }

    /**
     * A check failed. A nomination that fails takes its pair out of the valid list; any other
     * check that fails after the pair became valid leaves it valid.
     */
    private void fail(CandidatePair pair, Transaction tx) {
        if (tx.useCandidate) {
            if (nominating == pair) {
                nominating = null;
            }
            pair.state = PairState.FAILED;
        } else if (!pair.isValid()) {
            pair.state = PairState.FAILED;
        }
    }

    /** RFC 8445 §7.2.5.3.1: the local candidate the peer saw, peer-reflexive if it is new. */
    private LocalCandidate localForMappedAddress(InetSocketAddress mapped, Transaction tx) {
        for (LocalCandidate l : localCandidates) {
            if (l.address().equals(mapped) && l.base().equals(tx.from)) {
                return l;
            }
        }
        IceCandidate candidate = IceCandidate.reflexive(IceCandidateType.PRFLX, mapped, tx.from, null, tx.priority);
        LocalCandidate local = new LocalCandidate(candidate, tx.from, mapped);
        localCandidates.add(local);
        events.add(new LocalCandidateDiscovered(candidate));
        return local;
    }

    private void handleServerResponse(Transaction tx, InetSocketAddress source, StunMessage response) {
        if (!source.equals(tx.to)) {
            counters.unmatchedPackets++;
            return;
        }
        transactions.remove(tx.id);
        if (response.messageClass() == StunClass.ERROR_RESPONSE) {
            counters.errorResponsesReceived++;
            return;
        }
        counters.responsesReceived++;
        Optional<InetSocketAddress> mapped = response.attribute(XorMappedAddress.class).map(XorMappedAddress::address)
                .or(() -> response.attribute(MappedAddress.class).map(MappedAddress::address));
        mapped.ifPresent(address -> addServerReflexive(tx.gatherBase, address, tx.to));
    }

    /** RFC 8445 §5.1.1.2, §5.1.3: a server-reflexive candidate, unless it repeats its base or a known one. */
    private void addServerReflexive(LocalCandidate host, InetSocketAddress mapped, InetSocketAddress server) {
        if (mapped.equals(host.base())) {
            return;
        }
        for (LocalCandidate l : localCandidates) {
            if (l.address().equals(mapped) && l.base().equals(host.base())) {
                return;
            }
        }
        long priority = IcePriority.candidatePriority(IceCandidateType.SRFLX, host.candidate().localPreference(), 1);
        IceCandidate candidate = IceCandidate.reflexive(IceCandidateType.SRFLX, mapped, host.base(), server, priority);
        localCandidates.add(new LocalCandidate(candidate, host.base(), mapped));
        events.add(new LocalCandidateDiscovered(candidate));
    }

    // ---- nomination and selection (RFC 8445 §8) ----------------------------------------------

    /**
     * When the controlling agent should nominate the best valid pair: at once when no pair of
     * higher priority is still to be checked, else {@code nominationDelay} after the first pair
     * became valid; {@link Long#MAX_VALUE} when there is nothing to nominate.
     */
    private long nominationDeadline() {
        if (failed || config.mode() != IceMode.FULL || role != IceRole.CONTROLLING || remoteCredentials == null
                || nominating != null || isNominatedInThisGeneration()) {
            return Long.MAX_VALUE;
        }
        CandidatePair best = checkList.bestValid();
        if (best == null) {
            return Long.MAX_VALUE;
        }
        return checkList.hasPendingAbove(best.priority) ? firstValidAt + nominationDelay : firstValidAt;
    }

    /**
     * A pair is nominated: it is selected if it is the best nominated one of this generation.
     * A full agent then stops checking the others (RFC 8445 §8.1.2).
     */
    private void nominate(long now, CandidatePair pair) {
        pair.nominated = true;
        pair.nominateOnSuccess = false;
        if (nominating == pair) {
            nominating = null;
        }
        boolean current = isNominatedInThisGeneration();
        if (!current || (consent.pair != pair && pair.validPriority > consent.pair.validPriority)) {
            if (connectionState == IceConnectionState.NEW) {
                setConnectionState(IceConnectionState.CHECKING);
            }
            long next = now + randomConsentInterval();
            consent = new Consent(pair, localCredentials, remoteCredentials, now, next);
            events.add(new SelectedPairChanged(pair.view()));
        }
        if (config.mode() == IceMode.FULL) {
            checkList.stopCheckingOthers(pair);
        }
    }

    private boolean isNominatedInThisGeneration() {
        return consent != null && consent.local == localCredentials;
    }

    private long randomConsentInterval() {
        // RFC 7675 §5.1: uniformly 0.8..1.2 times the interval.
        return random.nextLong(consentInterval * 4 / 5, consentInterval * 6 / 5 + 1);
    }

    /** When the selected pair counts as disconnected, see {@link IceConfig}. */
    private long disconnectedAt(Consent c) {
        if (config.mode() == IceMode.LITE) {
            return c.lastFreshAt + liteDisconnectedTimeout;
        }
        return c.unanswered ? c.unansweredSince + disconnectedTimeout : Long.MAX_VALUE;
    }

    // ---- sending ------------------------------------------------------------------------------

    private void serviceTransactions(long now) {
        List<Transaction> due = new ArrayList<>();
        for (Transaction tx : transactions.values()) {
            if (now >= tx.deadline) {
                due.add(tx);
            }
        }
        for (Transaction tx : due) {
            if (!tx.cancelled && tx.kind != Kind.CONSENT && tx.transmissions <= config.checkMaxRetransmissions()) {
                counters.checkRetransmissions++;
                send(tx.from, tx.to, tx.datagram.clone());
                tx.transmissions++;
                tx.deadline = now + retransmissionWait(tx);
            } else {
                transactions.remove(tx.id);
                if (!tx.cancelled) {
                    timedOut(tx);
                }
            }
        }
    }

    /** RFC 8489 §6.2.1: the RTO doubles after each send; after the last one, 16 × RTO. */
    private long retransmissionWait(Transaction tx) {
        return tx.transmissions <= config.checkMaxRetransmissions()
                ? tx.rto << (tx.transmissions - 1)
                : 16 * tx.rto;
    }

    private void timedOut(Transaction tx) {
        counters.transactionTimeouts++;
        if (tx.kind == Kind.CHECK) {
            if (tx.pair.active == tx) {
                tx.pair.active = null;
            }
            fail(tx.pair, tx);
        }
    }

    private boolean hasPaceableWork() {
        if (failed) {
            return false;
        }
        boolean checks = config.mode() == IceMode.FULL && remoteCredentials != null;
        return (checks && nominating != null && nominationQueued)
                || (checks && checkList.hasTriggered())
                || !gatherQueue.isEmpty()
                || (checks && checkList.hasOrdinary());
    }

    /** One new transaction per Ta (RFC 8445 §6.1.4.2, §5.1.1.2); must agree with {@link #hasPaceableWork()}. */
    private void startNextTransaction(long now) {
        if (failed) {
            return;
        }
        boolean checks = config.mode() == IceMode.FULL && remoteCredentials != null;
        CandidatePair pair;
        if (checks && nominating != null && nominationQueued) {
            nominationQueued = false;
            sendCheck(now, nominating, true);
        } else if (checks && (pair = checkList.pollTriggered()) != null) {
            sendCheck(now, pair, false);
        } else if (!gatherQueue.isEmpty()) {
            sendServerRequest(now, gatherQueue.poll());
        } else if (checks && (pair = checkList.nextOrdinary()) != null) {
            sendCheck(now, pair, false);
        } else {
            return;
        }
        paced = true;
        lastPacedAt = now;
    }

    private void sendCheck(long now, CandidatePair pair, boolean useCandidate) {
        long rto = Math.max(checkRto, ta * checkList.waitingOrInProgress());
        Transaction tx = sendBindingRequest(now, Kind.CHECK, pair, localCredentials, remoteCredentials, useCandidate,
                rto, null);
        counters.checksSent++;
        checking = true;
        if (!useCandidate) {
            pair.state = PairState.IN_PROGRESS;
            pair.active = tx;
        }
    }

    /** RFC 7675 §5.1: sent once, with a new transaction id, on the selected pair. */
    private void sendConsentCheck(long now) {
        Consent c = consent;
        sendBindingRequest(now, Kind.CONSENT, c.pair, c.local, c.remote, false, consentTimeout, c);
        counters.consentChecksSent++;
        if (!c.unanswered) {
            c.unanswered = true;
            c.unansweredSince = now;
        }
        c.nextCheckAt = now + randomConsentInterval();
    }

    /** A check (RFC 8445 §7.2.2): USERNAME, PRIORITY, the role, USE-CANDIDATE when nominating. */
    private Transaction sendBindingRequest(long now, Kind kind, CandidatePair pair, IceCredentials local,
            IceCredentials remote, boolean useCandidate, long rto, Consent forConsent) {
        long priority = IcePriority.candidatePriority(IceCandidateType.PRFLX, pair.local.candidate().localPreference(), 1);
        List<StunAttribute> attributes = new ArrayList<>(4);
        attributes.add(new Username(remote.ufrag() + ":" + local.ufrag()));
        attributes.add(new Priority(priority));
        attributes.add(role == IceRole.CONTROLLING ? new IceControlling(tieBreaker) : new IceControlled(tieBreaker));
        if (useCandidate) {
            attributes.add(new UseCandidate());
        }
        TransactionId id = TransactionId.random(random);
        byte[] key = StunCredentials.shortTermKey(remote.pwd());
        byte[] datagram = StunEncoder.PLAIN.withMessageIntegrity(key).withFingerprint()
                .encode(StunMessage.request(StunMethod.BINDING, id, attributes));
        Transaction tx = new Transaction(id, kind, pair.base(), pair.remoteAddress(), datagram, key, pair, null,
                forConsent, role, useCandidate, priority, rto, transactionTimeout(rto), now);
        return start(now, tx);
    }

    /** RFC 8445 §5.1.1.2: a plain Binding request to a STUN server from a host candidate's base. */
    private void sendServerRequest(long now, GatherTarget target) {
        TransactionId id = TransactionId.random(random);
        byte[] datagram = StunEncoder.PLAIN.withFingerprint()
                .encode(StunMessage.request(StunMethod.BINDING, id, List.of()));
        start(now, new Transaction(id, Kind.GATHER, target.host().base(), target.server(), datagram, null, null,
                target.host(), null, role, false, 0, checkRto, transactionTimeout(checkRto), now));
    }

    private long transactionTimeout(long rto) {
        return config.transactionTimeout(Duration.ofNanos(rto)).toNanos();
    }

    private Transaction start(long now, Transaction tx) {
        transactions.put(tx.id, tx);
        send(tx.from, tx.to, tx.datagram.clone());
        tx.transmissions = 1;
        tx.deadline = now + (tx.kind == Kind.CONSENT ? consentTimeout : retransmissionWait(tx));
        return tx;
    }

    private void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        counters.bytesSent += datagram.length;
        transmits.add(new Transmit(from, to, datagram));
    }

    // ---- candidates and pairs -----------------------------------------------------------------

    /**
     * Whether checks go out from this local candidate: host and relayed ones, and a
     * server-reflexive one only when no host candidate shares its base (RFC 8445 §6.1.2.4
     * replaces it by its base).
     */
    private boolean isPairable(LocalCandidate local) {
        if (local.isPairable()) {
            return true;
        }
        if (local.candidate().type() != IceCandidateType.SRFLX) {
            return false;
        }
        for (LocalCandidate l : localCandidates) {
            if (l.isPairable() && l.base().equals(local.base())) {
                return false;
            }
        }
        return true;
    }

    private LocalCandidate pairableLocalWithBase(InetSocketAddress base) {
        LocalCandidate best = null;
        for (LocalCandidate l : localCandidates) {
            if (l.base().equals(base) && isPairable(l)
                    && (best == null || l.candidate().priority() > best.candidate().priority())) {
                best = l;
            }
        }
        return best;
    }

    private RemoteCandidate remoteAt(InetSocketAddress address) {
        for (RemoteCandidate r : remoteCandidates) {
            if (r.address().equals(address)) {
                return r;
            }
        }
        return null;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isIpv6(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address;
    }

    // ---- states -------------------------------------------------------------------------------

    private void update(long now) {
        lastNow = now;
        updateGatheringState();
        if (consent != null && now - consent.lastFreshAt >= consentTimeout) {
            // RFC 7675 §5.1: consent expired, stop sending.
            boolean current = isNominatedInThisGeneration();
            consent = null;
            transactions.values().removeIf(tx -> tx.kind == Kind.CONSENT);
            failed |= current;
        }
        if (!failed && consent == null && isCheckListExhausted() && now - remoteCredentialsAt >= patientTimeout) {
            failed = true;
        }
        setConnectionState(computeState(now));
    }

    private IceConnectionState computeState(long now) {
        if (failed) {
            return IceConnectionState.FAILED;
        }
        if (consent != null) {
            if (now >= disconnectedAt(consent)) {
                return IceConnectionState.DISCONNECTED;
            }
            return isNominatedInThisGeneration() && isComplete()
                    ? IceConnectionState.COMPLETED
                    : IceConnectionState.CONNECTED;
        }
        return checking ? IceConnectionState.CHECKING : IceConnectionState.NEW;
    }

    private boolean isComplete() {
        if (!remoteEndOfCandidates || gatheringState != IceGatheringState.COMPLETE) {
            return false;
        }
        return !checkList.hasPending();
    }

    /**
     * Full mode: the peer has no more candidates, gathering is complete, and every pair failed
     * with no nomination under way. Failure is declared once the PAC timer (RFC 8863) has run
     * since the remote credentials came too.
     */
    private boolean isCheckListExhausted() {
        if (config.mode() == IceMode.LITE) {
            // A lite agent checks nothing itself: waiting for the peer's nomination is all it does,
            // and a peer that has not nominated within the PAC time is not coming (a WHIP client
            // that vanished after its POST must not hold a server's session forever).
            return remoteCredentials != null;
        }
        if (remoteCredentials == null || !remoteEndOfCandidates
                || gatheringState != IceGatheringState.COMPLETE || nominating != null) {
            return false;
        }
        return checkList.allFailed();
    }

    /**
     * Emits the change, through the intermediate states W3C's transitions pass: new to checking
     * before anything else, checking to connected before completed.
     */
    private void setConnectionState(IceConnectionState state) {
        if (state == connectionState) {
            return;
        }
        if (connectionState == IceConnectionState.NEW && state != IceConnectionState.CHECKING
                && state != IceConnectionState.CLOSED) {
            setConnectionState(IceConnectionState.CHECKING);
        }
        if (connectionState == IceConnectionState.CHECKING && state == IceConnectionState.COMPLETED) {
            setConnectionState(IceConnectionState.CONNECTED);
        }
        connectionState = state;
        events.add(new ConnectionStateChanged(state));
    }

    private void updateGatheringState() {
        if (gatheringState == IceGatheringState.NEW && (!localCandidates.isEmpty() || localEndOfCandidates)) {
            setGatheringState(IceGatheringState.GATHERING);
        }
        if (gatheringState == IceGatheringState.GATHERING && localEndOfCandidates && gatherQueue.isEmpty()
                && transactions.values().stream().noneMatch(tx -> tx.kind == Kind.GATHER)) {
            setGatheringState(IceGatheringState.COMPLETE);
        }
    }

    private void setGatheringState(IceGatheringState state) {
        gatheringState = state;
        events.add(new GatheringStateChanged(state));
    }

    /** A STUN server to ask for the server-reflexive address of a host candidate. */
    private record GatherTarget(LocalCandidate host, InetSocketAddress server) {}

    /** The mutable counters behind {@link IceStats}. */
    private static final class Counters {
        long checksSent;
        long checkRetransmissions;
        long consentChecksSent;
        long checksReceived;
        long responsesSent;
        long errorResponsesSent;
        long responsesReceived;
        long errorResponsesReceived;
        long transactionTimeouts;
        long roleConflicts;
        long malformedPackets;
        long unauthenticatedPackets;
        long unmatchedPackets;
        long remoteCandidatesIgnored;
        long mdnsCandidatesIgnored;
        long bytesSent;
        long bytesReceived;

        IceStats snapshot(long candidatePairsDropped) {
            return new IceStats(checksSent, checkRetransmissions, consentChecksSent, checksReceived, responsesSent,
                    errorResponsesSent, responsesReceived, errorResponsesReceived, transactionTimeouts, roleConflicts,
                    malformedPackets, unauthenticatedPackets, unmatchedPackets, remoteCandidatesIgnored,
                    mdnsCandidatesIgnored, candidatePairsDropped, bytesSent, bytesReceived);
        }
    }
}
