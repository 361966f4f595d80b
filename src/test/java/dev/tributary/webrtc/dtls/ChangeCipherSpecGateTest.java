package dev.tributary.webrtc.dtls;

import static dev.tributary.webrtc.dtls.DtlsRecords.CHANGE_CIPHER_SPEC;
import static dev.tributary.webrtc.dtls.DtlsRecords.HANDSHAKE;
import static dev.tributary.webrtc.dtls.DtlsRecords.concat;
import static dev.tributary.webrtc.dtls.DtlsRecords.handshake;
import static dev.tributary.webrtc.dtls.DtlsRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChangeCipherSpecGateTest {

    private static final byte[] CERTIFICATE = record(HANDSHAKE, 0, handshake(11, 1, new byte[] {1, 2, 3}));
    private static final byte[] CLIENT_KEY_EXCHANGE = record(HANDSHAKE, 0, handshake(16, 2, new byte[] {4, 5}));
    private static final byte[] CERTIFICATE_VERIFY = record(HANDSHAKE, 0, handshake(15, 3, new byte[] {6, 7, 8, 9}));
    private static final byte[] CHANGE_CIPHER_SPEC_RECORD = record(CHANGE_CIPHER_SPEC, 0, new byte[] {1});
    private static final byte[] FINISHED = record(HANDSHAKE, 1, new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc});

    private final ChangeCipherSpecGate gate = new ChangeCipherSpecGate();

    @Test
    void aChangeCipherSpecAloneBeforeTheCertificateVerifyIsHeldBack() {
        assertThat(gate.filter(CHANGE_CIPHER_SPEC_RECORD.clone())).isNull();
    }

    @Test
    void aFlightMissingItsCertificateVerifyLosesOnlyItsChangeCipherSpec() {
        byte[] flight = concat(CERTIFICATE, CLIENT_KEY_EXCHANGE, CHANGE_CIPHER_SPEC_RECORD, FINISHED);

        assertThat(gate.filter(flight)).isEqualTo(concat(CERTIFICATE, CLIENT_KEY_EXCHANGE, FINISHED));
    }

    @Test
    void aWholeFlightPassesUnchanged() {
        byte[] flight = concat(CERTIFICATE, CLIENT_KEY_EXCHANGE, CERTIFICATE_VERIFY, CHANGE_CIPHER_SPEC_RECORD, FINISHED);

        assertThat(gate.filter(flight)).isSameAs(flight);
    }

    @Test
    void onceACertificateVerifyPassedChangeCipherSpecPasses() {
        assertThat(gate.filter(CHANGE_CIPHER_SPEC_RECORD.clone())).isNull();
        byte[] certificateVerify = CERTIFICATE_VERIFY.clone();
        byte[] changeCipherSpec = CHANGE_CIPHER_SPEC_RECORD.clone();

        assertThat(gate.filter(certificateVerify)).isSameAs(certificateVerify);
        assertThat(gate.filter(changeCipherSpec)).isSameAs(changeCipherSpec);
    }

    @Test
    void aFirstFragmentOfTheCertificateVerifyDoesNotOpenTheGate() {
        byte[] firstHalf = handshake(15, 3, new byte[] {6, 7});
        firstHalf[3] = 4; // the whole message is 4 bytes; this fragment holds bytes 0..1
        gate.filter(record(HANDSHAKE, 0, firstHalf));

        assertThat(gate.filter(CHANGE_CIPHER_SPEC_RECORD.clone())).isNull();
    }

    @Test
    void aTruncatedTailPassesUnchanged() {
        byte[] flight = concat(CHANGE_CIPHER_SPEC_RECORD, Arrays.copyOf(CERTIFICATE, 9));

        assertThat(gate.filter(flight)).isEqualTo(Arrays.copyOf(CERTIFICATE, 9));
    }

    @Test
    void epochOneRecordsAndOtherContentPassUnchanged() {
        byte[] applicationData = record(23, 1, new byte[] {1, 2, 3, 4});
        byte[] changeCipherSpecOfEpochOne = record(CHANGE_CIPHER_SPEC, 1, new byte[] {1});

        assertThat(gate.filter(applicationData)).isSameAs(applicationData);
        assertThat(gate.filter(changeCipherSpecOfEpochOne)).isSameAs(changeCipherSpecOfEpochOne);
        assertThat(gate.filter(new byte[0])).isEmpty();
    }
}
