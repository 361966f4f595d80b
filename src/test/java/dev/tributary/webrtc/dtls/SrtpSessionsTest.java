package dev.tributary.webrtc.dtls;

import static dev.tributary.webrtc.dtls.SrtpRoundTrip.assertDelivers;
import static dev.tributary.webrtc.dtls.SrtpRoundTrip.protect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.srtp.SrtpFailure;
import dev.tributary.webrtc.srtp.SrtpProfile;
import dev.tributary.webrtc.srtp.SrtpSession;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpSessionsTest {

    /** Material whose four parts are filled with 1 (client key), 2 (server key), 3 (client salt) and 4. */
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

    private static SrtpSessions sessions(SrtpProfile profile, DtlsRole role) {
        return SrtpSessions.fromKeyingMaterial(profile, material(profile), role, SrtpSession.DEFAULT_MAX_SSRCS);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void clientAndServerSessionsFromTheSameMaterialAgree(SrtpProfile profile) {
        SrtpSessions client = sessions(profile, DtlsRole.CLIENT);
        SrtpSessions server = sessions(profile, DtlsRole.SERVER);

        assertDelivers(client.outbound(), server.inbound());
        assertDelivers(server.outbound(), client.inbound());
        byte[] own = protect(client.outbound(), 2);
        assertThat(client.inbound().unprotectRtp(own, 0, own.length))
                .isEqualTo(SrtpFailure.AUTHENTICATION_FAILED.code());
    }

    static Stream<Arguments> profilesAndRoles() {
        return Arrays.stream(SrtpProfile.values())
                .flatMap(profile -> Arrays.stream(DtlsRole.values()).map(role -> Arguments.of(profile, role)));
    }

    /** RFC 5764 §4.2: client key | server key | client salt | server salt, each side writing with its own. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profilesAndRoles")
    void eachRoleWritesWithItsOwnKeyAndSaltAndReadsWithThePeers(SrtpProfile profile, DtlsRole role) {
        SrtpSessions sessions = sessions(profile, role);
        SrtpSession clientWrite = new SrtpSession(profile,
                filled(profile.masterKeyLength(), 1), filled(profile.masterSaltLength(), 3));
        SrtpSession serverWrite = new SrtpSession(profile,
                filled(profile.masterKeyLength(), 2), filled(profile.masterSaltLength(), 4));
        SrtpSession ownWrite = role == DtlsRole.CLIENT ? clientWrite : serverWrite;
        SrtpSession peerWrite = role == DtlsRole.CLIENT ? serverWrite : clientWrite;

        assertThat(protect(sessions.outbound(), 1)).isEqualTo(protect(ownWrite, 1));
        assertDelivers(peerWrite, sessions.inbound());
    }

    @Test
    void theExporterLabelIsRfc5764s() {
        assertThat(DtlsResult.EXPORTER_LABEL).isEqualTo("EXTRACTOR-dtls_srtp");
    }

    @Test
    void materialOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> SrtpSessions.fromKeyingMaterial(SrtpProfile.SRTP_AEAD_AES_128_GCM, new byte[60],
                DtlsRole.CLIENT, SrtpSession.DEFAULT_MAX_SSRCS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpSessions.fromKeyingMaterial(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, new byte[59],
                DtlsRole.SERVER, SrtpSession.DEFAULT_MAX_SSRCS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anSsrcLimitOutOfRangeIsRejected() {
        SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
        assertThatThrownBy(() -> SrtpSessions.fromKeyingMaterial(profile, material(profile), DtlsRole.CLIENT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionsAreRequired() {
        SrtpSession session = sessions(SrtpProfile.SRTP_AEAD_AES_128_GCM, DtlsRole.CLIENT).outbound();
        assertThatThrownBy(() -> new SrtpSessions(session, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SrtpSessions(null, session)).isInstanceOf(NullPointerException.class);
    }
}
