package dev.tributary.webrtc.peer;

import dev.tributary.webrtc.dtls.DtlsCertificate;
import dev.tributary.webrtc.ice.IceConfig;
import dev.tributary.webrtc.ice.IceMode;
import dev.tributary.webrtc.interceptor.InterceptorConfig;
import dev.tributary.webrtc.udp.AddressFilter;
import dev.tributary.webrtc.udp.UdpSocketFactory;
import dev.tributary.webrtc.udp.UdpTransportFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * How a {@link RTCPeerConnection} behaves: W3C {@code RTCConfiguration} plus what a server needs
 * (ICE-lite, a shared UDP port, announced addresses). Start from {@link #builder()}.
 *
 * @param iceMode full ICE (a browser-like peer) or lite (a server with a public address; RFC 8445
 *     §2.5): a lite agent only answers checks, so it needs no STUN servers and never fails a
 *     check it did not send
 * @param udp opens each connection's UDP transport: sockets of its own per connection, or a
 *     registration on one shared port ({@code UdpMux})
 * @param stunServers STUN servers for server-reflexive candidates (full mode only)
 * @param announcedAddresses addresses to announce in host candidates instead of, or beside, the
 *     local interface addresses, for a server behind a 1:1 NAT or in a Kubernetes pod; empty to
 *     announce the interface addresses
 * @param keepInterfaceAddresses whether the interface addresses are announced too when
 *     announced addresses are given
 * @param certificate the DTLS certificate
 * @param capabilities the codecs and header extensions this side accepts
 * @param mdnsResolver resolves remote mDNS {@code .local} candidates from a cache, or null to
 *     ignore them (they are counted, never an error)
 * @param consentTimeout how long after the peer's last sign of life the connection fails (RFC
 *     7675 says 30 s); it is disconnected after the shorter of half this and the ICE agent's
 *     defaults (5 s full, 8 s lite)
 * @param interceptors adjusts the interceptor chain's settings (receiver reports, NACK, keyframe
 *     requests, transport-wide CC feedback) from {@link InterceptorConfig#defaults}
 * @param rtcpQueueCapacity RTCP compounds each receiver keeps for {@link RTCRtpReceiver#readRtcp}
 * @param iceCheckPacing the connectivity-check pacing (Ta) a full agent proposes, at least 5 ms
 *     (RFC 8445 §14.2; written as {@code a=ice-pacing} when not the default 50 ms). The agent
 *     paces at the larger of its own and the peer's proposal, a peer that proposes none (every
 *     ICE-lite server, every browser) counting as 50 ms: a smaller value speeds up only
 *     connections whose peer proposes one as small. A lite agent sends no checks and ignores it
 * @param random the source of ICE credentials, tie-breakers and SSRCs; a secure generator
 *     unless a test needs to repeat a run
 */
public record RTCConfiguration(IceMode iceMode, UdpTransportFactory udp, List<InetSocketAddress> stunServers,
        List<InetAddress> announcedAddresses, boolean keepInterfaceAddresses, DtlsCertificate certificate,
        RTCRtpCapabilities capabilities, Function<String, Optional<InetAddress>> mdnsResolver,
        Duration consentTimeout, UnaryOperator<InterceptorConfig> interceptors, int rtcpQueueCapacity,
        RandomGenerator random, Duration iceCheckPacing) {

    public RTCConfiguration {
        Objects.requireNonNull(iceMode, "iceMode");
        Objects.requireNonNull(udp, "udp");
        stunServers = List.copyOf(stunServers);
        announcedAddresses = List.copyOf(announcedAddresses);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(interceptors, "interceptors");
        if (consentTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("consentTimeout must be at least 1 s: " + consentTimeout);
        }
        if (rtcpQueueCapacity < 1) {
            throw new IllegalArgumentException("rtcpQueueCapacity must be positive: " + rtcpQueueCapacity);
        }
        if (iceCheckPacing.compareTo(Duration.ofMillis(5)) < 0) {
            throw new IllegalArgumentException("iceCheckPacing must be at least 5 ms: " + iceCheckPacing);
        }
    }

    /**
     * A builder with the defaults: full ICE, a UDP socket per connection on every usable interface,
     * no STUN server, the process's shared certificate, {@link RTCRtpCapabilities#defaults()}, mDNS
     * candidates ignored, a 30 s consent timeout, the default interceptors, 128 queued RTCP compounds per receiver, a {@link SecureRandom}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link RTCConfiguration}. */
    public static final class Builder {
        private IceMode iceMode = IceMode.FULL;
        private UdpTransportFactory udp;
        private List<InetSocketAddress> stunServers = List.of();
        private List<InetAddress> announcedAddresses = List.of();
        private boolean keepInterfaceAddresses;
        private DtlsCertificate certificate;
        private RTCRtpCapabilities capabilities;
        private Function<String, Optional<InetAddress>> mdnsResolver;
        private Duration consentTimeout = Duration.ofSeconds(30);
        private UnaryOperator<InterceptorConfig> interceptors = UnaryOperator.identity();
        private int rtcpQueueCapacity = 128;
        private RandomGenerator random;
        private Duration iceCheckPacing = IceConfig.DEFAULT_TA;

        private Builder() {}

        public Builder iceMode(IceMode iceMode) {
            this.iceMode = Objects.requireNonNull(iceMode, "iceMode");
            return this;
        }

        public Builder udp(UdpTransportFactory udp) {
            this.udp = Objects.requireNonNull(udp, "udp");
            return this;
        }

        public Builder stunServers(List<InetSocketAddress> stunServers) {
            this.stunServers = List.copyOf(stunServers);
            return this;
        }

        /**
         * @param addresses announced in host candidates with the local sockets' ports
         * @param keepInterfaceAddresses whether the interface addresses are announced as well
         */
        public Builder announcedAddresses(List<InetAddress> addresses, boolean keepInterfaceAddresses) {
            this.announcedAddresses = List.copyOf(addresses);
            this.keepInterfaceAddresses = keepInterfaceAddresses;
            return this;
        }

        public Builder certificate(DtlsCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        public Builder capabilities(RTCRtpCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
            return this;
        }

        public Builder mdnsResolver(Function<String, Optional<InetAddress>> mdnsResolver) {
            this.mdnsResolver = mdnsResolver;
            return this;
        }

        public Builder consentTimeout(Duration consentTimeout) {
            this.consentTimeout = Objects.requireNonNull(consentTimeout, "consentTimeout");
            return this;
        }

        public Builder interceptors(UnaryOperator<InterceptorConfig> interceptors) {
            this.interceptors = Objects.requireNonNull(interceptors, "interceptors");
            return this;
        }

        public Builder rtcpQueueCapacity(int rtcpQueueCapacity) {
            this.rtcpQueueCapacity = rtcpQueueCapacity;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder iceCheckPacing(Duration iceCheckPacing) {
            this.iceCheckPacing = Objects.requireNonNull(iceCheckPacing, "iceCheckPacing");
            return this;
        }

        public RTCConfiguration build() {
            return new RTCConfiguration(iceMode, udp != null ? udp : new UdpSocketFactory(AddressFilter.DEFAULT), stunServers,
                    announcedAddresses, keepInterfaceAddresses,
                    certificate != null ? certificate : DtlsCertificate.shared(),
                    capabilities != null ? capabilities : RTCRtpCapabilities.defaults(), mdnsResolver,
                    consentTimeout, interceptors, rtcpQueueCapacity, random != null ? random : new SecureRandom(),
                    iceCheckPacing);
        }
    }
}
