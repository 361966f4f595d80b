package dev.tributary.webrtc.dtls;

import dev.tributary.webrtc.srtp.SrtpProfile;
import dev.tributary.webrtc.srtp.SrtpSession;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two SRTP sessions of one DTLS-SRTP association, keyed from the handshake by
 * {@link DtlsResult#srtpSessions()}.
 *
 * @param outbound protects what we send, with our role's write key and salt
 * @param inbound unprotects what the peer sends, with the peer's write key and salt
 */
public record SrtpSessions(SrtpSession outbound, SrtpSession inbound) {

    /** @throws NullPointerException if a session is null */
    public SrtpSessions {
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(inbound, "inbound");
    }

    /**
     * Splits exported keying material, laid out as client_write_SRTP_master_key |
     * server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt
     * (RFC 5764 §4.2), into the sessions for {@code role}: a client protects with the client key
     * and salt and unprotects with the server's, a server the other way round.
     *
     * @param keyingMaterial exactly {@code profile.keyingMaterialLength()} bytes; not retained
     * @param maxSsrcs how many SSRCs each session may track (see {@link SrtpSession})
     * @throws IllegalArgumentException if the material has the wrong length or {@code maxSsrcs}
     *     is out of range
     * @throws dev.tributary.webrtc.srtp.SrtpException if the JDK lacks a cipher the profile needs
     */
    static SrtpSessions fromKeyingMaterial(SrtpProfile profile, byte[] keyingMaterial, DtlsRole role,
            int maxSsrcs) {
        if (keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException(profile + " needs " + profile.keyingMaterialLength()
                    + " bytes of keying material, got " + keyingMaterial.length);
        }
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        int saltsStart = 2 * keyLength;
        byte[] clientKey = Arrays.copyOfRange(keyingMaterial, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(keyingMaterial, keyLength, saltsStart);
        byte[] clientSalt = Arrays.copyOfRange(keyingMaterial, saltsStart, saltsStart + saltLength);
        byte[] serverSalt = Arrays.copyOfRange(keyingMaterial, saltsStart + saltLength, saltsStart + 2 * saltLength);
        try {
            SrtpSession client = new SrtpSession(profile, clientKey, clientSalt, maxSsrcs);
            SrtpSession server = new SrtpSession(profile, serverKey, serverSalt, maxSsrcs);
            return role == DtlsRole.CLIENT ? new SrtpSessions(client, server) : new SrtpSessions(server, client);
        } finally {
            // The sessions have derived their own keys; the master keys need not linger on the heap.
            Arrays.fill(clientKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
            Arrays.fill(clientSalt, (byte) 0);
            Arrays.fill(serverSalt, (byte) 0);
        }
    }
}
