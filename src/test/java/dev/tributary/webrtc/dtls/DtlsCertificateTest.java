package dev.tributary.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.AlgorithmParameters;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    private static final DtlsCertificate CLIENT = DtlsCertificate.generate();
    private static final DtlsCertificate SERVER = DtlsCertificate.generate();

    @Test
    void generatesASelfSignedEcdsaP256Certificate() throws Exception {
        Instant before = Instant.now();
        DtlsCertificate generated = DtlsCertificate.generate();
        X509Certificate certificate = generated.certificate();

        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
        ECParameterSpec actual = ((ECPublicKey) certificate.getPublicKey()).getParams();
        assertThat(actual.getCurve()).isEqualTo(expected.getCurve());
        assertThat(actual.getGenerator()).isEqualTo(expected.getGenerator());
        assertThat(actual.getOrder()).isEqualTo(expected.getOrder());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(generated.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getNotBefore().toInstant())
                .isBetween(before.minus(Duration.ofDays(1)).minusSeconds(2), before.minus(Duration.ofDays(1)).plusSeconds(60));
        assertThat(certificate.getNotAfter().toInstant())
                .isBetween(before.plus(Duration.ofDays(30)).minusSeconds(2), before.plus(Duration.ofDays(30)).plusSeconds(60));
        certificate.checkValidity();
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerEncoding() throws Exception {
        DtlsCertificate generated = DtlsCertificate.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(generated.certificate().getEncoded());

        assertThat(generated.fingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(generated.fingerprint().bytes()).hasSize(32).isEqualTo(digest);
        assertThat(generated.fingerprint()).isEqualTo(DtlsFingerprint.of("sha-256", digest));
    }

    @Test
    void eachGeneratedCertificateHasItsOwnKeyAndSerial() {
        DtlsCertificate first = DtlsCertificate.generate();
        DtlsCertificate second = DtlsCertificate.generate();

        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
        assertThat(first.certificate().getPublicKey()).isNotEqualTo(second.certificate().getPublicKey());
        assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());
    }

    @Test
    void theSharedCertificateIsGeneratedOnce() {
        assertThat(DtlsCertificate.shared()).isSameAs(DtlsCertificate.shared());
    }

    @Test
    void anExistingCertificateAndKeyCanBeUsed() {
        DtlsCertificate original = CLIENT;

        DtlsCertificate reused = DtlsCertificate.of(original.certificate(), original.privateKey());

        assertThat(reused.fingerprint()).isEqualTo(original.fingerprint());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRejected() throws Exception {
        assertThatThrownBy(() -> DtlsCertificate.of(CLIENT.certificate(),
                SERVER.privateKey())).isInstanceOf(IllegalArgumentException.class);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> DtlsCertificate.of(CLIENT.certificate(),
                rsa.generateKeyPair().getPrivate())).isInstanceOf(IllegalArgumentException.class);
    }
}
