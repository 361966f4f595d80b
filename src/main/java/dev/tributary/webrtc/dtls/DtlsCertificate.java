package dev.tributary.webrtc.dtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate and private key this endpoint authenticates with in the DTLS handshake.
 *
 * <p>WebRTC certificates are self-signed; the peer trusts them only through the fingerprint in
 * the SDP (RFC 5763 §5, RFC 8122 §5). {@link #generate()} makes one the way browsers do: an
 * ECDSA P-256 key, SHA256withECDSA, a random serial and a validity window that starts a day in
 * the past so that a peer whose clock is behind still accepts it. Instances are immutable and
 * thread-safe.
 */
public final class DtlsCertificate {

    /** How long a generated certificate is valid, as Chrome does. */
    static final Duration VALIDITY = Duration.ofDays(30);
    /** Tolerated clock skew: a generated certificate is valid from this long ago. */
    static final Duration BACKDATE = Duration.ofDays(1);
    /** {@link #shared()} replaces its certificate when less than this much validity is left. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X500Name SUBJECT = new X500Name("CN=Tributary");
    private static final Object SHARED_LOCK = new Object();
    private static volatile DtlsCertificate shared;

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.of("sha-256", certificate);
    }

    /**
     * The process-wide default certificate, generated on first use and shared by every peer
     * connection that is not given its own. Generating a key pair per connection would cost a
     * millisecond or more each and buys nothing: the fingerprint is public anyway. The shared
     * certificate is replaced by a fresh one once less than a day of its 30-day validity is left;
     * transports already created keep the one they were given.
     *
     * @return the current shared certificate
     * @throws DtlsException if the JDK cannot generate an EC P-256 key (never on a standard JDK)
     */
    public static DtlsCertificate shared() {
        DtlsCertificate current = shared;
        if (current == null || current.expiresWithin(RENEW_BEFORE_EXPIRY)) {
            synchronized (SHARED_LOCK) {
                current = shared;
                if (current == null || current.expiresWithin(RENEW_BEFORE_EXPIRY)) {
                    current = generate();
                    shared = current;
                }
            }
        }
        return current;
    }

    /**
     * Generates a new self-signed ECDSA P-256 certificate, valid from one day ago for 30 days.
     *
     * @return the new certificate with its private key
     * @throws DtlsException if the JDK cannot generate the key or sign the certificate (never on a
     *     standard JDK)
     */
    public static DtlsCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            // RFC 5280 §4.1.2.2 wants a positive serial; 64 random bits make it unguessable.
            BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    SUBJECT, serial, Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
                    SUBJECT, keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new DtlsCertificate(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new DtlsException(DtlsException.Reason.PROTOCOL_ERROR, "cannot generate a certificate", e);
        }
    }

    /**
     * Uses an existing certificate, for example one persisted across restarts so that the
     * fingerprint stays stable.
     *
     * @param certificate an X.509 certificate with an EC public key
     * @param privateKey the EC private key belonging to it
     * @return the pair
     * @throws IllegalArgumentException if the keys are not EC keys or do not belong together
     * @throws NullPointerException if an argument is null
     */
    public static DtlsCertificate of(X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!(certificate.getPublicKey() instanceof ECPublicKey) || !(privateKey instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("only ECDSA certificates are supported");
        }
        if (!belongTogether(certificate, privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate");
        }
        return new DtlsCertificate(certificate, privateKey);
    }

    /** The X.509 certificate sent in the handshake. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key that signs the handshake; never sent anywhere. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The SHA-256 fingerprint of the certificate, for the local SDP's {@code a=fingerprint}
     * attribute; SHA-256 is what browsers send and require (RFC 8122 §5).
     */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    private boolean expiresWithin(Duration margin) {
        return certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(margin));
    }

    /** Signs a challenge and verifies it with the certificate's key. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey privateKey) {
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
