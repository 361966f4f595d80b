package dev.tributary.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.stun.StunAttribute.ChannelNumber;
import dev.tributary.webrtc.stun.StunAttribute.Data;
import dev.tributary.webrtc.stun.StunAttribute.DontFragment;
import dev.tributary.webrtc.stun.StunAttribute.ErrorCode;
import dev.tributary.webrtc.stun.StunAttribute.EvenPort;
import dev.tributary.webrtc.stun.StunAttribute.Fingerprint;
import dev.tributary.webrtc.stun.StunAttribute.IceControlled;
import dev.tributary.webrtc.stun.StunAttribute.IceControlling;
import dev.tributary.webrtc.stun.StunAttribute.Lifetime;
import dev.tributary.webrtc.stun.StunAttribute.MappedAddress;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegrity;
import dev.tributary.webrtc.stun.StunAttribute.MessageIntegritySha256;
import dev.tributary.webrtc.stun.StunAttribute.Nonce;
import dev.tributary.webrtc.stun.StunAttribute.PasswordAlgorithm;
import dev.tributary.webrtc.stun.StunAttribute.PasswordAlgorithms;
import dev.tributary.webrtc.stun.StunAttribute.Priority;
import dev.tributary.webrtc.stun.StunAttribute.Realm;
import dev.tributary.webrtc.stun.StunAttribute.RequestedTransport;
import dev.tributary.webrtc.stun.StunAttribute.ReservationToken;
import dev.tributary.webrtc.stun.StunAttribute.Software;
import dev.tributary.webrtc.stun.StunAttribute.Unknown;
import dev.tributary.webrtc.stun.StunAttribute.UnknownAttributes;
import dev.tributary.webrtc.stun.StunAttribute.UseCandidate;
import dev.tributary.webrtc.stun.StunAttribute.Username;
import dev.tributary.webrtc.stun.StunAttribute.XorMappedAddress;
import dev.tributary.webrtc.stun.StunAttribute.XorPeerAddress;
import dev.tributary.webrtc.stun.StunAttribute.XorRelayedAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageTest {

    private static final TransactionId ID = TransactionId.ofHex("0102030405060708090a0b0c");

    static InetSocketAddress address(String hexIp, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Rfc5769.hex(hexIp)), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---- message type -------------------------------------------------------------------------

    @Test
    void messageTypeInterleavesClassAndMethodBits() {
        record Case(StunClass c, StunMethod m, int type) {}
        for (Case k : List.of(
                new Case(StunClass.REQUEST, StunMethod.BINDING, 0x0001),
                new Case(StunClass.INDICATION, StunMethod.BINDING, 0x0011),
                new Case(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, 0x0101),
                new Case(StunClass.ERROR_RESPONSE, StunMethod.BINDING, 0x0111),
                new Case(StunClass.REQUEST, StunMethod.ALLOCATE, 0x0003),
                new Case(StunClass.ERROR_RESPONSE, StunMethod.ALLOCATE, 0x0113),
                new Case(StunClass.SUCCESS_RESPONSE, StunMethod.REFRESH, 0x0104),
                new Case(StunClass.INDICATION, StunMethod.SEND, 0x0016),
                new Case(StunClass.INDICATION, StunMethod.DATA, 0x0017),
                new Case(StunClass.REQUEST, StunMethod.CREATE_PERMISSION, 0x0008),
                new Case(StunClass.SUCCESS_RESPONSE, StunMethod.CHANNEL_BIND, 0x0109),
                new Case(StunClass.ERROR_RESPONSE, new StunMethod(0xFFF), 0x3FFF),
                new Case(StunClass.REQUEST, new StunMethod(0x0B5), 0x0265),
                new Case(StunClass.SUCCESS_RESPONSE, new StunMethod(0x080), 0x0300))) {
            byte[] bytes = new StunMessage(k.c(), k.m(), ID, List.of()).encode();
            assertThat(Bytes.u16(bytes, 0)).as("%s %s", k.m(), k.c()).isEqualTo(k.type());

            StunMessage parsed = StunMessage.parse(bytes);
            assertThat(parsed.messageClass()).isEqualTo(k.c());
            assertThat(parsed.method()).isEqualTo(k.m());
        }
    }

    @Test
    void headerIsTypeLengthCookieAndTransactionId() {
        byte[] bytes = StunMessage.request(StunMethod.BINDING, ID, List.of(new UseCandidate())).encode();

        assertThat(bytes).isEqualTo(Rfc5769.hex("0001 0004 2112a442 0102030405060708090a0b0c 0025 0000"));
    }

    // ---- attributes ---------------------------------------------------------------------------

    static Stream<StunAttribute> everyAttribute() {
        InetSocketAddress v4 = address("c0000201", 32853);
        InetSocketAddress v6 = address("20010db8000000000000000000000001", 3478);
        return Stream.of(
                new MappedAddress(v4), new MappedAddress(v6),
                new XorMappedAddress(v4), new XorMappedAddress(v6),
                new XorPeerAddress(address("0a000001", 0)), new XorPeerAddress(v6),
                new XorRelayedAddress(address("cb007107", 65535)), new XorRelayedAddress(v6),
                new Username("alice:bob"), new Username(""), new Username("\u30DE\u30C8\u30EA"),
                new Realm("example.org"), new Nonce("f//499k954d6OL34oL9FSTvy64sA"), new Software("Tributary"),
                new MessageIntegrity(new byte[20]),
                new MessageIntegritySha256(new byte[32]), new MessageIntegritySha256(new byte[16]),
                new Fingerprint(0xe57a3bcf),
                ErrorCode.of(ErrorCode.UNAUTHENTICATED), new ErrorCode(699, "x"), new ErrorCode(300, ""),
                new UnknownAttributes(List.of(0x0031, 0x7fff)), new UnknownAttributes(List.of(0x0031)),
                PasswordAlgorithm.of(PasswordAlgorithm.SHA256),
                new PasswordAlgorithm(7, new byte[] {1, 2, 3}),
                new PasswordAlgorithms(List.of(
                        PasswordAlgorithm.of(PasswordAlgorithm.MD5), new PasswordAlgorithm(9, new byte[] {5}),
                        PasswordAlgorithm.of(PasswordAlgorithm.SHA256))),
                new Priority(0), new Priority(0xFFFF_FFFFL), new Priority(0x6e0001ffL),
                new UseCandidate(),
                new IceControlled(-1L), new IceControlling(0x932ff9b151263b36L),
                new ChannelNumber(0x4000), new Lifetime(600), new Lifetime(0xFFFF_FFFFL),
                new Data(new byte[0]), new Data(new byte[] {1, 2, 3, 4, 5}),
                new EvenPort(true), new EvenPort(false),
                new RequestedTransport(RequestedTransport.UDP), new DontFragment(),
                new ReservationToken(0x0102030405060708L),
                new Unknown(0xC057, new byte[] {0, 1, 0, 10}), new Unknown(0x7001, new byte[3]));
    }

    @ParameterizedTest
    @MethodSource("everyAttribute")
    void everyAttributeRoundTrips(StunAttribute attribute) {
        StunMessage m = StunMessage.indication(StunMethod.BINDING, ID, List.of(attribute));

        byte[] bytes = m.encode();
        StunMessage parsed = StunMessage.parse(bytes);

        assertThat(parsed).isEqualTo(m);
        assertThat(parsed.attributes()).containsExactly(attribute);
        assertThat(Bytes.u16(bytes, 20)).isEqualTo(attribute.type());
        assertThat(bytes.length % 4).isZero();
        assertThat(parsed.encode()).isEqualTo(bytes);
    }

    @Test
    void attributeValuesAreWrittenAsTheRfcsSay() {
        record Case(StunAttribute attribute, String hex) {}
        for (Case k : List.of(
                new Case(new Priority(0x6e0001ffL), "0024 0004 6e0001ff"),
                new Case(new IceControlling(0x0102030405060708L), "802a 0008 0102030405060708"),
                new Case(new ChannelNumber(0x4001), "000c 0004 4001 0000"),
                new Case(new Lifetime(600), "000d 0004 00000258"),
                new Case(new RequestedTransport(17), "0019 0004 11000000"),
                new Case(new EvenPort(true), "0018 0001 80 000000"),
                new Case(new DontFragment(), "001a 0000"),
                new Case(new Data(new byte[] {9, 8, 7}), "0013 0003 090807 00"),
                new Case(new ErrorCode(487, "Role Conflict"), "0009 0011 00000457 526f6c6520436f6e666c696374 000000"),
                new Case(new UnknownAttributes(List.of(0x0031, 0x0032, 0x0033)), "000a 0006 0031 0032 0033 0000"),
                new Case(PasswordAlgorithm.of(2), "001d 0004 0002 0000"),
                new Case(new PasswordAlgorithms(List.of(new PasswordAlgorithm(9, new byte[] {5}), PasswordAlgorithm.of(1))),
                        "8002 000c 0009 0001 05000000 0001 0000"),
                new Case(new MappedAddress(address("c0000201", 32853)), "0001 0008 0001 8055 c0000201"),
                // RFC 5769 §2.2: the same address XORed with the magic cookie.
                new Case(new XorMappedAddress(address("c0000201", 32853)), "0020 0008 0001 a147 e112a643"))) {
            byte[] bytes = StunMessage.indication(StunMethod.BINDING, ID, List.of(k.attribute())).encode();
            assertThat(Arrays.copyOfRange(bytes, 20, bytes.length)).as("%s", k.attribute()).isEqualTo(Rfc5769.hex(k.hex()));
        }
    }

    @Test
    void ipv4MappedIpv6AddressKeepsItsFamily() {
        InetSocketAddress mapped = address("00000000000000000000ffffc0000201", 9);
        assertThat(mapped.getAddress()).isNotInstanceOf(Inet6Address.class); // the JDK folds it to IPv4...

        byte[] bytes = Rfc5769.hex("0001 0018 2112a442 0102030405060708090a0b0c"
                + "0001 0014 0002 0009 00000000000000000000ffffc0000201");
        StunMessage parsed = StunMessage.parse(bytes);
        InetSocketAddress address = parsed.attribute(MappedAddress.class).orElseThrow().address();

        assertThat(address.getAddress()).isInstanceOf(Inet6Address.class); // ...the parser does not
        assertThat(parsed.encode()).isEqualTo(bytes);
    }

    @Test
    void unknownAttributesAreKeptAndWrittenBack() {
        byte[] bytes = Rfc5769.hex("0001 0018 2112a442 0102030405060708090a0b0c"
                + "c057 0004 00010032" // GOOG-NETWORK-INFO, comprehension-optional
                + "0031 0001 ff000000" // unknown, comprehension-required
                + "0006 0001 61000000");
        StunMessage m = StunMessage.parse(bytes);

        assertThat(m.attributes()).containsExactly(
                new Unknown(0xC057, Rfc5769.hex("00010032")), new Unknown(0x0031, new byte[] {-1}), new Username("a"));
        assertThat(m.unknownComprehensionRequired()).containsExactly(0x0031);
        assertThat(m.encode()).isEqualTo(bytes);
    }

    @Test
    void unknownRecordRefusesTypesThatHaveARecord() {
        assertThatThrownBy(() -> new Unknown(AttributeType.USERNAME, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstOfDuplicateAttributesIsTheOneFound() {
        StunMessage m = StunMessage.request(StunMethod.BINDING, ID, List.of(new Username("first"), new Username("second")));

        assertThat(m.attribute(Username.class)).contains(new Username("first"));
        assertThat(m.has(Priority.class)).isFalse();
    }

    // ---- ICE ----------------------------------------------------------------------------------

    @Test
    void iceBindingRequestAndResponseRoundTripWithCredentials() {
        byte[] remoteKey = StunCredentials.shortTermKey("remote-password-0123456789");
        byte[] localKey = StunCredentials.shortTermKey("local-password-0123456789");
        TransactionId id = TransactionId.random(new SplittableRandom(7));
        StunMessage check = StunMessage.request(StunMethod.BINDING, id, List.of(
                new Username("RFRG:LFRG"), new Priority(1853824767L), new IceControlling(0x1122334455667788L),
                new UseCandidate()));

        byte[] wire = StunEncoder.PLAIN.withMessageIntegrity(remoteKey).withFingerprint().encode(check);
        assertThat(StunMessage.isStun(wire, 0, wire.length)).isTrue();

        StunMessage received = StunMessage.parse(wire);
        assertThat(received.verifyIntegrity(remoteKey)).isTrue();
        assertThat(received.verifyIntegrity(localKey)).isFalse();
        assertThat(received.hasValidFingerprint()).isTrue();
        assertThat(received.attributes()).startsWith(check.attributes().toArray(StunAttribute[]::new));
        assertThat(received.attribute(IceControlling.class).orElseThrow().tieBreaker()).isEqualTo(0x1122334455667788L);
        assertThat(received.has(UseCandidate.class)).isTrue();

        InetSocketAddress from = address("c0a80102", 50000);
        StunMessage response = received.successResponse(List.of(new XorMappedAddress(from)));
        byte[] responseWire = StunEncoder.PLAIN.withMessageIntegrity(remoteKey).withFingerprint().encode(response);
        StunMessage answer = StunMessage.parse(responseWire);

        assertThat(answer.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(answer.transactionId()).isEqualTo(id);
        assertThat(answer.verifyIntegrity(remoteKey)).isTrue();
        assertThat(answer.hasValidFingerprint()).isTrue();
        assertThat(answer.attribute(XorMappedAddress.class).orElseThrow().address()).isEqualTo(from);
    }

    @Test
    void roleConflictErrorResponse() {
        StunMessage request = StunMessage.request(StunMethod.BINDING, ID, List.of(new IceControlling(5)));
        StunMessage error = request.errorResponse(ErrorCode.of(ErrorCode.ROLE_CONFLICT), List.of());

        StunMessage parsed = StunMessage.parse(error.encode());

        assertThat(parsed.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        ErrorCode code = parsed.attribute(ErrorCode.class).orElseThrow();
        assertThat(code.code()).isEqualTo(487);
        assertThat(code.errorClass()).isEqualTo(4);
        assertThat(code.number()).isEqualTo(87);
        assertThat(code.reason()).isEqualTo("Role Conflict");
    }

    @Test
    void unauthenticatedErrorResponseCarriesRealmAndNonce() {
        StunMessage allocate = StunMessage.request(StunMethod.ALLOCATE, ID, List.of(new RequestedTransport(17)));
        StunMessage error = allocate.errorResponse(ErrorCode.of(ErrorCode.UNAUTHENTICATED),
                List.of(new Realm("example.org"), new Nonce("abcd"), new PasswordAlgorithms(List.of(
                        PasswordAlgorithm.of(PasswordAlgorithm.SHA256), PasswordAlgorithm.of(PasswordAlgorithm.MD5)))));

        byte[] bytes = error.encode();
        StunMessage parsed = StunMessage.parse(bytes);

        assertThat(Bytes.u16(bytes, 0)).isEqualTo(0x0113);
        assertThat(parsed).isEqualTo(error);
        assertThat(parsed.attribute(ErrorCode.class)).contains(new ErrorCode(401, "Unauthenticated"));
        assertThat(parsed.attribute(Realm.class)).contains(new Realm("example.org"));
        assertThat(parsed.attribute(Nonce.class)).contains(new Nonce("abcd"));
    }

    @Test
    void unknownAttributeErrorResponseListsTheUnknownTypes() {
        byte[] request = Rfc5769.hex("0001 0010 2112a442 0102030405060708090a0b0c"
                + "0031 0000" + "8123 0000" + "0032 0002 abcd0000");
        StunMessage received = StunMessage.parse(request);

        StunMessage error = received.errorResponse(ErrorCode.of(ErrorCode.UNKNOWN_ATTRIBUTE),
                List.of(new UnknownAttributes(received.unknownComprehensionRequired())));
        byte[] bytes = error.encode();

        assertThat(Arrays.copyOfRange(bytes, 20, bytes.length)).isEqualTo(Rfc5769.hex(
                "0009 0015 00000414 556e6b6e6f776e20417474726962757465 000000" + "000a 0004 0031 0032"));
    }

    @Test
    void successResponseNeedsARequest() {
        StunMessage indication = StunMessage.indication(StunMethod.BINDING, ID, List.of());

        assertThatThrownBy(() -> indication.successResponse(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- integrity ----------------------------------------------------------------------------

    @Test
    void sha256IntegrityIsPreferredWhenBothArePresent() {
        byte[] key = StunCredentials.shortTermKey("pass");
        byte[] other = StunCredentials.shortTermKey("other");
        StunMessage m = StunMessage.request(StunMethod.BINDING, ID, List.of(new Username("u")));

        byte[] both = StunEncoder.PLAIN.withMessageIntegrity(other).withMessageIntegritySha256(key)
                .withFingerprint().encode(m);
        StunMessage parsed = StunMessage.parse(both);

        assertThat(parsed.attributes()).hasSize(4);
        assertThat(parsed.attributes().get(1)).isInstanceOf(MessageIntegrity.class);
        assertThat(parsed.attributes().get(2)).isInstanceOf(MessageIntegritySha256.class);
        assertThat(parsed.verifyIntegrity(key)).isTrue();
        assertThat(parsed.verifyIntegrity(other)).isFalse();
        assertThat(parsed.hasValidFingerprint()).isTrue();
    }

    @Test
    void truncatedSha256IntegrityVerifiesOnItsLength() {
        byte[] key = StunCredentials.shortTermKey("pass");
        byte[] full = StunEncoder.PLAIN.withMessageIntegritySha256(key)
                .encode(StunMessage.request(StunMethod.BINDING, ID, List.of(new Username("u"))));
        // Cut the 32-byte HMAC to 16 bytes and fix the lengths: the first 16 bytes of the HMAC
        // over the new header are what a sender truncating to 16 would send.
        byte[] truncated = Arrays.copyOf(full, full.length - 16);
        truncated[3] = (byte) (truncated.length - 20);
        truncated[truncated.length - 17] = 16;
        byte[] hmac = Integrity.hmac(Integrity.key(key, Integrity.HMAC_SHA256), truncated, truncated.length - 20, 16);
        System.arraycopy(hmac, 0, truncated, truncated.length - 16, 16);

        StunMessage parsed = StunMessage.parse(truncated);

        assertThat(parsed.attribute(MessageIntegritySha256.class).orElseThrow().hmac()).hasSize(16);
        assertThat(parsed.verifyIntegrity(key)).isTrue();
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() {
        byte[] key = StunCredentials.shortTermKey("pass");
        byte[] signed = StunEncoder.PLAIN.withMessageIntegrity(key)
                .encode(StunMessage.request(StunMethod.BINDING, ID, List.of(new Username("u"))));
        // An attacker appends PRIORITY and fixes the length: integrity still holds over what it
        // covers, and the appended attribute must not show up in the model.
        byte[] tampered = Arrays.copyOf(signed, signed.length + 8);
        System.arraycopy(Rfc5769.hex("0024 0004 7fffffff"), 0, tampered, signed.length, 8);
        tampered[3] = (byte) (tampered.length - 20);

        StunMessage parsed = StunMessage.parse(tampered);

        assertThat(parsed.has(Priority.class)).isFalse();
        assertThat(parsed.attributes()).hasSize(2);
        assertThat(parsed.verifyIntegrity(key)).isTrue();
    }

    @Test
    void attributesAfterFingerprintAreIgnored() {
        byte[] signed = StunEncoder.PLAIN.withFingerprint()
                .encode(StunMessage.request(StunMethod.BINDING, ID, List.of(new Username("u"))));
        byte[] extended = Arrays.copyOf(signed, signed.length + 4);
        System.arraycopy(Rfc5769.hex("0025 0000"), 0, extended, signed.length, 4);
        extended[3] = (byte) (extended.length - 20);

        StunMessage parsed = StunMessage.parse(extended);

        assertThat(parsed.attributes()).containsExactly(
                new Username("u"), new Fingerprint(Bytes.i32(signed, signed.length - 4)));
        assertThat(parsed.hasValidFingerprint()).isTrue();
    }

    @Test
    void messageWithoutIntegrityOrFingerprintFailsBothChecks() {
        StunMessage parsed = StunMessage.parse(StunMessage.request(StunMethod.BINDING, ID, List.of()).encode());

        assertThat(parsed.verifyIntegrity(new byte[] {1})).isFalse();
        assertThat(parsed.hasValidFingerprint()).isFalse();
    }

    @Test
    void builtMessageIsCheckedThroughItsEncoding() {
        StunMessage received = StunMessage.parse(Rfc5769.SAMPLE_REQUEST);
        StunMessage rebuilt = new StunMessage(received.messageClass(), received.method(), received.transactionId(),
                received.attributes());
        byte[] key = StunCredentials.shortTermKey(Rfc5769.SHORT_TERM_PASSWORD);

        // The zero padding of the plain encoding differs from the vector's spaces, so the
        // carried HMAC and CRC no longer match.
        assertThat(rebuilt).isEqualTo(received);
        assertThat(rebuilt.verifyIntegrity(key)).isFalse();
        assertThat(rebuilt.hasValidFingerprint()).isFalse();

        StunMessage longTerm = StunMessage.parse(Rfc5769.LONG_TERM_REQUEST);
        StunMessage zeroPadded = new StunMessage(longTerm.messageClass(), longTerm.method(), longTerm.transactionId(),
                longTerm.attributes());
        assertThat(zeroPadded.verifyIntegrity(StunCredentials.longTermKey(
                Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM, "TheMatrIX"))).isTrue();
    }

    @Test
    void encoderRefusesToAddIntegrityTwice() {
        StunMessage parsed = StunMessage.parse(Rfc5769.SAMPLE_REQUEST);

        assertThatThrownBy(() -> StunEncoder.PLAIN.withFingerprint().encode(parsed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributeOrderAfterIntegrityIsEnforcedOnBuiltMessages() {
        MessageIntegrity mi = new MessageIntegrity(new byte[20]);
        Fingerprint fp = new Fingerprint(0);

        assertThatThrownBy(() -> StunMessage.request(StunMethod.BINDING, ID, List.of(mi, new Username("u"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessage.request(StunMethod.BINDING, ID, List.of(fp, mi)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunMessage.request(StunMethod.BINDING, ID, List.of(mi, mi)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StunMessage.request(StunMethod.BINDING, ID,
                List.of(new Username("u"), mi, new MessageIntegritySha256(new byte[32]), fp)).attributes()).hasSize(4);
    }

    @Test
    void tooLargeMessageIsRefused() {
        List<StunAttribute> big = List.of(new Data(new byte[40_000]), new Data(new byte[40_000]));

        assertThatThrownBy(() -> StunMessage.indication(StunMethod.SEND, ID, big).encode())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- classifier ---------------------------------------------------------------------------

    @Test
    void isStunRecognisesStunAndNothingElse() {
        byte[] stun = Rfc5769.SAMPLE_REQUEST;
        byte[] inBiggerBuffer = new byte[stun.length + 10];
        System.arraycopy(stun, 0, inBiggerBuffer, 5, stun.length);

        assertThat(StunMessage.isStun(stun, 0, stun.length)).isTrue();
        assertThat(StunMessage.isStun(inBiggerBuffer, 5, stun.length)).isTrue();
        assertThat(StunMessage.isStun(stun, 0, stun.length - 4)).isFalse(); // length mismatch
        assertThat(StunMessage.isStun(stun, 0, 19)).isFalse();
        byte[] dtls = stun.clone();
        dtls[0] = 22; // DTLS handshake, RFC 7983
        assertThat(StunMessage.isStun(dtls, 0, dtls.length)).isFalse();
        byte[] rtp = stun.clone();
        rtp[0] = (byte) 0x80;
        assertThat(StunMessage.isStun(rtp, 0, rtp.length)).isFalse();
        byte[] noCookie = stun.clone();
        noCookie[7] ^= 1;
        assertThat(StunMessage.isStun(noCookie, 0, noCookie.length)).isFalse();
        assertThatThrownBy(() -> StunMessage.isStun(stun, 1, stun.length)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- transaction id -----------------------------------------------------------------------

    @Test
    void transactionIdBytesAndHexRoundTrip() {
        TransactionId id = TransactionId.of(Rfc5769.hex("b7e7a701bc34d686fa87dfae"));

        assertThat(id.high()).isEqualTo(0xb7e7a701bc34d686L);
        assertThat(id.low()).isEqualTo(0xfa87dfae);
        assertThat(id.toBytes()).isEqualTo(Rfc5769.hex("b7e7a701bc34d686fa87dfae"));
        assertThat(id).hasToString("b7e7a701bc34d686fa87dfae");
        assertThat(TransactionId.random(new SplittableRandom(1))).isNotEqualTo(TransactionId.random(new SplittableRandom(2)));
        assertThatThrownBy(() -> TransactionId.of(new byte[11])).isInstanceOf(IllegalArgumentException.class);
    }
}
