package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.webrtc.srtp.SrtpProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakePolicyTest {

    private static final HandshakePolicy POLICY = new HandshakePolicy(DtlsRole.SERVER, Peers.SERVER_CERTIFICATE,
            List.of(Peers.CLIENT_CERTIFICATE.fingerprint()),
            List.of(SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80), 1000, 100);

    @Test
    void theUseSrtpExtensionCarriesTheIanaIdsInPreferenceOrder() {
        assertThat(POLICY.srtpProfileIds()).containsExactly(0x0007, 0x0001);
    }

    @Test
    void theServerPicksItsMostPreferredProfileAndSkipsIdsItDoesNotKnow() {
        assertThat(POLICY.choose(new int[] {0x0005, 0x0001, 0xFFFF, 0x0007})).isEqualTo(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        assertThat(POLICY.choose(new int[] {0x0003, 0x0001})).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(POLICY.choose(new int[] {0x0005, 0x0008})).as("known to SrtpProfile but not accepted").isNull();
        assertThat(POLICY.choose(new int[0])).isNull();
    }

    @Test
    void theClientAcceptsOnlyAProfileItOffered() {
        assertThat(POLICY.offered(0x0001)).isEqualTo(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(POLICY.offered(0x0008)).isNull();
        assertThat(POLICY.offered(0x0005)).isNull();
    }
}
