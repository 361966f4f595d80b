package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tributary.webrtc.FuzzBudget;
import java.util.Arrays;

/**
 * Arbitrary octets as SRTP/SRTCP to unprotect and as RTP/RTCP to protect. The first octet picks
 * the profile (low two bits) and the packet type (bit 2); the rest is the packet.
 *
 * <p>Properties: nothing throws; every result is a length within the buffer or a {@link
 * SrtpFailure} code; nothing unkeyed is accepted as authentic; and whatever a sender protects, a
 * receiver with the same keys unprotects back to the same octets.
 */
class SrtpSessionFuzzTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] SALT = new byte[14];

    @FuzzTest(maxDuration = FuzzBudget.MAX_DURATION)
    void fuzz(byte[] data) {
        if (data.length == 0) {
            return;
        }
        SrtpProfile profile = SrtpProfile.values()[data[0] & 3];
        boolean rtcp = (data[0] & 4) != 0;
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);

        byte[] received = packet.clone();
        int unprotected = rtcp
                ? session(profile).unprotectRtcp(received, 0, received.length)
                : session(profile).unprotectRtp(received, 0, received.length);
        assertThat(unprotected).as("a forged tag was accepted").isNegative();
        assertThat(SrtpFailure.of(unprotected)).isNotNull();

        int overhead = rtcp ? profile.rtcpOverhead() : profile.rtpOverhead();
        byte[] buf = Arrays.copyOf(packet, packet.length + overhead);
        int protectedLength = rtcp
                ? session(profile).protectRtcp(buf, 0, packet.length)
                : session(profile).protectRtp(buf, 0, packet.length);
        if (protectedLength < 0) {
            assertThat(SrtpFailure.of(protectedLength)).isEqualTo(SrtpFailure.MALFORMED);
            return;
        }
        assertThat(protectedLength).isEqualTo(buf.length);
        int length = rtcp
                ? session(profile).unprotectRtcp(buf, 0, protectedLength)
                : session(profile).unprotectRtp(buf, 0, protectedLength);
        assertThat(length).isEqualTo(packet.length);
        assertThat(Arrays.copyOf(buf, length)).isEqualTo(packet);
    }

    private static SrtpSession session(SrtpProfile profile) {
        return new SrtpSession(profile, Arrays.copyOf(KEY, profile.masterKeyLength()),
                Arrays.copyOf(SALT, profile.masterSaltLength()));
    }
}
