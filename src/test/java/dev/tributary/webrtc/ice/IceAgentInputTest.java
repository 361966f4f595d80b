package dev.tributary.webrtc.ice;

import static dev.tributary.webrtc.ice.IceTestbed.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ice.IceEvent.ConnectionStateChanged;
import dev.tributary.webrtc.ice.IceEvent.SelectedPairChanged;
import dev.tributary.webrtc.stun.StunAttribute;
import dev.tributary.webrtc.stun.StunAttribute.ErrorCode;
import dev.tributary.webrtc.stun.StunAttribute.IceControlled;
import dev.tributary.webrtc.stun.StunAttribute.IceControlling;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.Unknown;
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
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One agent fed by hand: what it answers, what it drops and counts, its timers. */
class IceAgentInputTest {

    static final InetSocketAddress BASE = address("198.51.100.2", 6000);
    static final InetSocketAddress PEER = address("192.0.2.1", 5000);
    static final IceCredentials LOCAL = new IceCredentials("srvr", "serverpasswordserverpw");
    static final IceCredentials REMOTE = new IceCredentials("clnt", "clientpasswordclientpw");
    static final long T0 = 5_000_000_000L;
    static final long MS = 1_000_000L;

    private final SplittableRandom random = new SplittableRandom(9);
    private long now = T0;

    private IceAgent agent(IceConfig config) {
        IceAgent agent = new IceAgent(config.withLocalCredentials(LOCAL), new SplittableRandom(1));
        agent.addLocalCandidate(now, IceCandidate.host(BASE, 65535), BASE);
        agent.endOfLocalCandidates(now);
        drainEvents(agent);
        return agent;
    }

    private static List<IceEvent> drainEvents(IceAgent agent) {
        List<IceEvent> events = new ArrayList<>();
        IceEvent e;
        while ((e = agent.pollEvent()) != null) {
            events.add(e);
        }
        return events;
    }

    private StunMessage check(String username, StunAttribute... more) {
        List<StunAttribute> attributes = new ArrayList<>();
        if (username != null) {
            attributes.add(new Username(username));
        }
        attributes.add(new Priority(1_853_824_767L));
        attributes.addAll(List.of(more));
        return StunMessage.request(StunMethod.BINDING, TransactionId.random(random), attributes);
    }

    private static byte[] signed(StunMessage message, String pwd) {
        return StunEncoder.PLAIN.withMessageIntegrity(StunCredentials.shortTermKey(pwd)).withFingerprint()
                .encode(message);
    }

    private static void receive(IceAgent agent, long at, byte[] datagram) {
        agent.handleStun(at, BASE, PEER, datagram, 0, datagram.length);
    }

    private StunMessage onlyResponse(IceAgent agent) {
        Transmit t = agent.pollTransmit();
        assertThat(t).isNotNull();
        assertThat(t.localBase()).isEqualTo(BASE);
        assertThat(t.destination()).isEqualTo(PEER);
        assertThat(agent.pollTransmit()).isNull();
        StunMessage response = StunMessage.parse(t.datagram());
        assertThat(response.hasValidFingerprint()).isTrue();
        return response;
    }

    private static int errorCode(StunMessage response) {
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        return response.attribute(ErrorCode.class).orElseThrow().code();
    }

    @Test
    void validCheckIsAnsweredWithTheSourceAddressSignedWithTheLocalPassword() {
        IceAgent lite = agent(IceConfig.lite());
        StunMessage request = check("srvr:anyone", new IceControlling(7));
        receive(lite, now, signed(request, LOCAL.pwd()));

        StunMessage response = onlyResponse(lite);
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(request.transactionId());
        assertThat(response.attribute(XorMappedAddress.class)).contains(new XorMappedAddress(PEER));
        assertThat(response.verifyIntegrity(StunCredentials.shortTermKey(LOCAL.pwd()))).isTrue();
        assertThat(lite.stats().checksReceived()).isEqualTo(1);
        assertThat(lite.stats().responsesSent()).isEqualTo(1);
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.CHECKING);
        assertThat(lite.selectedPair()).isEmpty();
    }

    @Test
    void liteSelectsTheHighestPriorityNominatedPair() {
        IceAgent lite = agent(IceConfig.lite());
        InetSocketAddress other = address("192.0.2.1", 5001);
        byte[] low = signed(StunMessage.request(StunMethod.BINDING, TransactionId.random(random), List.of(
                new Username("srvr:clnt"), new Priority(100), new IceControlling(7), new UseCandidate())), LOCAL.pwd());
        lite.handleStun(now, BASE, other, low, 0, low.length);
        receive(lite, now + MS, signed(check("srvr:clnt", new IceControlling(7), new UseCandidate()), LOCAL.pwd()));
        receive(lite, now + 2 * MS, signed(check("srvr:clnt", new IceControlling(7)), LOCAL.pwd()));

        IceCandidate host = IceCandidate.host(BASE, 65535);
        IceCandidate first = new IceCandidate("prflx1", 1, IceTransportProtocol.UDP, 100, "192.0.2.1", 5001,
                IceCandidateType.PRFLX, null, 0, null);
        IceCandidate second = new IceCandidate("prflx2", 1, IceTransportProtocol.UDP, 1_853_824_767L, "192.0.2.1",
                5000, IceCandidateType.PRFLX, null, 0, null);
        // Lite is controlled: the peer's candidate is G.
        assertThat(drainEvents(lite)).containsExactly(
                new ConnectionStateChanged(IceConnectionState.CHECKING),
                new SelectedPairChanged(new IceCandidatePair(host, first, BASE, other,
                        IcePriority.pairPriority(100, host.priority()))),
                new ConnectionStateChanged(IceConnectionState.CONNECTED),
                new SelectedPairChanged(new IceCandidatePair(host, second, BASE, PEER,
                        IcePriority.pairPriority(1_853_824_767L, host.priority()))));
        // The third check nominates nothing and leaves the selection alone.
        assertThat(lite.selectedPair().orElseThrow().remoteAddress()).isEqualTo(PEER);
        assertThat(lite.selectedPair().orElseThrow().remote().priority()).isEqualTo(1_853_824_767L);
    }

    @Test
    void requestsCanBeRoutedByTheirLocalUfrag() {
        byte[] request = signed(check("srvr:clnt"), LOCAL.pwd());
        assertThat(IceAgent.requestedUfrag(request, 0, request.length)).contains("srvr");
        byte[] noColon = signed(check("srvr"), LOCAL.pwd());
        assertThat(IceAgent.requestedUfrag(noColon, 0, noColon.length)).isEmpty();
        byte[] noUsername = signed(check(null), LOCAL.pwd());
        assertThat(IceAgent.requestedUfrag(noUsername, 0, noUsername.length)).isEmpty();
        byte[] response = signed(check("srvr:clnt").successResponse(List.of()), LOCAL.pwd());
        assertThat(IceAgent.requestedUfrag(response, 0, response.length)).isEmpty();
        assertThat(IceAgent.requestedUfrag(request, 0, request.length - 1)).isEmpty();
        byte[] padded = new byte[request.length + 7];
        System.arraycopy(request, 0, padded, 3, request.length);
        assertThat(IceAgent.requestedUfrag(padded, 3, request.length)).contains("srvr");
    }

    @Test
    void garbageIsCountedAndDropped() {
        IceAgent lite = agent(IceConfig.lite());
        byte[] valid = signed(check("srvr:clnt"), LOCAL.pwd());
        receive(lite, now, new byte[] {0x16, (byte) 0xfe, (byte) 0xfd, 0, 0});
        receive(lite, now, new byte[0]);
        for (int len = 0; len < valid.length; len++) {
            lite.handleStun(now, BASE, PEER, valid, 0, len);
        }
        byte[] badLength = valid.clone();
        badLength[3] += 4;
        receive(lite, now, badLength);

        assertThat(lite.stats().malformedPackets()).isEqualTo(3 + valid.length);
        assertThat(lite.pollTransmit()).isNull();
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.NEW);
        assertThat(drainEvents(lite)).isEmpty();
    }

    @Test
    void wrongUsernameGets401WithoutIntegrity() {
        IceAgent lite = agent(IceConfig.lite());
        receive(lite, now, signed(check("other:clnt"), LOCAL.pwd()));
        StunMessage response = onlyResponse(lite);
        assertThat(errorCode(response)).isEqualTo(401);
        assertThat(response.has(MessageIntegrity.class)).isFalse();

        receive(lite, now, signed(check("srvrclnt"), LOCAL.pwd()));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(401);
        // Any remote part passes until the peer's ufrag is known, then only that one.
        lite.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        receive(lite, now, signed(check("srvr:other"), LOCAL.pwd()));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(401);
        assertThat(lite.stats().unauthenticatedPackets()).isEqualTo(3);
        assertThat(lite.stats().errorResponsesSent()).isEqualTo(3);
        assertThat(lite.stats().checksReceived()).isZero();
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.NEW);
    }

    @Test
    void wrongPasswordGets401() {
        IceAgent lite = agent(IceConfig.lite());
        receive(lite, now, signed(check("srvr:clnt", new UseCandidate()), "notthepasswordnotthepw"));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(401);
        assertThat(lite.stats().unauthenticatedPackets()).isEqualTo(1);
        assertThat(lite.selectedPair()).isEmpty();
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.NEW);
    }

    @Test
    void missingUsernameOrIntegrityGets400() {
        IceAgent lite = agent(IceConfig.lite());
        receive(lite, now, signed(check(null), LOCAL.pwd()));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(400);
        receive(lite, now, StunEncoder.PLAIN.withFingerprint().encode(check("srvr:clnt")));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(400);
        assertThat(lite.stats().unauthenticatedPackets()).isEqualTo(2);
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.NEW);
    }

    @Test
    void missingOrWrongFingerprintIsDroppedSilently() {
        IceAgent lite = agent(IceConfig.lite());
        StunMessage request = check("srvr:clnt", new UseCandidate());
        receive(lite, now, StunEncoder.PLAIN.withMessageIntegrity(StunCredentials.shortTermKey(LOCAL.pwd()))
                .encode(request));
        byte[] badFingerprint = signed(request, LOCAL.pwd());
        badFingerprint[badFingerprint.length - 1] ^= 1;
        receive(lite, now, badFingerprint);

        assertThat(lite.pollTransmit()).isNull();
        assertThat(lite.stats().unauthenticatedPackets()).isEqualTo(2);
        assertThat(lite.selectedPair()).isEmpty();
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.NEW);
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        IceAgent lite = agent(IceConfig.lite());
        receive(lite, now, signed(check("srvr:clnt", new Unknown(0x7F01, new byte[] {1, 2, 3, 4})), LOCAL.pwd()));
        StunMessage response = onlyResponse(lite);
        assertThat(errorCode(response)).isEqualTo(420);
        assertThat(response.attribute(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x7F01)));
        assertThat(response.verifyIntegrity(StunCredentials.shortTermKey(LOCAL.pwd()))).isTrue();
    }

    @Test
    void strayResponsesAndOtherMethodsAreCountedAndDropped() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        StunMessage stray = check("clnt:srvr").successResponse(List.of(new XorMappedAddress(BASE)));
        receive(full, now, signed(stray, REMOTE.pwd()));
        receive(full, now, signed(StunMessage.request(StunMethod.ALLOCATE, TransactionId.random(random), List.of()),
                LOCAL.pwd()));
        assertThat(full.stats().unmatchedPackets()).isEqualTo(2);
        assertThat(full.pollTransmit()).isNull();
        assertThat(full.connectionState()).isEqualTo(IceConnectionState.NEW);
    }

    @Test
    void responsesMustBeSignedWithThePeersPasswordAndComeBackSymmetrically() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        full.addRemoteCandidate(now, IceCandidate.host(PEER, 65535));
        full.handleTimeout(now);
        StunMessage sent = StunMessage.parse(full.pollTransmit().datagram());
        assertThat(sent.attribute(Username.class)).contains(new Username("clnt:srvr"));
        assertThat(sent.verifyIntegrity(StunCredentials.shortTermKey(REMOTE.pwd()))).isTrue();

        StunMessage success = sent.successResponse(List.of(new XorMappedAddress(BASE)));
        // Signed with the wrong password: dropped, the transaction goes on.
        receive(full, now + MS, signed(success, LOCAL.pwd()));
        assertThat(full.stats().unauthenticatedPackets()).isEqualTo(1);
        // From another address: the pair fails (RFC 8445 §7.2.5.2.1).
        byte[] good = signed(success, REMOTE.pwd());
        full.handleStun(now + 2 * MS, BASE, address("192.0.2.1", 5999), good, 0, good.length);
        assertThat(full.stats().responsesReceived()).isEqualTo(1);
        assertThat(full.selectedPair()).isEmpty();
        // The same response again matches no transaction any more.
        receive(full, now + 3 * MS, good);
        assertThat(full.stats().unmatchedPackets()).isEqualTo(1);
    }

    /** Answers the agent's one pending check as the peer would, from the peer's address. */
    private StunMessage answerCheck(IceAgent full, long at) {
        full.handleTimeout(at);
        Transmit t = full.pollTransmit();
        StunMessage check = StunMessage.parse(t.datagram());
        byte[] response = signed(check.successResponse(List.of(new XorMappedAddress(BASE))), REMOTE.pwd());
        full.handleStun(at + MS, t.localBase(), t.destination(), response, 0, response.length);
        return check;
    }

    @Test
    void controllingAgentNominatesAValidPairWithASecondCheck() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        full.addRemoteCandidate(now, IceCandidate.host(PEER, 65535));

        StunMessage first = answerCheck(full, now);
        assertThat(first.has(UseCandidate.class)).isFalse();
        assertThat(first.has(IceControlling.class)).isTrue();
        assertThat(full.selectedPair()).isEmpty();
        // Regular nomination (RFC 8445 §8.1.1): the valid pair is checked again, with USE-CANDIDATE,
        // at the next Ta slot.
        assertThat(full.nextTimeout()).isEqualTo(now + 50 * MS);
        StunMessage second = answerCheck(full, now + 50 * MS);
        assertThat(second.has(UseCandidate.class)).isTrue();
        assertThat(full.selectedPair().orElseThrow().remoteAddress()).isEqualTo(PEER);
        assertThat(full.connectionState()).isEqualTo(IceConnectionState.CONNECTED);
        full.endOfRemoteCandidates(now + 60 * MS);
        assertThat(full.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    }

    @Test
    void controlledAgentAcceptsAggressiveNomination() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLED));
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        // The peer nominates on its very first check, before this agent checked the pair.
        receive(full, now, signed(check("srvr:clnt", new IceControlling(7), new UseCandidate()), LOCAL.pwd()));
        assertThat(onlyResponse(full).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(full.selectedPair()).isEmpty();

        // The triggered check succeeds: the pair is nominated and selected (RFC 8445 §7.3.1.5).
        StunMessage triggered = answerCheck(full, now);
        assertThat(triggered.has(IceControlled.class)).isTrue();
        assertThat(triggered.has(UseCandidate.class)).isFalse();
        IceCandidatePair selected = full.selectedPair().orElseThrow();
        assertThat(selected.remoteAddress()).isEqualTo(PEER);
        assertThat(selected.remote().type()).isEqualTo(IceCandidateType.PRFLX);

        // A later nomination of the now valid pair changes nothing.
        receive(full, now + 10 * MS, signed(check("srvr:clnt", new IceControlling(7), new UseCandidate()),
                LOCAL.pwd()));
        assertThat(drainEvents(full).stream().filter(e -> e instanceof SelectedPairChanged)).hasSize(1);
    }

    @Test
    void liteRejectsAPeerThatWantsToBeControlled() {
        IceAgent lite = agent(IceConfig.lite());
        receive(lite, now, signed(check("srvr:clnt", new IceControlled(0)), LOCAL.pwd()));
        assertThat(errorCode(onlyResponse(lite))).isEqualTo(487);
        assertThat(lite.role()).isEqualTo(IceRole.CONTROLLED);
        assertThat(lite.stats().roleConflicts()).isEqualTo(1);
    }

    @Test
    void controllingAgentComparesTieBreakers() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        // The smallest unsigned tie-breaker loses against any: the peer is told to switch.
        receive(full, now, signed(check("srvr:clnt", new IceControlling(0)), LOCAL.pwd()));
        assertThat(errorCode(onlyResponse(full))).isEqualTo(487);
        assertThat(full.role()).isEqualTo(IceRole.CONTROLLING);
        // The largest wins: this agent switches and answers.
        receive(full, now, signed(check("srvr:clnt", new IceControlling(-1)), LOCAL.pwd()));
        assertThat(onlyResponse(full).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(full.role()).isEqualTo(IceRole.CONTROLLED);
    }

    @Test
    void checksArePacedAndRetransmittedWithADoublingTimeout() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        for (int i = 0; i < 3; i++) {
            full.addRemoteCandidate(now, IceCandidate.host(address("203.0.113." + (i + 1), 7000 + i), 65535 - i));
        }
        List<Long> sendTimes = new ArrayList<>();
        Set<TransactionId> ids = new HashSet<>();
        while (full.nextTimeout() <= T0 + 60_000 * MS) {
            now = Math.max(now, full.nextTimeout());
            full.handleTimeout(now);
            Transmit t;
            while ((t = full.pollTransmit()) != null) {
                if (t.destination().getPort() == 7000) {
                    sendTimes.add((now - T0) / MS);
                }
                ids.add(StunMessage.parse(t.datagram()).transactionId());
            }
        }
        // Three foundations, so three checks 50 ms (Ta) apart; the first pair's RTO is
        // max(500 ms, 50 ms x 3 pairs waiting or in progress).
        assertThat(sendTimes).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(ids).hasSize(3);
        assertThat(full.stats().checksSent()).isEqualTo(3);
        assertThat(full.stats().transactionTimeouts()).isEqualTo(3);
        assertThat(full.connectionState()).isEqualTo(IceConnectionState.CHECKING);
        full.endOfRemoteCandidates(now);
        assertThat(full.connectionState()).isEqualTo(IceConnectionState.FAILED);
    }

    @Test
    void pairLimitHoldsAgainstThousandsOfCandidates() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        InetSocketAddress second = address("198.51.100.3", 6001);
        full.addLocalCandidate(now, IceCandidate.host(second, 65533), second);
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        for (int i = 0; i < 5000; i++) {
            long priority = IcePriority.candidatePriority(IceCandidateType.HOST, i % 65536, 1);
            full.addRemoteCandidate(now, new IceCandidate("f" + i, 1, IceTransportProtocol.UDP, priority,
                    "203.0.113." + (i % 250 + 1), 10_000 + i, IceCandidateType.HOST, null, 0, null));
        }
        assertThat(full.stats().remoteCandidatesIgnored()).isEqualTo(4900);
        // 100 remote candidates x 2 bases = 200 pairs, of which the best 100 are kept.
        assertThat(full.stats().candidatePairsDropped()).isEqualTo(100);

        Set<List<InetSocketAddress>> pairs = new HashSet<>();
        Set<InetSocketAddress> destinations = new HashSet<>();
        long until = now + 120_000 * MS;
        while (full.nextTimeout() <= until) {
            now = Math.max(now, full.nextTimeout());
            full.handleTimeout(now);
            Transmit t;
            while ((t = full.pollTransmit()) != null) {
                pairs.add(List.of(t.localBase(), t.destination()));
                destinations.add(t.destination());
            }
        }
        assertThat(full.stats().checksSent()).isEqualTo(100);
        assertThat(pairs).hasSize(100);
        // The kept pairs are the best ones: the 50 remote candidates of highest priority, from both bases.
        assertThat(destinations).hasSize(50).contains(address("203.0.113.100", 10_099), address("203.0.113.51", 10_050));

        // Checks from thousands of new addresses do not grow it either.
        IceAgent lite = agent(IceConfig.lite());
        for (int i = 0; i < 1000; i++) {
            byte[] request = signed(check("srvr:clnt"), LOCAL.pwd());
            lite.handleStun(now, BASE, address("203.0.113.9", 20_000 + i), request, 0, request.length);
        }
        assertThat(lite.stats().responsesSent()).isEqualTo(1000);
        assertThat(lite.stats().remoteCandidatesIgnored()).isEqualTo(900);
    }

    @Test
    void unusableRemoteCandidatesAreIgnoredWithoutError() {
        IceAgent full = agent(IceConfig.full(IceRole.CONTROLLING));
        full.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        full.addRemoteCandidate(now, new IceCandidate("1", 1, IceTransportProtocol.TCP, 1000, "192.0.2.1", 9,
                IceCandidateType.HOST, null, 0, IceTcpType.ACTIVE));
        full.addRemoteCandidate(now, new IceCandidate("1", 2, IceTransportProtocol.UDP, 1000, "192.0.2.1", 5001,
                IceCandidateType.HOST, null, 0, null));
        full.addRemoteCandidate(now, new IceCandidate("1", 1, IceTransportProtocol.UDP, 1000, "peer.example.com", 5001,
                IceCandidateType.HOST, null, 0, null));
        full.addRemoteCandidate(now, new IceCandidate("1", 1, IceTransportProtocol.UDP, 1000, "192.0.2.1", 0,
                IceCandidateType.HOST, null, 0, null));
        full.addRemoteCandidate(now, new IceCandidate("1", 1, IceTransportProtocol.UDP, 1000, "2001:db8::1", 5001,
                IceCandidateType.HOST, null, 0, null));
        assertThat(full.stats().remoteCandidatesIgnored()).isEqualTo(4);
        assertThat(full.stats().mdnsCandidatesIgnored()).isZero();
        // The IPv6 one is kept, but an IPv4 base does not pair with it.
        full.handleTimeout(now);
        assertThat(full.pollTransmit()).isNull();
    }

    @Test
    void programmingErrorsAreRejected() {
        IceAgent lite = agent(IceConfig.lite());
        IceCandidate srflx = new IceCandidate("1", 1, IceTransportProtocol.UDP, 1000, "203.0.113.1", 5000,
                IceCandidateType.SRFLX, "198.51.100.2", 6000, null);
        assertThatThrownBy(() -> lite.addLocalCandidate(now, srflx, BASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lite.restart(now, LOCAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lite.setRemoteCredentials(now, "a", "b")).isInstanceOf(IllegalArgumentException.class);
        lite.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        assertThatThrownBy(() -> lite.setRemoteCredentials(now, "clnt2", REMOTE.pwd()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] buf = new byte[10];
        assertThatThrownBy(() -> lite.handleStun(now, BASE, PEER, buf, 5, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A WHIP publisher that gets its answer and never sends a check must not keep a lite
     * server's session (and its socket) forever: the agent fails after RFC 8863's PAC time.
     */
    @Test
    void liteAgentThatNeverGetsACheckFailsAfterThePatientTimeout() {
        IceAgent lite = agent(IceConfig.lite());
        lite.setRemoteCredentials(now, REMOTE.ufrag(), REMOTE.pwd());
        long start = now;
        while (lite.connectionState() != IceConnectionState.FAILED && now - start < 120_000 * MS) {
            now = Math.max(now + MS, lite.nextTimeout());
            lite.handleTimeout(now);
        }
        assertThat(lite.connectionState()).isEqualTo(IceConnectionState.FAILED);
        assertThat(now - start).isBetween(39_000 * MS, 40_000 * MS);
        assertThat(lite.pollTransmit()).isNull();
    }
}
