package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DtlsSrtpTest {

    /** Material whose four parts are filled with 1 (client key), 2, 3 (client salt) and 4. */
    private static byte[] material(SrtpProfile profile) {
        int key = profile.masterKeyLength();
        int salt = profile.masterSaltLength();
        byte[] material = new byte[profile.keyingMaterialLength()];
        Arrays.fill(material, 0, key, (byte) 1);
        Arrays.fill(material, key, 2 * key, (byte) 2);
        Arrays.fill(material, 2 * key, 2 * key + salt, (byte) 3);
        Arrays.fill(material, 2 * key + salt, material.length, (byte) 4);
        return material;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void clientAndServerSessionsFromTheSameMaterialAgree(SrtpProfile profile) {
        DtlsSrtp.Sessions client = DtlsSrtp.sessions(profile, material(profile),
                DtlsSrtp.Role.CLIENT);
        DtlsSrtp.Sessions server = DtlsSrtp.sessions(profile, material(profile),
                DtlsSrtp.Role.SERVER);

        assertDelivers(client.outbound(), server.inbound());
        assertDelivers(server.outbound(), client.inbound());
        byte[] own = protect(client.outbound(), 2);
        assertThat(client.inbound().unprotectRtp(own, 0, own.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theClientWritesWithTheClientKeyAndSalt(SrtpProfile profile) {
        DtlsSrtp.Sessions client = DtlsSrtp.sessions(profile, material(profile),
                DtlsSrtp.Role.CLIENT);
        SrtpSession clientWrite = new SrtpSession(profile,
                filled(profile.masterKeyLength(), 1), filled(profile.masterSaltLength(), 3));
        SrtpSession serverWrite = new SrtpSession(profile,
                filled(profile.masterKeyLength(), 2), filled(profile.masterSaltLength(), 4));

        assertThat(protect(client.outbound(), 1)).isEqualTo(protect(clientWrite, 1));
        assertDelivers(serverWrite, client.inbound());
    }

    @Test
    void keyingMaterialLengthsFollowRfc5764AndRfc7714() {
        assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(56);
        assertThat(SrtpProfile.SRTP_AEAD_AES_256_GCM.keyingMaterialLength()).isEqualTo(88);
        assertThat(DtlsSrtp.EXPORTER_LABEL).isEqualTo("EXTRACTOR-dtls_srtp");
    }

    @Test
    void materialOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> DtlsSrtp.sessions(SrtpProfile.SRTP_AEAD_AES_128_GCM,
                new byte[60], DtlsSrtp.Role.CLIENT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] protect(SrtpSession sender, int seq) {
        byte[] rtp = Packets.rtp(seq, 0xABCDEF01, 64);
        byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().rtpOverhead());
        assertThat(sender.protectRtp(buf, 0, rtp.length)).isEqualTo(buf.length);
        return buf;
    }

    private static void assertDelivers(SrtpSession sender, SrtpSession receiver) {
        byte[] rtp = Packets.rtp(1, 0xABCDEF01, 64);
        byte[] srtp = protect(sender, 1);
        assertThat(receiver.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(rtp.length);
        assertThat(Arrays.copyOf(srtp, rtp.length)).isEqualTo(rtp);

        byte[] rtcp = Packets.rtcp(0xABCDEF01);
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + sender.profile().rtcpOverhead());
        assertThat(sender.protectRtcp(buf, 0, rtcp.length)).isEqualTo(buf.length);
        assertThat(receiver.unprotectRtcp(buf, 0, buf.length)).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
    }
}
