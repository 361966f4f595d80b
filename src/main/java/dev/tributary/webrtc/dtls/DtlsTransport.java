package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.dtls.DtlsException.Reason;
import dev.tributary.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.AbstractTlsPeer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The DTLS 1.2 transport of one peer connection (RFC 6347), negotiating DTLS-SRTP keys (RFC 5764)
 * and carrying application data for SCTP data channels. BouncyCastle does the protocol; this
 * class adapts its blocking API to a thin I/O driver:
 *
 * <ul>
 *   <li>the driver passes every received DTLS datagram (first byte 20–63, RFC 7983 §7) to
 *       {@link #handleDatagram}, which never blocks: datagrams go into a bounded queue, and a full
 *       queue drops and counts ({@link #droppedDatagrams()});
 *   <li>the transport sends through the {@link Sender} it was built with;
 *   <li>{@link #start()} runs the handshake on a virtual thread, which afterwards reads
 *       application data and hands it to {@link Listener#onApplicationData}.
 * </ul>
 *
 * <p>WebRTC authenticates both sides with self-signed certificates bound to the SDP fingerprints
 * (RFC 5763 §5, RFC 8122 §5): the server requests the client's certificate, both check the peer's
 * certificate against the remote fingerprints, and the handshake fails closed, with a fatal alert
 * to the peer, on a mismatch, a missing certificate or no common SRTP profile. Cipher suites are
 * ECDHE_ECDSA with AES-128-GCM or AES-256-GCM (a client also accepts ECDHE_RSA servers), groups
 * X25519 and P-256, and the extended master secret (RFC 7627) is required. The
 * server skips the HelloVerifyRequest cookie exchange: ICE has already verified the peer's
 * address, and it saves a round trip, as browsers do.
 *
 * <p>All methods are thread-safe. {@link #close()} is idempotent and may be called from any
 * thread, listener callbacks included.
 */
public final class DtlsTransport implements AutoCloseable {

    /** The largest application data record (RFC 6347 §4.1, RFC 5246 §6.2.1: 2^14 bytes). */
    public static final int MAX_APPLICATION_DATA = 1 << 14;

    static final System.Logger LOG = System.getLogger(DtlsTransport.class.getName());

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final AtomicInteger LIVE_THREADS = new AtomicInteger();

    /**
     * Sends one datagram to the peer. Called from the transport's virtual thread and from threads
     * calling {@link #send} or {@link #close()}, possibly concurrently, so it must be thread-safe
     * (as {@code DatagramChannel.send} is). The buffer is valid only during the call. It should not
     * throw; if it does, the datagram counts as lost.
     */
    @FunctionalInterface
    public interface Sender {
        /**
         * @param buf holds the datagram
         * @param off where it starts
         * @param len its length
         */
        void send(byte[] buf, int off, int len);
    }

    /**
     * Receives the transport's events. Callbacks run on the transport's virtual thread, except
     * the state changes made by {@link #start()} and {@link #close()}, which run on the caller's
     * thread. They should return quickly (hand off to the peer connection's mailbox); an exception
     * they throw is logged and otherwise ignored.
     */
    public interface Listener {
        /**
         * The transport moved to a new state; called once per state, in order.
         *
         * @param state the new state
         */
        default void onStateChange(DtlsState state) {}

        /**
         * One application data record arrived, in order of arrival.
         *
         * @param data the record's plaintext, owned by the listener
         */
        default void onApplicationData(byte[] data) {}
    }

    private final DtlsRole role;
    private final HandshakePolicy policy;
    private final AbstractTlsPeer peer;
    private final QueueDatagramTransport transport;
    private final Listener listener;
    private final CompletableFuture<DtlsResult> handshake = new CompletableFuture<>();
    private volatile DtlsState state = DtlsState.NEW;
    private final Object lock = new Object();
    private final Object stateLock = new Object();
    private Thread worker;
    private volatile DTLSTransport connection;
    private boolean closing;

    private DtlsTransport(Builder builder) {
        this.role = builder.role;
        this.policy = new HandshakePolicy(builder.role, builder.certificate, builder.remoteFingerprints,
                builder.srtpProfiles,
                Math.toIntExact(builder.handshakeTimeout.toMillis()),
                Math.toIntExact(builder.initialRetransmitTimeout.toMillis()));
        this.peer = role == DtlsRole.CLIENT ? new WebRtcTlsClient(policy) : new WebRtcTlsServer(policy);
        this.transport = new QueueDatagramTransport(builder.receiveQueueCapacity, builder.sender,
                role == DtlsRole.SERVER ? new ChangeCipherSpecGate() : null);
        this.listener = builder.listener;
    }

    /**
     * Starts configuring a transport.
     *
     * @param role our side of the handshake, from the SDP {@code a=setup} negotiation
     * @param remoteFingerprints the peer's {@code a=fingerprint} values; its certificate must match
     *     at least one (RFC 8122 §5)
     * @param sender sends our datagrams to the peer
     * @return a builder with defaults for everything else
     * @throws IllegalArgumentException if {@code remoteFingerprints} is empty
     * @throws NullPointerException if an argument or fingerprint is null
     */
    public static Builder builder(DtlsRole role, List<DtlsFingerprint> remoteFingerprints, Sender sender) {
        return new Builder(role, remoteFingerprints, sender);
    }

    /**
     * Starts the handshake on a virtual thread; calling it again does nothing more. Datagrams
     * handed to {@link #handleDatagram} before are kept (up to the queue's capacity).
     *
     * @return the handshake's outcome, as {@link #handshake()}
     */
    public CompletableFuture<DtlsResult> start() {
        Thread thread;
        synchronized (lock) {
            if (closing || worker != null) {
                return handshake;
            }
            thread = Thread.ofVirtual().name("dtls-" + role.name().toLowerCase(Locale.ROOT)).unstarted(this::run);
            worker = thread;
        }
        transition(DtlsState.CONNECTING);
        LIVE_THREADS.incrementAndGet();
        thread.start();
        return handshake;
    }

    /**
     * The handshake's outcome. It completes on the transport's virtual thread with the negotiated
     * profile and keys, or exceptionally with a {@link DtlsException} whose reason says why:
     * {@code FINGERPRINT_MISMATCH}, {@code NO_CERTIFICATE}, {@code NO_COMMON_SRTP_PROFILE},
     * {@code ALERT_RECEIVED}, {@code PROTOCOL_ERROR}, {@code TIMEOUT} or {@code CLOSED}.
     */
    public CompletableFuture<DtlsResult> handshake() {
        return handshake;
    }

    /**
     * Hands a received DTLS datagram to the transport. Never blocks: the datagram is copied into
     * a bounded queue, or dropped and counted if the queue is full or the datagram is larger than
     * any DTLS record can be. Datagrams arriving after close are ignored.
     *
     * @param buf holds the datagram; not kept after the call
     * @param off where it starts
     * @param len its length
     * @return whether the datagram was queued
     * @throws IllegalArgumentException if {@code off} and {@code len} do not lie within {@code buf}
     * @throws NullPointerException if {@code buf} is null
     */
    public boolean handleDatagram(byte[] buf, int off, int len) {
        checkBounds(buf, off, len);
        return transport.offer(buf, off, len);
    }

    /**
     * Sends one application data record (an SCTP packet, for data channels).
     *
     * @param buf holds the data
     * @param off where it starts
     * @param len its length, 1 to {@link #MAX_APPLICATION_DATA} bytes
     * @throws DtlsException with reason {@code NOT_CONNECTED} if the transport is not
     *     {@link DtlsState#CONNECTED}, or {@code PROTOCOL_ERROR} if the connection fails while
     *     sending
     * @throws IllegalArgumentException if {@code off} and {@code len} do not lie within {@code buf}
     *     or {@code len} is out of range
     * @throws NullPointerException if {@code buf} is null
     */
    public void send(byte[] buf, int off, int len) {
        checkBounds(buf, off, len);
        if (len == 0 || len > MAX_APPLICATION_DATA) {
            throw new IllegalArgumentException("application data must be 1 to " + MAX_APPLICATION_DATA
                    + " bytes, not " + len);
        }
        DTLSTransport connected = connection;
        if (connected == null || state != DtlsState.CONNECTED) {
            throw new DtlsException(Reason.NOT_CONNECTED, "cannot send application data while " + state);
        }
        try {
            connected.send(buf, off, len);
        } catch (IOException e) {
            throw new DtlsException(Reason.PROTOCOL_ERROR, "sending application data failed", e);
        }
    }

    /** The current state. */
    public DtlsState state() {
        return state;
    }

    /** Our side of the handshake. */
    public DtlsRole role() {
        return role;
    }

    /** How many received datagrams were dropped because the queue was full or they were too large. */
    public long droppedDatagrams() {
        return transport.dropped();
    }

    /**
     * Closes the transport: sends close_notify if connected (RFC 5246 §7.2.1), or aborts a running
     * handshake, whose future then fails with reason {@code CLOSED}; stops the virtual thread and
     * releases the queue. The state becomes {@link DtlsState#CLOSED} unless it already was
     * {@code CLOSED} or {@code FAILED}. Idempotent and safe from any thread; when called from
     * another thread than the transport's own, it waits briefly for that thread to end.
     */
    @Override
    public void close() {
        DTLSTransport connected;
        Thread thread;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            connected = connection;
            thread = worker;
        }
        try {
            if (connected != null) {
                connected.close();
            } else {
                peer.cancel();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing DTLS", e);
        }
        transport.close();
        transition(DtlsState.CLOSED);
        handshake.completeExceptionally(new DtlsException(Reason.CLOSED, "closed before the handshake completed"));
        if (thread != null && thread != Thread.currentThread()) {
            awaitTermination(thread);
        }
    }

    /** Virtual threads of all transports that have not yet ended; tests check it returns to zero. */
    static int liveThreads() {
        return LIVE_THREADS.get();
    }

    private void run() {
        try {
            DTLSTransport connected = connect();
            transport.handshakeDone();
            DtlsResult result = policy.result();
            if (result == null) {
                throw new TlsFatalAlert(AlertDescription.internal_error, "handshake ended without a result");
            }
            synchronized (lock) {
                if (closing) {
                    connected.close();
                    return;
                }
                connection = connected;
            }
            transition(DtlsState.CONNECTED);
            handshake.complete(result);
            readApplicationData(connected);
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            transport.close();
            LIVE_THREADS.decrementAndGet();
        }
    }

    private DTLSTransport connect() throws IOException {
        if (peer instanceof WebRtcTlsClient client) {
            return new DTLSClientProtocol().connect(client, transport);
        }
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // No HelloVerifyRequest (RFC 6347 §4.2.1 makes it optional): ICE connectivity checks
        // already proved the peer owns its address.
        protocol.setVerifyRequests(false);
        return protocol.accept((WebRtcTlsServer) peer, transport);
    }

    /** Runs until the connection closes: a close_notify or fatal alert, or {@link #close()}. */
    private void readApplicationData(DTLSTransport connected) throws IOException {
        byte[] buf = new byte[connected.getReceiveLimit()];
        while (true) {
            int received = connected.receive(buf, 0, buf.length, 0);
            if (received >= 0) {
                byte[] data = Arrays.copyOf(buf, received);
                notifyListener(() -> listener.onApplicationData(data));
            }
        }
    }

    /** The worker's end by exception; {@link #close()} has already set the outcome if it caused it. */
    private void fail(Exception e) {
        if (closing()) {
            return;
        }
        if (connection != null && policy.closeNotifyReceived() && !(e instanceof TlsFatalAlertReceived)) {
            transition(DtlsState.CLOSED);
            return;
        }
        DtlsException error = translate(e);
        LOG.log(System.Logger.Level.DEBUG, "DTLS " + role + " failed: " + error.getMessage(), e);
        transition(DtlsState.FAILED);
        handshake.completeExceptionally(error);
    }

    private DtlsException translate(Exception e) {
        DtlsException local = policy.failure();
        if (local != null) {
            return new DtlsException(local.reason(), local.getMessage(), e);
        }
        if (e instanceof TlsFatalAlertReceived alert) {
            return new DtlsException(Reason.ALERT_RECEIVED,
                    "the peer aborted with the alert " + AlertDescription.getText(alert.getAlertDescription()), e);
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsException(Reason.TIMEOUT,
                    "the handshake did not complete within " + policy.handshakeTimeoutMillis + " ms", e);
        }
        if (policy.closeNotifyReceived()) {
            return new DtlsException(Reason.ALERT_RECEIVED, "the peer closed the connection during the handshake", e);
        }
        String detail = e instanceof TlsFatalAlert alert
                ? "alert " + AlertDescription.getText(alert.getAlertDescription())
                : e.toString();
        return new DtlsException(Reason.PROTOCOL_ERROR, "DTLS failed: " + detail, e);
    }

    private boolean closing() {
        synchronized (lock) {
            return closing;
        }
    }

    /**
     * Moves to {@code next} unless the state is final; CONNECTED only from CONNECTING. Holding the
     * lock while the listener runs keeps the reported states in the order they were taken.
     */
    private void transition(DtlsState next) {
        synchronized (stateLock) {
            DtlsState current = state;
            if (current == DtlsState.CLOSED || current == DtlsState.FAILED || current == next
                    || (next == DtlsState.CONNECTED && current != DtlsState.CONNECTING)) {
                return;
            }
            state = next;
            notifyListener(() -> listener.onStateChange(next));
        }
    }

    private void notifyListener(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "DTLS listener failed", e);
        }
    }

    private static void awaitTermination(Thread thread) {
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "DTLS thread " + thread.getName() + " did not end within "
                        + JOIN_TIMEOUT.toMillis() + " ms (a listener blocking?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void checkBounds(byte[] buf, int off, int len) {
        Objects.requireNonNull(buf, "buf");
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw new IllegalArgumentException("off " + off + " and len " + len + " do not fit a buffer of "
                    + buf.length + " bytes");
        }
    }

    /**
     * Configures a {@link DtlsTransport}. Defaults: the {@link DtlsCertificate#shared() shared}
     * certificate; every {@link SrtpProfile} in its declaration order, which is this stack's
     * preference;
     * a 30 s handshake timeout; a 500 ms initial retransmission timeout; room for 256 queued
     * datagrams; a listener that ignores everything.
     */
    public static final class Builder {

        private final DtlsRole role;
        private final List<DtlsFingerprint> remoteFingerprints;
        private final Sender sender;
        private DtlsCertificate certificate;
        private List<SrtpProfile> srtpProfiles = List.of(SrtpProfile.values());
        private Listener listener = new Listener() {};
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration initialRetransmitTimeout = Duration.ofMillis(500);
        private int receiveQueueCapacity = 256;

        private Builder(DtlsRole role, List<DtlsFingerprint> remoteFingerprints, Sender sender) {
            this.role = Objects.requireNonNull(role, "role");
            this.remoteFingerprints = List.copyOf(remoteFingerprints);
            if (this.remoteFingerprints.isEmpty()) {
                throw new IllegalArgumentException("the peer's certificate needs at least one fingerprint");
            }
            this.sender = Objects.requireNonNull(sender, "sender");
        }

        /**
         * The certificate we authenticate with.
         *
         * @return this builder
         * @throws NullPointerException if {@code certificate} is null
         */
        public Builder certificate(DtlsCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * The DTLS-SRTP protection profiles we offer or accept (RFC 5764 §4.1.2, RFC 7714 §14.2).
         * As server we pick our most preferred profile among those the client offers; profile
         * ids the peer offers that are not {@link SrtpProfile}s are never selected.
         *
         * @param inPreferenceOrder the profiles, most preferred first
         * @return this builder
         * @throws IllegalArgumentException if there are none or one is given twice
         * @throws NullPointerException if the array or a profile is null
         */
        public Builder srtpProfiles(SrtpProfile... inPreferenceOrder) {
            List<SrtpProfile> profiles = List.of(inPreferenceOrder);
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("at least one SRTP protection profile is needed");
            }
            if (Set.copyOf(profiles).size() != profiles.size()) {
                throw new IllegalArgumentException("an SRTP protection profile is given twice: " + profiles);
            }
            this.srtpProfiles = profiles;
            return this;
        }

        /**
         * Who receives state changes and application data.
         *
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How long the whole handshake may take before it fails with reason {@code TIMEOUT}.
         *
         * @return this builder
         * @throws IllegalArgumentException if not between 1 ms and {@code Integer.MAX_VALUE} ms
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = checkMillis(timeout);
            return this;
        }

        /**
         * How long to wait for the peer's answer before retransmitting a flight the first time;
         * BouncyCastle doubles it after each retransmission (RFC 6347 §4.2.4.1), up to 60 s. RFC
         * 6347 suggests 1 s; WebRTC can start lower because ICE has just measured the path.
         *
         * @return this builder
         * @throws IllegalArgumentException if not between 1 ms and {@code Integer.MAX_VALUE} ms
         */
        public Builder initialRetransmitTimeout(Duration timeout) {
            this.initialRetransmitTimeout = checkMillis(timeout);
            return this;
        }

        /**
         * How many received datagrams may wait for the transport's thread before
         * {@link #handleDatagram} drops.
         *
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder receiveQueueCapacity(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("queue capacity must be positive, not " + capacity);
            }
            this.receiveQueueCapacity = capacity;
            return this;
        }

        /**
         * Creates the transport in state {@link DtlsState#NEW}; nothing is sent before
         * {@link DtlsTransport#start()}.
         *
         * @return the transport
         * @throws DtlsException if no certificate was given and the shared one cannot be generated
         */
        public DtlsTransport build() {
            if (certificate == null) {
                certificate = DtlsCertificate.shared();
            }
            return new DtlsTransport(this);
        }

        private static Duration checkMillis(Duration timeout) {
            long millis = Objects.requireNonNull(timeout, "timeout").toMillis();
            if (millis < 1 || millis > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("timeout must be 1 ms to " + Integer.MAX_VALUE + " ms, not " + timeout);
            }
            return timeout;
        }
    }
}
