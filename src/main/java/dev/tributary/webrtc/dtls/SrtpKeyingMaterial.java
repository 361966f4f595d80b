package dev.tributary.webrtc.dtls;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of both directions, split out of the keying material exported
 * from DTLS. RFC 5764 §4.2 lays the material out as
 * {@code client_write_SRTP_master_key | server_write_SRTP_master_key |
 * client_write_SRTP_master_salt | server_write_SRTP_master_salt}; the client protects what it
 * sends with the client keys and the server with the server keys. Accessors return copies.
 */
public final class SrtpKeyingMaterial {

    private final byte[] clientWriteKey;
    private final byte[] serverWriteKey;
    private final byte[] clientWriteSalt;
    private final byte[] serverWriteSalt;

    private SrtpKeyingMaterial(byte[] material, int keyLength, int saltLength) {
        clientWriteKey = Arrays.copyOfRange(material, 0, keyLength);
        serverWriteKey = Arrays.copyOfRange(material, keyLength, 2 * keyLength);
        clientWriteSalt = Arrays.copyOfRange(material, 2 * keyLength, 2 * keyLength + saltLength);
        serverWriteSalt = Arrays.copyOfRange(material, 2 * keyLength + saltLength, 2 * (keyLength + saltLength));
    }

    /**
     * Splits exported keying material as RFC 5764 §4.2 lays it out.
     *
     * @param material exactly {@code 2 * (keyLength + saltLength)} bytes
     * @param keyLength the master key length of the negotiated profile, in bytes
     * @param saltLength the master salt length of the negotiated profile, in bytes
     * @return the four parts
     * @throws IllegalArgumentException if a length is not positive or the material has the wrong
     *     length
     * @throws NullPointerException if {@code material} is null
     */
    public static SrtpKeyingMaterial split(byte[] material, int keyLength, int saltLength) {
        Objects.requireNonNull(material, "material");
        if (keyLength <= 0 || saltLength <= 0 || material.length != 2 * (keyLength + saltLength)) {
            throw new IllegalArgumentException("keying material of " + material.length
                    + " bytes does not hold two " + keyLength + "-byte keys and two " + saltLength + "-byte salts");
        }
        return new SrtpKeyingMaterial(material, keyLength, saltLength);
    }

    /** The master key the client encrypts with and the server decrypts with. */
    public byte[] clientWriteKey() {
        return clientWriteKey.clone();
    }

    /** The master key the server encrypts with and the client decrypts with. */
    public byte[] serverWriteKey() {
        return serverWriteKey.clone();
    }

    /** The master salt that goes with {@link #clientWriteKey()}. */
    public byte[] clientWriteSalt() {
        return clientWriteSalt.clone();
    }

    /** The master salt that goes with {@link #serverWriteKey()}. */
    public byte[] serverWriteSalt() {
        return serverWriteSalt.clone();
    }

    /**
     * The master key this endpoint protects outgoing SRTP with.
     *
     * @param role this endpoint's DTLS role
     * @throws NullPointerException if {@code role} is null
     */
    public byte[] localKey(DtlsRole role) {
        return isClient(role) ? clientWriteKey() : serverWriteKey();
    }

    /**
     * The master salt this endpoint protects outgoing SRTP with.
     *
     * @param role this endpoint's DTLS role
     * @throws NullPointerException if {@code role} is null
     */
    public byte[] localSalt(DtlsRole role) {
        return isClient(role) ? clientWriteSalt() : serverWriteSalt();
    }

    /**
     * The master key incoming SRTP from the peer is protected with.
     *
     * @param role this endpoint's DTLS role
     * @throws NullPointerException if {@code role} is null
     */
    public byte[] remoteKey(DtlsRole role) {
        return isClient(role) ? serverWriteKey() : clientWriteKey();
    }

    /**
     * The master salt incoming SRTP from the peer is protected with.
     *
     * @param role this endpoint's DTLS role
     * @throws NullPointerException if {@code role} is null
     */
    public byte[] remoteSalt(DtlsRole role) {
        return isClient(role) ? serverWriteSalt() : clientWriteSalt();
    }

    /** Names the lengths only: keys never go into logs. */
    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + clientWriteKey.length + "-byte keys, " + clientWriteSalt.length
                + "-byte salts]";
    }

    private static boolean isClient(DtlsRole role) {
        return Objects.requireNonNull(role, "role") == DtlsRole.CLIENT;
    }
}
