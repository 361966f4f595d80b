package dev.tributary.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SrtpProfileTest {

    @Test
    void dtlsIdsAreTheIanaRegistryValues() {
        assertThat(SrtpProfile.fromDtlsId(0x0001)).contains(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromDtlsId(0x0002)).contains(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32);
        assertThat(SrtpProfile.fromDtlsId(0x0007)).contains(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromDtlsId(0x0008)).contains(SrtpProfile.SRTP_AEAD_AES_256_GCM);
        assertThat(SrtpProfile.fromDtlsId(0x0005)).as("NULL cipher: not offered").isEmpty();
    }

    @Test
    void theShortTagProfileShortensOnlyTheSrtpTag() {
        SrtpProfile profile = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32;

        assertThat(profile.rtpTagLength()).isEqualTo(4);
        assertThat(profile.rtcpTagLength()).isEqualTo(10);
        assertThat(profile.rtpOverhead()).isEqualTo(4);
        assertThat(profile.rtcpOverhead()).isEqualTo(14);
    }

    @Test
    void gcmProfilesHaveA16OctetTagAndA12OctetSalt() {
        for (SrtpProfile profile : new SrtpProfile[] {SrtpProfile.SRTP_AEAD_AES_128_GCM,
                SrtpProfile.SRTP_AEAD_AES_256_GCM}) {
            assertThat(profile.rtpOverhead()).isEqualTo(16);
            assertThat(profile.rtcpOverhead()).isEqualTo(20);
            assertThat(profile.masterSaltLength()).isEqualTo(12);
        }
        assertThat(SrtpProfile.SRTP_AEAD_AES_256_GCM.masterKeyLength()).isEqualTo(32);
    }

    @Test
    void keyingMaterialLengthsFollowRfc5764AndRfc7714() {
        assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(56);
        assertThat(SrtpProfile.SRTP_AEAD_AES_256_GCM.keyingMaterialLength()).isEqualTo(88);
    }

    @Test
    void failureCodesMapBackToTheirFailure() {
        for (SrtpFailure failure : SrtpFailure.values()) {
            assertThat(failure.code()).isNegative();
            assertThat(SrtpFailure.of(failure.code())).isSameAs(failure);
        }
        assertThatThrownBy(() -> SrtpFailure.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpFailure.of(-6)).isInstanceOf(IllegalArgumentException.class);
    }
}
