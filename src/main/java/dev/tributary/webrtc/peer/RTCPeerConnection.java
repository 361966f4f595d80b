package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.dtls.DtlsException;
import dev.tributary.webrtc.dtls.DtlsResult;
import dev.tributary.webrtc.dtls.DtlsRole;
import dev.tributary.webrtc.dtls.DtlsState;
import dev.tributary.webrtc.dtls.DtlsTransport;
import dev.tributary.webrtc.ice.IceAgent;
import dev.tributary.webrtc.ice.IceCandidate;
import dev.tributary.webrtc.ice.IceCandidatePair;
import dev.tributary.webrtc.ice.IceCandidateType;
import dev.tributary.webrtc.ice.IceConfig;
import dev.tributary.webrtc.ice.IceConnectionState;
import dev.tributary.webrtc.ice.IceCredentials;
import dev.tributary.webrtc.ice.IceEvent;
import dev.tributary.webrtc.ice.IceGatheringState;
import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.ice.IceRole;
import dev.tributary.webrtc.ice.Transmit;
import dev.tributary.webrtc.interceptor.InterceptorChain;
import dev.tributary.webrtc.interceptor.InterceptorConfig;
import dev.tributary.webrtc.interceptor.StreamStatistics;
import dev.tributary.webrtc.rtcp.FeedbackMessage;
import dev.tributary.webrtc.rtcp.Goodbye;
import dev.tributary.webrtc.rtcp.RtcpCompound;
import dev.tributary.webrtc.rtcp.RtcpPacket;
import dev.tributary.webrtc.rtcp.SenderReport;
import dev.tributary.webrtc.rtcp.SourceDescription;
import dev.tributary.webrtc.rtp.ReusableRtpPacket;
import dev.tributary.webrtc.sdp.Attribute;
import dev.tributary.webrtc.sdp.Candidate;
import dev.tributary.webrtc.sdp.SessionDescription;
import dev.tributary.webrtc.srtp.SrtpSession;
import dev.tributary.webrtc.udp.DatagramKind;
import dev.tributary.webrtc.udp.UdpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A WebRTC peer connection shaped like the W3C {@code RTCPeerConnection}: JSEP offer/answer
 * (RFC 8829) over BUNDLE and rtcp-mux, ICE (full or lite), DTLS-SRTP, and remote tracks that
 * deliver decrypted RTP. See {@link RTCConfiguration} for what it can be set up to do.
 *
 * <p><b>Answering</b> (what a WHIP server does): {@link #setRemoteDescription} with the offer,
 * {@link #createAnswer()}, {@link #setLocalDescription} with that answer, send the answer's text
 * back. <b>Offering</b>: {@link #addTransceiver}, {@link #createOffer()},
 * {@link #setLocalDescription}, then {@link #setRemoteDescription} with the answer. Descriptions
 * must be applied as created (no munging). Renegotiation is not supported yet: a second offer is
 * refused with {@link SdpNegotiationException}.
 *
 * <p><b>Threads.</b> Each connection has one thread of control, a virtual thread that does all
 * its protocol work in order. The methods may be called from any thread; they run on that
 * thread and wait for it. Callbacks ({@link #onTrack}, state changes, candidates, RTP listeners)
 * run on it too: they must return quickly, and may call back into the connection.
 *
 * <p><b>Lifetime.</b> {@link #close()} releases the sockets (or the shared-port registration),
 * the virtual threads and the timers at once, and is idempotent. A connection that fails (ICE
 * failed: consent lost or no path found; DTLS failed) or that the remote side closes (DTLS
 * close_notify) releases them by itself, without waiting for {@code close()}.
 */
public final class RTCPeerConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RTCPeerConnection.class.getName());
    /** Room for any datagram the transport delivers plus the SRTP tag added when protecting. */
    private static final int SCRATCH_LENGTH = 2048 + 32;
    private static final long SIGN_OF_LIFE_INTERVAL_NANOS = 100_000_000L;
    /**
     * Most SRTP and SRTCP datagrams kept while our side of the DTLS handshake completes: half a
     * second of a video and an audio stream, what a sender that buffered media while it connected
     * sends at once behind its last handshake flight.
     */
    static final int MAX_EARLY_DATAGRAMS = 128;

    private final RTCConfiguration config;
    private final ConnectionLoop loop;
    private final long sessionId;
    private long sessionVersion;

    private final List<RTCRtpTransceiver> transceivers = new CopyOnWriteArrayList<>();
    private final InterceptorChain chain;
    private final RtpRouter router;
    private final byte[] rtcpScratch = new byte[SCRATCH_LENGTH];
    private final ReusableRtpPacket rtpView = new ReusableRtpPacket();
    private final byte[] scratch = new byte[SCRATCH_LENGTH];

    private volatile Consumer<RTCTrackEvent> onTrack;
    private volatile Consumer<RTCPeerConnectionState> onConnectionStateChange;
    private volatile Consumer<IceConnectionState> onIceConnectionStateChange;
    private volatile Consumer<RTCIceCandidate> onIceCandidate;

    private volatile RTCSignalingState signalingState = RTCSignalingState.STABLE;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private volatile IceConnectionState iceConnectionState = IceConnectionState.NEW;
    private DtlsState dtlsState = DtlsState.NEW;

    private SessionDescription localDescription;
    private SessionDescription remoteDescription;
    private volatile RTCSessionDescription appliedLocal;
    private volatile RTCSessionDescription appliedRemote;
    /** The offer this side created or received and has not yet completed. */
    private SessionDescription pendingOffer;
    /** The text of the last description this side created, as handed to the application. */
    private String createdText;
    private JsepAnswerer.Answer pendingAnswer;
    private volatile Map<String, String> rejectedSections = Map.of();
    private Negotiation negotiation;

    private IceAgent ice;
    private volatile UdpTransport udp;
    private DtlsTransport dtls;
    private DtlsRole dtlsRole;
    private SrtpSession srtpInbound;
    private SrtpSession srtpOutbound;
    private volatile IceCandidatePair selectedPair;
    private volatile String remoteIceUfrag;
    /** Where the peer's DTLS records came from, for a DTLS server answering before ICE selects. */
    private volatile InetSocketAddress dtlsPeer;
    /**
     * SRTP and SRTCP that came while our handshake was still running: the peer may finish first
     * (a DTLS server sends its last flight, then media at once) and our keys come from the
     * handshake's thread a moment later. Replayed in order once the keys are there.
     */
    private final List<EarlyDatagram> earlyDatagrams = new ArrayList<>();
    /**
     * A DTLS client's first datagram, waiting for ICE to select a pair, and its lock. The client
     * starts its handshake with the transport, so that its ClientHello is ready when the peer
     * nominates; sending it earlier is not allowed (RFC 8445 §12.1.1: a lite agent sends no data
     * before its valid list has a pair, which it gets by the nomination, §7.3.2).
     */
    private final Object heldDtlsLock = new Object();
    private byte[] heldDtls;
    private long lastSignOfLife = Long.MIN_VALUE / 2;
    private volatile boolean released;

    // written on the loop only, read from anywhere by stats()
    private volatile long srtpFailures;
    private volatile long malformedRtcp;
    private volatile long datagramsBeforeKeys;
    private volatile long unknownDatagrams;

    /**
     * Creates a connection; it opens no socket until it creates its first description.
     *
     * @param config what it does; see {@link RTCConfiguration#builder()}
     */
    public RTCPeerConnection(RTCConfiguration config) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessionId = config.random().nextLong(1, Long.MAX_VALUE);
        String cname = "tributary-" + Long.toHexString(sessionId);
        this.chain = new InterceptorChain(config.interceptors().apply(InterceptorConfig.defaults(randomSsrc(), cname)));
        this.router = new RtpRouter(chain, new TrackControl(), event -> fire(onTrack, event));
        chain.onSenderReport(report -> {
            RemoteTrack track = router.trackOf(report.ssrc());
            if (track != null) {
                track.deliverSenderReport(report);
            }
        });
        this.loop = new ConnectionLoop("peer-connection", this::nextDeadline, this::onDeadline);
        loop.start();
    }

    // ---- configuration of callbacks ------------------------------------------------------------

    /** Called on the connection's thread when a remote track's first packet arrives. */
    public void onTrack(Consumer<RTCTrackEvent> listener) {
        this.onTrack = listener;
    }

    /** Called on the connection's thread when {@link #connectionState()} changes. */
    public void onConnectionStateChange(Consumer<RTCPeerConnectionState> listener) {
        this.onConnectionStateChange = listener;
    }

    /** Called on the connection's thread when the ICE connection state changes. */
    public void onIceConnectionStateChange(Consumer<IceConnectionState> listener) {
        this.onIceConnectionStateChange = listener;
    }

    /**
     * Called on the connection's thread with each local candidate found after the description
     * that started gathering was created (server-reflexive ones; host candidates are in the
     * description), then once with {@link RTCIceCandidate#isEndOfCandidates() end of candidates}.
     */
    public void onIceCandidate(Consumer<RTCIceCandidate> listener) {
        this.onIceCandidate = listener;
    }

    // ---- JSEP ---------------------------------------------------------------------------------

    /**
     * Adds a media section this side will offer.
     *
     * @param kind audio or video
     * @param direction {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive}
     * @throws SdpNegotiationException if the connection is not in the stable state
     * @throws ConnectionClosedException if it is closed
     */
    public RTCRtpTransceiver addTransceiver(MediaKind kind, RTCRtpTransceiverDirection direction) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        if (direction == RTCRtpTransceiverDirection.STOPPED) {
            throw new IllegalArgumentException("a new transceiver cannot be stopped");
        }
        return loop.call(() -> {
            requireOpen();
            if (signalingState != RTCSignalingState.STABLE || negotiation != null) {
                throw new SdpNegotiationException("transceivers can be added before the first offer only");
            }
            RTCRtpSender sender = direction.sends()
                    ? new RTCRtpSender(kind, randomSsrc(), randomSsrc(), this::sendRtpFromAnyThread)
                    : null;
            RTCRtpTransceiver transceiver = new RTCRtpTransceiver(kind, direction,
                    new RTCRtpReceiver(kind, config.rtcpQueueCapacity()), sender);
            transceivers.add(transceiver);
            return transceiver;
        });
    }

    /**
     * Creates an offer for the transceivers added so far and starts gathering.
     *
     * @throws SdpNegotiationException if the state does not allow an offer or there is nothing
     *     to offer
     */
    public RTCSessionDescription createOffer() {
        return loop.call(() -> {
            requireOpen();
            if (signalingState != RTCSignalingState.STABLE || negotiation != null) {
                throw new SdpNegotiationException("renegotiation is not supported yet");
            }
            if (transceivers.isEmpty()) {
                throw new SdpNegotiationException("add a transceiver before creating an offer");
            }
            startGathering(IceRole.CONTROLLING);
            List<JsepOfferer.TransceiverInit> inits = new ArrayList<>();
            for (RTCRtpTransceiver transceiver : transceivers) {
                RTCRtpSender sender = transceiver.senderOrNull();
                inits.add(new JsepOfferer.TransceiverInit(transceiver.kind(), transceiver.direction(),
                        sender == null ? -1 : sender.ssrc(), sender == null ? -1 : sender.rtxSsrc(),
                        "tributary-" + Long.toHexString(sessionId), "stream-" + Long.toHexString(sessionId),
                        transceiver.kind().sdpName() + "-" + transceivers.indexOf(transceiver)));
            }
            SessionDescription offer = JsepOfferer.createOffer(inits, localTransport(), config.capabilities(),
                    sessionId, sessionVersion++);
            pendingOffer = offer;
            createdText = offer.format();
            return RTCSessionDescription.offer(createdText);
        });
    }

    /**
     * Creates the answer to the remote offer. Sections this side cannot accept are rejected in
     * it (port 0); {@link #rejectedSections()} says why.
     *
     * @throws SdpNegotiationException if there is no remote offer to answer
     */
    public RTCSessionDescription createAnswer() {
        return loop.call(() -> {
            requireOpen();
            if (signalingState != RTCSignalingState.HAVE_REMOTE_OFFER) {
                throw new SdpNegotiationException("there is no remote offer to answer");
            }
            if (ice == null) {
                startGathering(pendingOffer.iceLite() ? IceRole.CONTROLLING : IceRole.CONTROLLED);
            }
            JsepAnswerer.Answer answer = JsepAnswerer.createAnswer(pendingOffer, localTransport(),
                    config.capabilities(), sessionId, sessionVersion++);
            pendingAnswer = answer;
            rejectedSections = answer.rejectedSections();
            createdText = answer.description().format();
            return RTCSessionDescription.answer(createdText);
        });
    }

    /**
     * Applies a description this side created, unchanged.
     *
     * @throws SdpNegotiationException if it is not the one last created, or the state forbids it
     * @throws ParseException if it is not valid SDP
     */
    public void setLocalDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        loop.call(() -> {
            requireOpen();
            boolean created = isCreatedText(description.sdp());
            switch (description.type()) {
                case OFFER -> {
                    if (signalingState != RTCSignalingState.STABLE || pendingOffer == null || !created) {
                        throw new SdpNegotiationException("the local offer must be the one createOffer() made");
                    }
                    localDescription = pendingOffer;
                    appliedLocal = description;
                    signalingState = RTCSignalingState.HAVE_LOCAL_OFFER;
                }
                case ANSWER -> {
                    if (signalingState != RTCSignalingState.HAVE_REMOTE_OFFER || pendingAnswer == null || !created) {
                        throw new SdpNegotiationException("the local answer must be the one createAnswer() made");
                    }
                    localDescription = pendingAnswer.description();
                    appliedLocal = description;
                    signalingState = RTCSignalingState.STABLE;
                    Negotiation done = pendingAnswer.negotiation();
                    pendingOffer = null;
                    pendingAnswer = null;
                    startTransport(done, receivingFromOffer(done));
                }
            }
            return null;
        });
    }

    /**
     * Whether {@code text} is the description this side created last: the same text (what an
     * application hands back unchanged, compared without parsing our own output again on the
     * way to connecting), or the same description written differently.
     *
     * @throws ParseException if it is not valid SDP
     */
    private boolean isCreatedText(String text) {
        if (text.equals(createdText)) {
            return true;
        }
        return SessionDescription.parse(text).format().equals(createdText);
    }

    /**
     * Applies the remote side's offer or answer.
     *
     * @throws ParseException if it is not valid SDP
     * @throws SdpNegotiationException if it cannot be applied (the message says why: meant for
     *     the remote party)
     */
    public void setRemoteDescription(RTCSessionDescription description) {
        Objects.requireNonNull(description, "description");
        loop.call(() -> {
            requireOpen();
            SessionDescription sdp = SessionDescription.parse(description.sdp());
            switch (description.type()) {
                case OFFER -> {
                    if (signalingState != RTCSignalingState.STABLE || negotiation != null) {
                        throw new SdpNegotiationException("renegotiation is not supported yet");
                    }
                    remoteDescription = sdp;
                    appliedRemote = description;
                    pendingOffer = sdp;
                    signalingState = RTCSignalingState.HAVE_REMOTE_OFFER;
                }
                case ANSWER -> {
                    if (signalingState != RTCSignalingState.HAVE_LOCAL_OFFER) {
                        throw new SdpNegotiationException("there is no local offer this answer could answer");
                    }
                    Negotiation done = JsepOfferer.applyAnswer(pendingOffer, sdp);
                    remoteDescription = sdp;
                    appliedRemote = description;
                    signalingState = RTCSignalingState.STABLE;
                    pendingOffer = null;
                    for (NegotiatedMedia media : done.media()) {
                        int index = sectionIndex(localDescription, media.mid());
                        if (index >= 0 && index < transceivers.size()) {
                            transceivers.get(index).negotiated(media);
                        }
                    }
                    startTransport(done, List.copyOf(transceivers));
                }
            }
            return null;
        });
    }

    /**
     * Adds a remote candidate trickled after the description (RFC 8838), or the end of them.
     * Candidates this side cannot use (TCP, unresolvable mDNS names) are ignored.
     *
     * @throws ParseException if the candidate text is malformed
     * @throws SdpNegotiationException if there is no remote description yet
     */
    public void addIceCandidate(RTCIceCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        Optional<IceCandidate> parsed = candidate.isEndOfCandidates() ? Optional.empty()
                : parseCandidate(candidate.candidate());
        loop.call(() -> {
            requireOpen();
            if (remoteDescription == null || ice == null) {
                throw new SdpNegotiationException("a candidate needs the remote description first");
            }
            long now = System.nanoTime();
            if (candidate.isEndOfCandidates()) {
                ice.endOfRemoteCandidates(now);
            } else {
                parsed.ifPresent(c -> ice.addRemoteCandidate(now, c));
            }
            afterIce(now);
            return null;
        });
    }

    /**
     * Restarts ICE on an established connection with the remote side's new credentials, as a
     * WHIP PATCH asks for it (RFC 9725 §4.3.2; RFC 8445 §9): this side takes new credentials
     * too; media keeps flowing on the current pair until the new checks select one. DTLS and
     * SRTP are untouched.
     *
     * @param remoteUfrag the remote side's new username fragment
     * @param remotePwd its new password
     * @param candidates its candidates for the new generation (may be empty: a lite server needs none)
     * @return this side's new credentials and candidates, for the answer fragment
     * @throws SdpNegotiationException before the first offer/answer exchange has completed
     */
    public LocalTransport restartIce(String remoteUfrag, String remotePwd, List<RTCIceCandidate> candidates) {
        Objects.requireNonNull(remoteUfrag, "remoteUfrag");
        Objects.requireNonNull(remotePwd, "remotePwd");
        List<IceCandidate> parsed = new ArrayList<>();
        for (RTCIceCandidate candidate : candidates) {
            if (!candidate.isEndOfCandidates()) {
                parseCandidate(candidate.candidate()).ifPresent(parsed::add);
            }
        }
        return loop.call(() -> {
            requireOpen();
            if (negotiation == null) {
                throw new SdpNegotiationException("ICE restart needs a completed offer/answer exchange");
            }
            long now = System.nanoTime();
            IceCredentials fresh = IceCredentials.random(config.random());
            udp.addLocalUfrag(fresh.ufrag());
            ice.restart(now, fresh);
            ice.setRemoteCredentials(now, remoteUfrag, remotePwd);
            remoteIceUfrag = remoteUfrag;
            for (IceCandidate candidate : parsed) {
                ice.addRemoteCandidate(now, candidate);
            }
            afterIce(now);
            return localTransport();
        });
    }

    // ---- state --------------------------------------------------------------------------------

    public RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    public IceConnectionState iceConnectionState() {
        return iceConnectionState;
    }

    public RTCSignalingState signalingState() {
        return signalingState;
    }

    /** The transceivers, in media-section order once negotiated. */
    public List<RTCRtpTransceiver> getTransceivers() {
        return List.copyOf(transceivers);
    }

    /** The local description applied, if any. */
    public Optional<RTCSessionDescription> localDescription() {
        return Optional.ofNullable(appliedLocal);
    }

    /** The remote description applied, if any. */
    public Optional<RTCSessionDescription> remoteDescription() {
        return Optional.ofNullable(appliedRemote);
    }

    /** Why the last answer rejected media sections: MID → reason. */
    public Map<String, String> rejectedSections() {
        return rejectedSections;
    }

    /** The remote side's current ICE username fragment, once a remote description is applied. */
    public Optional<String> remoteIceUfrag() {
        return Optional.ofNullable(remoteIceUfrag);
    }

    /** The candidate pair media flows on, once ICE has selected one. */
    public Optional<IceCandidatePair> selectedCandidatePair() {
        return Optional.ofNullable(selectedPair);
    }

    /** Counters of what was dropped on this connection's receive path. */
    public ConnectionStats stats() {
        UdpTransport transport = udp;
        return new ConnectionStats(srtpFailures, malformedRtcp, datagramsBeforeKeys, unknownDatagrams,
                router.unroutable, router.unknownPayloadType, router.repairPackets, router.recovered,
                transport == null ? 0 : transport.sendFailures());
    }

    // ---- RTCP ---------------------------------------------------------------------------------

    /**
     * Sends an RTCP compound (feedback such as PLI, or reports) on the selected path. Best effort:
     * dropped before DTLS has connected and after the connection ended.
     *
     * @throws IllegalArgumentException if the packets do not fit one datagram
     */
    public void writeRtcp(List<? extends RtcpPacket> packets) {
        byte[] bytes = new byte[SCRATCH_LENGTH];
        int length = RtcpCompound.write(packets, bytes, 0);
        loop.execute(() -> sendRtcp(bytes, length));
    }

    // ---- close --------------------------------------------------------------------------------

    /**
     * Closes the connection: sends DTLS close_notify if connected, then releases its sockets (or
     * shared-port registration), threads and timers, and waits for its thread to end. Idempotent;
     * does not fire state callbacks (as in W3C).
     */
    @Override
    public void close() {
        try {
            loop.call(() -> {
                finish(RTCPeerConnectionState.CLOSED, false);
                return null;
            });
        } catch (ConnectionClosedException alreadyClosed) {
            // failed or closed before: everything is released already
        }
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- inside the loop ----------------------------------------------------------------------

    private void requireOpen() {
        if (released) {
            throw new ConnectionClosedException("the peer connection is " + connectionState.name().toLowerCase());
        }
    }

    private void startGathering(IceRole role) {
        IceCredentials credentials = IceCredentials.random(config.random());
        IceConfig iceConfig = config.iceMode() == IceMode.LITE ? IceConfig.lite() : IceConfig.full(role)
                .withStunServers(config.stunServers()).withTa(config.iceCheckPacing());
        Duration consent = config.consentTimeout();
        iceConfig = iceConfig.withLocalCredentials(credentials).withMdnsResolver(config.mdnsResolver())
                .withConsentTimeouts(min(iceConfig.disconnectedTimeout(), consent.dividedBy(2)),
                        min(iceConfig.liteDisconnectedTimeout(), consent.dividedBy(2)), consent);
        ice = new IceAgent(iceConfig, config.random());
        udp = config.udp().open(credentials.ufrag(), this::onDatagramFromReader);
        long now = System.nanoTime();
        int preference = 65535;
        for (InetSocketAddress base : udp.localAddresses()) {
            if (config.announcedAddresses().isEmpty() || config.keepInterfaceAddresses()) {
                ice.addLocalCandidate(now, IceCandidate.host(base, preference--), base);
            }
            for (InetAddress announced : config.announcedAddresses()) {
                if (announced.getAddress().length == base.getAddress().getAddress().length) {
                    ice.addLocalCandidate(now,
                            IceCandidate.host(new InetSocketAddress(announced, base.getPort()), preference--), base);
                }
            }
        }
        ice.endOfLocalCandidates(now);
        afterIce(now);
    }

    private LocalTransport localTransport() {
        boolean complete = ice.gatheringState() == IceGatheringState.COMPLETE;
        boolean lite = ice.mode() == IceMode.LITE;
        Optional<Duration> pacing = lite || config.iceCheckPacing().equals(IceConfig.DEFAULT_TA)
                ? Optional.empty()
                : Optional.of(config.iceCheckPacing());
        return new LocalTransport(ice.localCredentials().ufrag(), ice.localCredentials().pwd(), lite,
                ice.localCandidates(), complete, config.certificate().fingerprint(), pacing);
    }

    /** Makes the transceivers of an answered offer: one per accepted section, in offer order. */
    private List<RTCRtpTransceiver> receivingFromOffer(Negotiation done) {
        for (NegotiatedMedia media : done.media()) {
            RTCRtpTransceiver transceiver = new RTCRtpTransceiver(media.kind(), media.direction(),
                    new RTCRtpReceiver(media.kind(), config.rtcpQueueCapacity()), null);
            transceiver.negotiated(media);
            transceivers.add(transceiver);
        }
        return List.copyOf(transceivers);
    }

    private void startTransport(Negotiation done, List<RTCRtpTransceiver> negotiated) {
        negotiation = done;
        List<RTCRtpTransceiver> receiving = new ArrayList<>();
        for (RTCRtpTransceiver transceiver : negotiated) {
            if (transceiver.currentDirection().map(RTCRtpTransceiverDirection::receives).orElse(false)) {
                receiving.add(transceiver);
            }
        }
        router.setTransceivers(receiving);
        long now = System.nanoTime();
        RemoteTransport remote = done.remote();
        remoteIceUfrag = remote.iceUfrag();
        ice.setRemoteCredentials(now, remote.iceUfrag(), remote.icePwd(), remote.icePacing().orElse(null));
        for (IceCandidate candidate : remote.candidates()) {
            ice.addRemoteCandidate(now, candidate);
        }
        if (remote.endOfCandidates()) {
            ice.endOfRemoteCandidates(now);
        }
        // The first check goes out now, before the DTLS transport is built and its thread started.
        if (ice.nextTimeout() <= now) {
            ice.handleTimeout(now);
        }
        afterIce(now);
        if (released) {
            return;
        }
        dtlsRole = done.localDtlsRole();
        dtls = DtlsTransport.builder(dtlsRole, remote.fingerprints(), this::sendDtls)
                .certificate(config.certificate())
                .listener(new DtlsTransport.Listener() {
                    @Override
                    public void onStateChange(DtlsState state) {
                        loop.execute(() -> onDtlsState(state));
                    }
                })
                .build();
        dtls.handshake().whenComplete((result, error) -> loop.execute(() -> onHandshake(result, error)));
        // Both roles start now; a client's first flight waits in sendDtls for a selected pair.
        dtls.start();
        afterIce(now);
    }

    /** Reader thread: copy and hand over; never block. */
    private void onDatagramFromReader(InetSocketAddress local, InetSocketAddress source, byte[] buf, int off,
            int len) {
        long arrival = System.nanoTime();
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        loop.execute(() -> onDatagram(arrival, local, source, copy));
    }

    private void onDatagram(long arrival, InetSocketAddress local, InetSocketAddress source, byte[] datagram) {
        if (released) {
            return;
        }
        switch (DatagramKind.classify(datagram, 0, datagram.length)) {
            case STUN -> {
                long now = System.nanoTime();
                ice.handleStun(now, local, source, datagram, 0, datagram.length);
                afterIce(now);
            }
            case DTLS -> {
                if (dtls != null) {
                    dtlsPeer = source;
                    dtls.handleDatagram(datagram, 0, datagram.length);
                } else {
                    datagramsBeforeKeys++;
                }
            }
            case RTP -> {
                if (!heldForKeys(arrival, local, source, datagram) && receiveRtp(arrival, datagram)) {
                    signOfLife(arrival, local, source);
                }
            }
            case RTCP -> {
                if (!heldForKeys(arrival, local, source, datagram) && receiveRtcp(arrival, datagram)) {
                    signOfLife(arrival, local, source);
                }
            }
            default -> unknownDatagrams++;
        }
    }

    private record EarlyDatagram(long arrival, InetSocketAddress local, InetSocketAddress source, byte[] datagram) {}

    /** @return whether the datagram was kept until the handshake under way gives the keys */
    private boolean heldForKeys(long arrival, InetSocketAddress local, InetSocketAddress source, byte[] datagram) {
        if (srtpInbound != null || dtls == null || dtlsState != DtlsState.NEW) {
            return false;
        }
        if (earlyDatagrams.size() == MAX_EARLY_DATAGRAMS) {
            datagramsBeforeKeys++;
            return true;
        }
        earlyDatagrams.add(new EarlyDatagram(arrival, local, source, datagram));
        return true;
    }

    /** After the handshake: what came early is handled now, or counted as dropped if it failed. */
    private void releaseEarlyDatagrams() {
        List<EarlyDatagram> early = List.copyOf(earlyDatagrams);
        earlyDatagrams.clear();
        for (EarlyDatagram held : early) {
            onDatagram(held.arrival, held.local, held.source, held.datagram);
        }
    }

    /** @return whether the packet was authentic */
    private boolean receiveRtp(long arrival, byte[] datagram) {
        if (srtpInbound == null) {
            datagramsBeforeKeys++;
            return false;
        }
        int length = srtpInbound.unprotectRtp(datagram, 0, datagram.length);
        if (length < 0) {
            srtpFailures++;
            return false;
        }
        try {
            rtpView.wrap(datagram, 0, length);
        } catch (ParseException e) {
            srtpFailures++;
            return false;
        }
        router.route(arrival, rtpView);
        sendInterceptorRtcp();
        return true;
    }

    /**
     * Authentic media from the peer tells a lite ICE agent the peer is alive (it sends no checks
     * of its own); reported at most every 100 ms, not per packet.
     */
    private void signOfLife(long now, InetSocketAddress local, InetSocketAddress source) {
        if (now - lastSignOfLife >= SIGN_OF_LIFE_INTERVAL_NANOS && !released) {
            lastSignOfLife = now;
            ice.handleAuthenticatedData(now, local, source);
            afterIce(now);
        }
    }

    /** @return whether the compound was authentic */
    private boolean receiveRtcp(long arrival, byte[] datagram) {
        if (srtpInbound == null) {
            datagramsBeforeKeys++;
            return false;
        }
        int length = srtpInbound.unprotectRtcp(datagram, 0, datagram.length);
        if (length < 0) {
            srtpFailures++;
            return false;
        }
        List<RtcpPacket> compound;
        try {
            compound = List.copyOf(RtcpCompound.parse(datagram, 0, length));
        } catch (ParseException e) {
            malformedRtcp++;
            return true;
        }
        Set<RTCRtpReceiver> receivers = new LinkedHashSet<>();
        for (RtcpPacket packet : compound) {
            switch (packet) {
                case SenderReport sr -> addReceiver(receivers, sr.ssrc());
                case SourceDescription sdes -> sdes.chunks().forEach(c -> addReceiver(receivers, c.ssrc()));
                case Goodbye bye -> bye.ssrcs().forEach(ssrc -> addReceiver(receivers, ssrc));
                case FeedbackMessage feedback -> addReceiver(receivers, feedback.senderSsrc());
                default -> {
                }
            }
        }
        for (RTCRtpReceiver receiver : receivers) {
            receiver.offerRtcp(compound);
        }
        chain.onRtcpReceived(arrival, compound);
        sendInterceptorRtcp();
        return true;
    }

    /** Sends what the interceptors want sent: reports, NACKs, keyframe requests, TWCC feedback. */
    private void sendInterceptorRtcp() {
        for (List<RtcpPacket> compound = chain.pollRtcp(); !compound.isEmpty(); compound = chain.pollRtcp()) {
            int length = RtcpCompound.write(compound, rtcpScratch, 0);
            sendRtcp(rtcpScratch, length);
        }
    }

    private void addReceiver(Set<RTCRtpReceiver> receivers, long ssrc) {
        RTCRtpReceiver receiver = router.receiverOf(ssrc);
        if (receiver != null) {
            receivers.add(receiver);
        }
    }

    private void sendRtpFromAnyThread(RTCRtpSender sender, byte[] packet, int off, int len) {
        if (len < 12 || len > SCRATCH_LENGTH - 32) {
            throw new IllegalArgumentException("not an RTP packet that fits a datagram: " + len + " bytes");
        }
        byte[] copy = new byte[len];
        System.arraycopy(packet, off, copy, 0, len);
        loop.execute(() -> sendRtp(sender, copy));
    }

    private void sendRtp(RTCRtpSender sender, byte[] packet) {
        IceCandidatePair pair = selectedPair;
        if (srtpOutbound == null || pair == null || released) {
            return;
        }
        System.arraycopy(packet, 0, scratch, 0, packet.length);
        long ssrc = sender.ssrc();
        scratch[8] = (byte) (ssrc >>> 24);
        scratch[9] = (byte) (ssrc >>> 16);
        scratch[10] = (byte) (ssrc >>> 8);
        scratch[11] = (byte) ssrc;
        chain.onRtpSent(System.nanoTime(), rtpView.wrap(scratch, 0, packet.length));
        int length = srtpOutbound.protectRtp(scratch, 0, packet.length);
        if (length > 0) {
            udp.send(pair.localBase(), pair.remoteAddress(), scratch, 0, length);
        }
    }

    private void sendRtcp(byte[] compound, int len) {
        IceCandidatePair pair = selectedPair;
        if (srtpOutbound == null || pair == null || released) {
            return;
        }
        System.arraycopy(compound, 0, scratch, 0, len);
        int length = srtpOutbound.protectRtcp(scratch, 0, len);
        if (length > 0) {
            udp.send(pair.localBase(), pair.remoteAddress(), scratch, 0, length);
        }
    }

    /**
     * DTLS thread: send a record on the selected path. Before ICE has selected one, a client
     * waits for it (its first flight: nothing more can come before the peer answers), and a
     * server answers to where the peer's records came from.
     */
    private void sendDtls(byte[] buf, int off, int len) {
        IceCandidatePair pair = selectedPair;
        UdpTransport transport = udp;
        if (pair != null) {
            transport.send(pair.localBase(), pair.remoteAddress(), buf, off, len);
        } else if (dtlsRole == DtlsRole.CLIENT) {
            holdUntilSelected(buf, off, len);
        } else if (dtlsPeer != null && transport.localAddresses().size() == 1) {
            transport.send(transport.localAddresses().getFirst(), dtlsPeer, buf, off, len);
        }
    }

    /**
     * DTLS thread: parks the datagram until the loop sends it on the pair ICE selects
     * ({@link #sendHeldDtls}), or drops it when the connection ends. Never waits on the loop
     * thread itself, which closing runs on.
     */
    private void holdUntilSelected(byte[] buf, int off, int len) {
        if (loop.inLoop()) {
            return;
        }
        synchronized (heldDtlsLock) {
            IceCandidatePair pair = selectedPair;
            if (pair != null) {
                udp.send(pair.localBase(), pair.remoteAddress(), buf, off, len);
                return;
            }
            byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
            heldDtls = datagram;
            try {
                while (heldDtls == datagram && !released) {
                    heldDtlsLock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (heldDtls == datagram) {
                    heldDtls = null;
                }
            }
        }
    }

    /** Loop: ICE has selected a pair; a DTLS client's waiting first datagram leaves on it now. */
    private void sendHeldDtls(IceCandidatePair pair) {
        synchronized (heldDtlsLock) {
            byte[] datagram = heldDtls;
            if (datagram != null) {
                udp.send(pair.localBase(), pair.remoteAddress(), datagram, 0, datagram.length);
                heldDtls = null;
                heldDtlsLock.notifyAll();
            }
        }
    }

    /** The connection ends: a datagram waiting for a pair is dropped and its thread let go. */
    private void dropHeldDtls() {
        synchronized (heldDtlsLock) {
            heldDtls = null;
            heldDtlsLock.notifyAll();
        }
    }

    private void onHandshake(DtlsResult result, Throwable error) {
        if (released) {
            return;
        }
        if (error != null) {
            LOG.log(System.Logger.Level.DEBUG, "DTLS failed", error);
            dtlsState = DtlsState.FAILED;
            releaseEarlyDatagrams();
            updateConnectionState();
            return;
        }
        var sessions = result.srtpSessions();
        srtpInbound = sessions.inbound();
        srtpOutbound = sessions.outbound();
        dtlsState = DtlsState.CONNECTED;
        updateConnectionState();
        releaseEarlyDatagrams();
    }

    private void onDtlsState(DtlsState state) {
        if (released) {
            return;
        }
        if (state == DtlsState.CLOSED && dtlsState == DtlsState.CONNECTED) {
            finish(RTCPeerConnectionState.CLOSED, true);
        } else if (state == DtlsState.FAILED) {
            dtlsState = DtlsState.FAILED;
            releaseEarlyDatagrams();
            updateConnectionState();
        }
    }

    private long nextDeadline() {
        if (ice == null || released) {
            return Long.MAX_VALUE;
        }
        return Math.min(Math.min(ice.nextTimeout(), chain.nextDeadline()), router.nextListenerDeadline());
    }

    private void onDeadline(long now) {
        if (ice == null || released) {
            return;
        }
        if (ice.nextTimeout() <= now) {
            ice.handleTimeout(now);
            afterIce(now);
        }
        if (chain.nextDeadline() <= now) {
            chain.handleTimeout(now);
            sendInterceptorRtcp();
        }
        for (RemoteTrack track : router.tracks()) {
            RtpListener listener = track.listener();
            if (listener != null && listener.nextDeadline() <= now) {
                listener.onTimeout(now);
            }
        }
    }

    /** Keyframe requests and statistics of tracks, carried out on the connection's thread. */
    private final class TrackControl implements RemoteTrack.Control {
        @Override
        public void requestKeyframe(RemoteTrack track, boolean untilKeyframe) {
            Runnable request = () -> {
                if (!released && chain.requestKeyframe(System.nanoTime(), track.ssrc(), untilKeyframe)) {
                    sendInterceptorRtcp();
                }
            };
            if (loop.inLoop()) {
                request.run();
            } else {
                loop.execute(request);
            }
        }

        @Override
        public void keyframeReceived(RemoteTrack track) {
            if (loop.inLoop()) {
                chain.keyframeReceived(track.ssrc());
            } else {
                loop.execute(() -> chain.keyframeReceived(track.ssrc()));
            }
        }

        @Override
        public StreamStatistics statistics(RemoteTrack track) {
            return loop.call(() -> track.stream().statistics());
        }

        @Override
        public long roundTripTime() {
            return loop.call(chain::roundTripTime);
        }
    }

    /** Sends what the ICE agent wants sent and handles its events. */
    private void afterIce(long now) {
        if (released) {
            return;
        }
        for (Transmit transmit = ice.pollTransmit(); transmit != null; transmit = ice.pollTransmit()) {
            byte[] datagram = transmit.datagram();
            udp.send(transmit.localBase(), transmit.destination(), datagram, 0, datagram.length);
        }
        for (IceEvent event = ice.pollEvent(); event != null; event = ice.pollEvent()) {
            switch (event) {
                case IceEvent.ConnectionStateChanged changed -> {
                    iceConnectionState = changed.state();
                    fire(onIceConnectionStateChange, changed.state());
                    updateConnectionState();
                }
                case IceEvent.SelectedPairChanged selected -> {
                    selectedPair = selected.pair();
                    sendHeldDtls(selected.pair());
                }
                case IceEvent.LocalCandidateDiscovered found -> {
                    if (found.candidate().type() == IceCandidateType.SRFLX) {
                        fire(onIceCandidate, new RTCIceCandidate(
                                "candidate:" + SdpCandidates.toSdp(found.candidate()).format(), firstMid(), 0));
                    }
                }
                case IceEvent.GatheringStateChanged gathering -> {
                    if (gathering.state() == IceGatheringState.COMPLETE) {
                        fire(onIceCandidate, RTCIceCandidate.endOfCandidates(firstMid()));
                    }
                }
            }
            if (released) {
                return;
            }
        }
    }

    private void updateConnectionState() {
        RTCPeerConnectionState next;
        IceConnectionState iceState = iceConnectionState;
        if (iceState == IceConnectionState.FAILED || dtlsState == DtlsState.FAILED) {
            next = RTCPeerConnectionState.FAILED;
        } else if (iceState == IceConnectionState.DISCONNECTED) {
            next = RTCPeerConnectionState.DISCONNECTED;
        } else if ((iceState == IceConnectionState.CONNECTED || iceState == IceConnectionState.COMPLETED)
                && dtlsState == DtlsState.CONNECTED) {
            next = RTCPeerConnectionState.CONNECTED;
        } else if (iceState == IceConnectionState.NEW && dtlsState == DtlsState.NEW) {
            next = RTCPeerConnectionState.NEW;
        } else {
            next = RTCPeerConnectionState.CONNECTING;
        }
        if (next == RTCPeerConnectionState.FAILED) {
            finish(RTCPeerConnectionState.FAILED, true);
        } else if (next != connectionState) {
            connectionState = next;
            fire(onConnectionStateChange, next);
        }
    }

    /**
     * Ends the connection in a final state and releases everything it holds. DTLS goes first so
     * that its close_notify still has a socket to leave by.
     */
    private void finish(RTCPeerConnectionState finalState, boolean notify) {
        if (released) {
            return;
        }
        released = true;
        signalingState = RTCSignalingState.CLOSED;
        dropHeldDtls();
        if (dtls != null) {
            dtls.close();
        }
        if (ice != null) {
            ice.close();
            iceConnectionState = IceConnectionState.CLOSED;
        }
        if (udp != null) {
            udp.close();
        }
        for (RTCRtpTransceiver transceiver : transceivers) {
            transceiver.receiver().close();
        }
        selectedPair = null;
        srtpInbound = null;
        srtpOutbound = null;
        connectionState = finalState;
        loop.stop();
        if (notify) {
            fire(onConnectionStateChange, finalState);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private String firstMid() {
        return negotiation != null && !negotiation.media().isEmpty() ? negotiation.media().getFirst().mid() : "0";
    }

    private long randomSsrc() {
        return config.random().nextLong(1, 1L << 32);
    }

    private static int sectionIndex(SessionDescription description, String mid) {
        for (int i = 0; i < description.media().size(); i++) {
            if (description.media().get(i).mid().map(mid::equals).orElse(false)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<IceCandidate> parseCandidate(String text) {
        String value = text.startsWith("a=") ? text.substring(2) : text;
        Candidate candidate = Attribute.parse(value.strip()).as(Candidate.class)
                .orElseThrow(() -> new ParseException("not a candidate attribute: " + text, 0));
        return SdpCandidates.toIce(candidate);
    }

    private static <T> void fire(Consumer<T> listener, T value) {
        if (listener != null) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a peer connection callback failed", e);
            }
        }
    }
}
