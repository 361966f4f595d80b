package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsFingerprintTest {

    private static final DtlsCertificate CLIENT = DtlsCertificate.generate();
    private static final DtlsCertificate SERVER = DtlsCertificate.generate();

    /** The a=fingerprint value of a Chrome offer (fixture style: sha-256, upper-case hex). */
    private static final String CHROME =
            "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10";

    @Test
    void parsesAndFormatsTheSdpForm() {
        DtlsFingerprint fingerprint = DtlsFingerprint.parse(CHROME);

        assertThat(fingerprint.hashFunction()).isEqualTo("sha-256");
        assertThat(fingerprint.value()).isEqualTo(HexFormat.ofDelimiter(":").parseHex(CHROME.substring(8)));
        assertThat(fingerprint.toSdp()).isEqualTo(CHROME);
        assertThat(fingerprint).hasToString(CHROME);
    }

    @Test
    void hashNamesAreCaseInsensitiveAndHexMayBeLowerCase() {
        DtlsFingerprint fingerprint = DtlsFingerprint.parse("  SHA-256\t" + CHROME.substring(8).toLowerCase() + " ");

        assertThat(fingerprint).isEqualTo(DtlsFingerprint.parse(CHROME));
        assertThat(fingerprint.toSdp()).isEqualTo(CHROME);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha-1, 20", "sha-224, 28", "sha-256, 32", "sha-384, 48", "sha-512, 64"})
    void everySupportedHashFunctionRoundTrips(String hashFunction, int length) {
        DtlsFingerprint computed = DtlsFingerprint.of(hashFunction, SERVER.certificate());

        assertThat(computed.value()).hasSize(length);
        assertThat(DtlsFingerprint.parse(computed.toSdp())).isEqualTo(computed);
        assertThat(computed.toSdp()).hasSize(hashFunction.length() + 1 + 3 * length - 1);
        assertThat(computed.matches(SERVER.certificate())).isTrue();
        assertThat(computed.matches(CLIENT.certificate())).isFalse();
    }

    @Test
    void computesTheHashOfTheDerEncoding() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-384").digest(CLIENT.certificate().getEncoded());

        assertThat(DtlsFingerprint.of("SHA-384", CLIENT.certificate()).value()).isEqualTo(expected);
    }

    @Test
    void equalityNeedsTheSameHashFunctionAndBytes() {
        DtlsFingerprint sha256 = DtlsFingerprint.parse(CHROME);
        DtlsFingerprint otherByte = DtlsFingerprint.parse(CHROME.substring(0, CHROME.length() - 1) + "1");

        assertThat(sha256).isEqualTo(DtlsFingerprint.parse(CHROME)).hasSameHashCodeAs(DtlsFingerprint.parse(CHROME));
        assertThat(sha256).isNotEqualTo(otherByte);
        assertThat(DtlsFingerprint.of("sha-1", CLIENT.certificate()))
                .isNotEqualTo(DtlsFingerprint.of("sha-256", CLIENT.certificate()));
    }

    @Test
    void valueReturnsACopy() {
        DtlsFingerprint fingerprint = DtlsFingerprint.parse(CHROME);
        fingerprint.value()[0] = 0;

        assertThat(fingerprint.toSdp()).isEqualTo(CHROME);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "",
        "   ",
        "sha-256",
        "sha-256 ",
        "md5 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C",
        "sha-3 4F:8B",
        "sha-256 4F:8B",
        "sha-256 4F8B0C2C5A7E123A95F7213BA41D6E9C8057C60FAB31E24419D87B6605CE9310",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:1G",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10:",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE::931",
        "sha-256 4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE 93:10",
        "sha-256 4F-8B-0C-2C-5A-7E-12-3A-95-F7-21-3B-A4-1D-6E-9C-80-57-C6-0F-AB-31-E2-44-19-D8-7B-66-05-CE-93-10",
        "sha-256 ４F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10",
        "4F:8B:0C:2C:5A:7E:12:3A:95:F7:21:3B:A4:1D:6E:9C:80:57:C6:0F:AB:31:E2:44:19:D8:7B:66:05:CE:93:10",
    })
    void malformedFingerprintsAreParseExceptions(String text) {
        assertThatThrownBy(() -> DtlsFingerprint.parse(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void everyTruncationIsAParseException() {
        for (int length = 0; length < CHROME.length(); length++) {
            String truncated = CHROME.substring(0, length);
            assertThatThrownBy(() -> DtlsFingerprint.parse(truncated)).as(truncated).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void theParseExceptionPointsAtTheBadByte() {
        String bad = CHROME.substring(0, 11) + "ZZ" + CHROME.substring(13);

        assertThatThrownBy(() -> DtlsFingerprint.parse(bad))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(11));
    }

    @Test
    void aFingerprintCanBeMadeFromItsParts() {
        byte[] value = DtlsFingerprint.parse(CHROME).value();

        assertThat(DtlsFingerprint.of("SHA-256", value)).isEqualTo(DtlsFingerprint.parse(CHROME));
        assertThatThrownBy(() -> DtlsFingerprint.of("sha-256", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsFingerprint.of("md5", new byte[16])).isInstanceOf(IllegalArgumentException.class);
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
