package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {

    private static final int SSRC = 0x11223344;

    private static byte[] masterKey(SrtpProfile profile) {
        byte[] key = new byte[profile.masterKeyLength()];
        Arrays.fill(key, (byte) 0x5A);
        return key;
    }

    private static byte[] masterSalt(SrtpProfile profile) {
        byte[] salt = new byte[profile.masterSaltLength()];
        Arrays.fill(salt, (byte) 0xA5);
        return salt;
    }

    private static SrtpSession session(SrtpProfile profile) {
        return new SrtpSession(profile, masterKey(profile), masterSalt(profile));
    }

    /** Protects {@code rtp} with {@code sender} into a new array of the SRTP packet. */
    private static byte[] protect(SrtpSession sender, byte[] rtp) {
        byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().rtpOverhead());
        assertThat(sender.protectRtp(buf, 0, rtp.length)).isEqualTo(buf.length);
        return buf;
    }

    private static byte[] protectRtcp(SrtpSession sender, byte[] rtcp) {
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + sender.profile().rtcpOverhead());
        assertThat(sender.protectRtcp(buf, 0, rtcp.length)).isEqualTo(buf.length);
        return buf;
    }

    /** Unprotects a copy of {@code srtp}; asserts it yields {@code rtp}. */
    private static void assertUnprotects(SrtpSession receiver, byte[] srtp, byte[] rtp) {
        byte[] buf = srtp.clone();
        assertThat(receiver.unprotectRtp(buf, 0, buf.length)).isEqualTo(rtp.length);
        assertThat(Arrays.copyOf(buf, rtp.length)).isEqualTo(rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsWithCsrcsHeaderExtensionAndPadding(SrtpProfile profile) {
        byte[] rtp = Packets.rtp(7, SSRC, 3, 2, 4, 300);
        int header = 12 + 12 + 12;
        byte[] srtp = protect(session(profile), rtp);

        assertThat(Arrays.copyOf(srtp, header)).as("header stays in the clear")
                .isEqualTo(Arrays.copyOf(rtp, header));
        assertThat(Arrays.copyOfRange(srtp, header, rtp.length))
                .isNotEqualTo(Arrays.copyOfRange(rtp, header, rtp.length));
        assertUnprotects(session(profile), srtp, rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsAnEmptyPayloadAtAnOffsetWithoutTouchingNeighbours(SrtpProfile profile) {
        byte[] rtp = Packets.rtp(9, SSRC, 0);
        int off = 5;
        byte[] buf = new byte[off + rtp.length + profile.rtpOverhead() + 3];
        Arrays.fill(buf, (byte) 0x77);
        System.arraycopy(rtp, 0, buf, off, rtp.length);

        int srtpLength = session(profile).protectRtp(buf, off, rtp.length);
        int rtpLength = session(profile).unprotectRtp(buf, off, srtpLength);

        assertThat(srtpLength).isEqualTo(rtp.length + profile.rtpOverhead());
        assertThat(rtpLength).isEqualTo(rtp.length);
        assertThat(Arrays.copyOfRange(buf, off, off + rtp.length)).isEqualTo(rtp);
        assertThat(Arrays.copyOf(buf, off)).containsOnly(0x77);
        assertThat(Arrays.copyOfRange(buf, off + srtpLength, buf.length)).containsOnly(0x77);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tracksTheRolloverCounterAcrossTheWrapWithReordering(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        int[] sent = {65533, 65534, 65535, 0, 1, 2};
        byte[][] rtp = new byte[sent.length][];
        byte[][] srtp = new byte[sent.length][];
        for (int i = 0; i < sent.length; i++) {
            rtp[i] = Packets.rtp(sent[i], SSRC, 40);
            srtp[i] = protect(sender, rtp[i]);
        }

        for (int i : new int[] {0, 1, 3, 2, 4, 5}) {
            assertUnprotects(receiver, srtp[i], rtp[i]);
        }

        // Packet 2 after the wrap was protected with ROC 1: a receiver still at ROC 0 cannot
        // authenticate (AES-CM) or decrypt (GCM) it.
        SrtpSession fresh = session(profile);
        byte[] last = srtp[5].clone();
        assertThat(fresh.unprotectRtp(last, 0, last.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSenderKeepsItsRolloverCounterForLatePacketsFromBeforeTheWrap(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        byte[] first = Packets.rtp(65535, SSRC, 20);
        byte[] wrapped = Packets.rtp(0, SSRC, 20);
        byte[] late = Packets.rtp(65534, SSRC, 20);

        byte[] srtpFirst = protect(sender, first);
        byte[] srtpWrapped = protect(sender, wrapped);
        byte[] srtpLate = protect(sender, late);

        assertUnprotects(receiver, srtpFirst, first);
        assertUnprotects(receiver, srtpWrapped, wrapped);
        assertUnprotects(receiver, srtpLate, late);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRefusedAndCounted(SrtpProfile profile) {
        SrtpSession receiver = session(profile);
        byte[] rtp = Packets.rtp(100, SSRC, 50);
        byte[] srtp = protect(session(profile), rtp);
        assertUnprotects(receiver, srtp, rtp);

        byte[] again = srtp.clone();
        assertThat(receiver.unprotectRtp(again, 0, again.length))
                .isEqualTo(SrtpFailure.REPLAYED.code());
        assertThat(receiver.stats().replayed()).isEqualTo(1);
        assertThat(receiver.stats().rtpPackets()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aPacketOlderThanTheWindowIsRefusedAndOneJustInsideIsAccepted(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        byte[] tooOld = protect(sender, Packets.rtp(872, SSRC, 10));
        byte[] insideRtp = Packets.rtp(873, SSRC, 10);
        byte[] inside = protect(sender, insideRtp);
        byte[] newestRtp = Packets.rtp(1000, SSRC, 10);
        assertUnprotects(receiver, protect(sender, newestRtp), newestRtp);

        assertThat(receiver.unprotectRtp(tooOld, 0, tooOld.length))
                .isEqualTo(SrtpFailure.REPLAYED.code());
        assertUnprotects(receiver, inside, insideRtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingTheSameIndexTwiceIsRefused(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        protect(sender, Packets.rtp(5, SSRC, 10));
        byte[] buf = Arrays.copyOf(Packets.rtp(5, SSRC, 10), 22 + profile.rtpOverhead());

        assertThat(sender.protectRtp(buf, 0, 22)).isEqualTo(SrtpFailure.REPLAYED.code());
        assertThat(sender.stats().replayed()).isEqualTo(1);
        protect(sender, Packets.rtp(4, SSRC, 10));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyFlippedBitIsRefusedAndLeavesTheStateAsItWas(SrtpProfile profile) {
        SrtpSession receiver = session(profile);
        byte[] rtp = Packets.rtp(2000, SSRC, 30);
        byte[] srtp = protect(session(profile), rtp);

        int refused = 0;
        for (int bit = 0; bit < srtp.length * 8; bit++) {
            byte[] forged = srtp.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            byte[] received = forged.clone();
            int result = receiver.unprotectRtp(received, 0, received.length);
            assertThat(received).as("bit %d: buffer untouched", bit).isEqualTo(forged);
            if (bit >= 8) {
                assertThat(result).as("bit %d", bit)
                        .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
            } else {
                // Version, padding, extension and CSRC count: malformed or not authentic.
                assertThat(result).as("bit %d", bit).isIn(SrtpFailure.MALFORMED.code(),
                        SrtpFailure.AUTHENTICATION_FAILED.code());
            }
            refused++;
        }

        SrtpStats stats = receiver.stats();
        assertThat(stats.authenticationFailures() + stats.malformed()).isEqualTo(refused);
        assertThat(stats.rtpPackets()).isZero();
        assertUnprotects(receiver, srtp, rtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aForgedPacketDoesNotAdvanceTheReplayWindow(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        byte[] firstRtp = Packets.rtp(1000, SSRC, 10);
        byte[] oldRtp = Packets.rtp(950, SSRC, 10);
        byte[] srtpOld = protect(sender, oldRtp);
        assertUnprotects(receiver, protect(sender, firstRtp), firstRtp);
        byte[] forged = protect(sender, Packets.rtp(1200, SSRC, 10));
        forged[forged.length - 1] ^= 1;

        assertThat(receiver.unprotectRtp(forged, 0, forged.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
        // Had 1200 been accepted, 950 would now be 250 behind and too old.
        assertUnprotects(receiver, srtpOld, oldRtp);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyTruncationIsRefusedWithoutAnException(SrtpProfile profile) {
        byte[] srtp = protect(session(profile), Packets.rtp(3, SSRC, 1, 1, 0, 16));
        byte[] srtcp = protectRtcp(session(profile), Packets.rtcp(SSRC));
        SrtpSession receiver = session(profile);

        for (int length = 0; length < srtp.length; length++) {
            byte[] buf = srtp.clone();
            assertThat(receiver.unprotectRtp(buf, 0, length)).as("length %d", length)
                    .isIn(SrtpFailure.MALFORMED.code(), SrtpFailure.AUTHENTICATION_FAILED.code());
        }
        for (int length = 0; length < srtcp.length; length++) {
            byte[] buf = srtcp.clone();
            assertThat(receiver.unprotectRtcp(buf, 0, length)).as("length %d", length)
                    .isIn(SrtpFailure.MALFORMED.code(), SrtpFailure.AUTHENTICATION_FAILED.code());
        }
        assertThat(receiver.stats().rtpPackets() + receiver.stats().rtcpPackets()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void malformedPacketsAreRefusedBeforeAnyCryptography(SrtpProfile profile) {
        SrtpSession session = session(profile);
        byte[] wrongVersion = Packets.rtp(1, SSRC, 10);
        wrongVersion[0] = 0x40;
        byte[] extensionPastTheEnd = Packets.rtp(1, SSRC, 0, 1, 0, 0);
        extensionPastTheEnd[15] = 9;
        byte[] csrcsPastTheEnd = Packets.rtp(1, SSRC, 10);
        csrcsPastTheEnd[0] = (byte) 0x8F;
        byte[] rtcpWrongVersion = Packets.rtcp(SSRC);
        rtcpWrongVersion[0] = (byte) 0xC1;

        for (byte[] rtp : new byte[][] {wrongVersion, extensionPastTheEnd, csrcsPastTheEnd}) {
            byte[] buf = Arrays.copyOf(rtp, rtp.length + profile.rtpOverhead());
            assertThat(session.protectRtp(buf, 0, rtp.length))
                    .isEqualTo(SrtpFailure.MALFORMED.code());
        }
        byte[] rtcp = Arrays.copyOf(rtcpWrongVersion, 32 + profile.rtcpOverhead());
        assertThat(session.protectRtcp(rtcp, 0, 32)).isEqualTo(SrtpFailure.MALFORMED.code());
        assertThat(session.protectRtcp(new byte[7 + profile.rtcpOverhead()], 0, 7))
                .isEqualTo(SrtpFailure.MALFORMED.code());
        assertThat(session.stats().malformed()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpCarriesTheEFlagAndAnIndexCountingFromZero(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        byte[] rtcp = Packets.rtcp(SSRC);
        byte[][] srtcp = new byte[3][];
        int trailer = profile.rtpOverhead() == 16 ? 32 + 16 : 32;
        for (int i = 0; i < srtcp.length; i++) {
            srtcp[i] = protectRtcp(sender, rtcp);
            assertThat(Packets.getInt(srtcp[i], trailer)).isEqualTo(0x80000000 | i);
            assertThat(Arrays.copyOfRange(srtcp[i], 8, 32))
                    .isNotEqualTo(Arrays.copyOfRange(rtcp, 8, 32));
        }

        for (int i : new int[] {2, 0, 1}) {
            byte[] buf = srtcp[i].clone();
            assertThat(receiver.unprotectRtcp(buf, 0, buf.length)).isEqualTo(rtcp.length);
            assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
        }
        byte[] replay = srtcp[1].clone();
        assertThat(receiver.unprotectRtcp(replay, 0, replay.length))
                .isEqualTo(SrtpFailure.REPLAYED.code());
        assertThat(receiver.stats().rtcpPackets()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theEFlagAndTheIndexAreAuthenticated(SrtpProfile profile) {
        byte[] srtcp = protectRtcp(session(profile), Packets.rtcp(SSRC));
        int trailer = profile.rtpOverhead() == 16 ? 32 + 16 : 32;

        for (int flip : new int[] {0x80, 0x01}) {
            byte[] forged = srtcp.clone();
            forged[flip == 0x80 ? trailer : trailer + 3] ^= (byte) flip;
            assertThat(session(profile).unprotectRtcp(forged, 0, forged.length))
                    .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void anSrtcpIndexOlderThanTheWindowIsRefused(SrtpProfile profile) {
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        byte[] rtcp = Packets.rtcp(SSRC);
        byte[] first = protectRtcp(sender, rtcp);
        byte[] last = first;
        for (int i = 1; i <= 128; i++) {
            last = protectRtcp(sender, rtcp);
        }

        assertThat(receiver.unprotectRtcp(last, 0, last.length)).isEqualTo(rtcp.length);
        assertThat(receiver.unprotectRtcp(first, 0, first.length))
                .isEqualTo(SrtpFailure.REPLAYED.code());
    }

    @Test
    void unencryptedSrtcpWithAesCmIsVerifiedAndReturnedAsIs() {
        // RFC 3711 §3.4 with E = 0: RTCP | 0 || index | HMAC-SHA1-80 over both, built by hand.
        SrtpProfile profile = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
        byte[] rtcp = Packets.rtcp(SSRC);
        byte[] srtcp = Arrays.copyOf(rtcp, rtcp.length + 14);
        Packets.putInt(srtcp, rtcp.length, 7);
        byte[] authKey = KeyDerivation.derive(masterKey(profile), masterSalt(profile),
                KeyDerivation.SRTCP_AUTHENTICATION, 20);
        byte[] tag = new HmacSha1(authKey).mac(srtcp, 0, rtcp.length + 4, false, 0);
        System.arraycopy(tag, 0, srtcp, rtcp.length + 4, 10);

        int length = session(profile).unprotectRtcp(srtcp, 0, srtcp.length);

        assertThat(length).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(srtcp, length)).isEqualTo(rtcp);
    }

    @Test
    void newSsrcsBeyondTheLimitAreRefusedButForgedOnesTakeNoSlot() {
        SrtpProfile profile = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80;
        SrtpSession sender = new SrtpSession(profile, masterKey(profile), masterSalt(profile), 2);
        SrtpSession receiver = new SrtpSession(profile, masterKey(profile), masterSalt(profile), 1);
        byte[] one = protect(sender, Packets.rtp(1, 1, 10));
        byte[] two = protect(sender, Packets.rtp(1, 2, 10));
        byte[] three = Arrays.copyOf(Packets.rtp(1, 3, 10), 32);

        assertThat(sender.protectRtp(three, 0, 22)).isEqualTo(SrtpFailure.STREAM_LIMIT.code());
        assertThat(sender.stats().streamLimit()).isEqualTo(1);

        byte[] forged = one.clone();
        forged[20] ^= 1;
        assertThat(receiver.unprotectRtp(forged, 0, forged.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
        assertThat(receiver.unprotectRtp(two, 0, two.length)).isEqualTo(22);
        assertThat(receiver.unprotectRtp(one, 0, one.length))
                .isEqualTo(SrtpFailure.STREAM_LIMIT.code());
    }

    @Test
    void manySsrcsEachKeepTheirOwnState() {
        SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
        SrtpSession sender = session(profile);
        SrtpSession receiver = session(profile);
        for (int round = 0; round < 3; round++) {
            for (int ssrc = 0; ssrc < SrtpSession.DEFAULT_MAX_SSRCS; ssrc++) {
                byte[] rtp = Packets.rtp(65535 + round, ssrc * 0x01000193, 8);
                assertUnprotects(receiver, protect(sender, rtp), rtp);
            }
        }
        assertThat(receiver.stats().rtpPackets()).isEqualTo(3L * SrtpSession.DEFAULT_MAX_SSRCS);
    }

    @Test
    void anOversizedPacketIsMalformed() {
        SrtpSession session = session(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        byte[] huge = Packets.rtp(1, SSRC, SrtpSession.MAX_PACKET_LENGTH);

        assertThat(session.protectRtp(Arrays.copyOf(huge, huge.length + 10), 0, huge.length))
                .isEqualTo(SrtpFailure.MALFORMED.code());
    }

    @Test
    void argumentsOutsideTheBufferAreProgrammingErrors() {
        SrtpSession session = session(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        byte[] buf = new byte[40];

        assertThatThrownBy(() -> session.protectRtp(buf, 0, 31))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.unprotectRtp(buf, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.unprotectRtcp(buf, 10, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.protectRtcp(buf, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.unprotectRtp(null, 0, 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void keysOfTheWrongLengthAreRejected() {
        SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_256_GCM;

        assertThatThrownBy(() -> new SrtpSession(profile, new byte[16], new byte[12]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpSession(profile, new byte[32], new byte[14]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpSession(profile, new byte[32], new byte[12], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
