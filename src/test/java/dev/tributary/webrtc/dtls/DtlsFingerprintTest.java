package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtlsFingerprintTest {

    private static final DtlsCertificate CLIENT = DtlsCertificate.generate();
    private static final DtlsCertificate SERVER = DtlsCertificate.generate();

    /** The hex of a Chrome offer's sha-256 fingerprint. */
    private static final String CHROME_HEX =
            "4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10";
    private static final byte[] CHROME = HexFormat.ofDelimiter(":").parseHex(CHROME_HEX);

    @Test
    void madeFromItsPartsWithTheHashNameInCanonicalCase() {
        DtlsFingerprint fingerprint = DtlsFingerprint.of("SHA-256", CHROME);

        assertThat(fingerprint.hashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.bytes()).isEqualTo(CHROME);
        assertThat(fingerprint).hasToString("DtlsFingerprint[sha-256 " + CHROME_HEX + "]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha-1, 20", "sha-224, 28", "sha-256, 32", "sha-384, 48", "sha-512, 64"})
    void everySupportedHashFunctionComputesAndMatches(String hashFunction, int length) {
        DtlsFingerprint computed = DtlsFingerprint.of(hashFunction, SERVER.certificate());

        assertThat(computed.hashFunction()).isEqualTo(hashFunction);
        assertThat(computed.bytes()).hasSize(length);
        assertThat(DtlsFingerprint.of(hashFunction, computed.bytes())).isEqualTo(computed);
        assertThat(computed.matches(SERVER.certificate())).isTrue();
        assertThat(computed.matches(CLIENT.certificate())).isFalse();
    }

    @Test
    void computesTheHashOfTheDerEncoding() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-384").digest(CLIENT.certificate().getEncoded());

        assertThat(DtlsFingerprint.of("SHA-384", CLIENT.certificate()).bytes()).isEqualTo(expected);
    }

    @Test
    void equalityNeedsTheSameHashFunctionAndBytes() {
        DtlsFingerprint sha256 = DtlsFingerprint.of("sha-256", CHROME);
        byte[] otherByte = CHROME.clone();
        otherByte[31] ^= 1;

        assertThat(sha256).isEqualTo(DtlsFingerprint.of("SHA-256", CHROME))
                .hasSameHashCodeAs(DtlsFingerprint.of("SHA-256", CHROME));
        assertThat(sha256).isNotEqualTo(DtlsFingerprint.of("sha-256", otherByte));
        assertThat(DtlsFingerprint.of("sha-1", CLIENT.certificate()))
                .isNotEqualTo(DtlsFingerprint.of("sha-256", CLIENT.certificate()));
    }

    @Test
    void theBytesAreCopiedInAndOut() {
        byte[] input = CHROME.clone();
        DtlsFingerprint fingerprint = DtlsFingerprint.of("sha-256", input);
        input[0] = 0;
        fingerprint.bytes()[1] = 0;

        assertThat(fingerprint.bytes()).isEqualTo(CHROME);
    }

    @Test
    void partsOfTheWrongLengthOrAnUnsupportedHashFunctionAreRejected() {
        assertThatThrownBy(() -> DtlsFingerprint.of("sha-256", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.of("sha-256", new byte[48])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.of("md5", new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.of("sha-256", (byte[]) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theShaFamilyIsSupportedAndMd2AndMd5AreNot() {
        assertThat(DtlsFingerprint.isSupported("SHA-256")).isTrue();
        assertThat(DtlsFingerprint.isSupported("sha-1")).isTrue();
        assertThat(DtlsFingerprint.isSupported("md5")).isFalse();
        assertThat(DtlsFingerprint.isSupported("md2")).isFalse();
        assertThat(DtlsFingerprint.isSupported("sha3-256")).isFalse();
    }

    @Test
    void unsupportedHashFunctionsAreRejectedWhenComputing() {
        assertThatThrownBy(() -> DtlsFingerprint.of("md5", CLIENT.certificate()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
