package dev.tributary.webrtc.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keying SRTP from a DTLS handshake (RFC 5764 §4.2): the DTLS layer exports {@link
 * SrtpProfile#keyingMaterialLength()} octets with the label {@link #EXPORTER_LABEL} and no
 * context, and this splits them into the client's and the server's master key and salt.
 */
public final class DtlsSrtp {

    /** The TLS exporter label for DTLS-SRTP keying material (RFC 5764 §4.2). */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /** Our role in the DTLS handshake, which decides whose keys we send with. */
    public enum Role {
        /** We sent the ClientHello (the {@code a=setup:active} side). */
        CLIENT,
        /** We answered the ClientHello (the {@code a=setup:passive} side). */
        SERVER
    }

    /**
     * The two sessions of one DTLS-SRTP association.
     *
     * @param outbound protects what we send, with our role's write key
     * @param inbound unprotects what the peer sends, with the peer's write key
     */
    public record Sessions(SrtpSession outbound, SrtpSession inbound) {

        /** @throws NullPointerException if a session is null */
        public Sessions {
            Objects.requireNonNull(outbound, "outbound");
            Objects.requireNonNull(inbound, "inbound");
        }
    }

    private DtlsSrtp() {}

    /**
     * Sessions with {@link SrtpSession#DEFAULT_MAX_SSRCS}.
     *
     * @see #sessions(SrtpProfile, byte[], Role, int)
     */
    public static Sessions sessions(SrtpProfile profile, byte[] keyingMaterial, Role role) {
        return sessions(profile, keyingMaterial, role, SrtpSession.DEFAULT_MAX_SSRCS);
    }

    /**
     * Splits exported keying material, laid out as client_write_SRTP_master_key |
     * server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt
     * (RFC 5764 §4.2), into the sessions for {@code role}: a client protects with the client keys
     * and unprotects with the server keys, a server the other way round.
     *
     * @param keyingMaterial exactly {@code profile.keyingMaterialLength()} octets; not retained
     * @param maxSsrcs how many SSRCs each session may track (see {@link SrtpSession})
     * @return our outbound and inbound sessions
     * @throws IllegalArgumentException if the material has the wrong length, or {@code maxSsrcs}
     *     is out of range (see {@link SrtpSession#SrtpSession(SrtpProfile, byte[], byte[], int)})
     * @throws NullPointerException if an argument is null
     * @throws SrtpException if the JDK lacks a cipher the profile needs
     */
    public static Sessions sessions(SrtpProfile profile, byte[] keyingMaterial, Role role,
            int maxSsrcs) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keyingMaterial, "keyingMaterial");
        Objects.requireNonNull(role, "role");
        if (keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException(profile + " needs " + profile.keyingMaterialLength()
                    + " octets of keying material, got " + keyingMaterial.length);
        }
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        int saltsStart = 2 * keyLength;
        byte[] clientKey = Arrays.copyOfRange(keyingMaterial, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(keyingMaterial, keyLength, saltsStart);
        byte[] clientSalt = Arrays.copyOfRange(keyingMaterial, saltsStart, saltsStart + saltLength);
        byte[] serverSalt = Arrays.copyOfRange(keyingMaterial, saltsStart + saltLength,
                saltsStart + 2 * saltLength);
        try {
            SrtpSession client = new SrtpSession(profile, clientKey, clientSalt, maxSsrcs);
            SrtpSession server = new SrtpSession(profile, serverKey, serverSalt, maxSsrcs);
            return role == Role.CLIENT ? new Sessions(client, server) : new Sessions(server, client);
        } finally {
            Arrays.fill(clientKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
            Arrays.fill(clientSalt, (byte) 0);
            Arrays.fill(serverSalt, (byte) 0);
        }
    }
}
