package dev.tributary.webrtc.stun;

import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The 96-bit transaction id of a STUN message (RFC 8489 §5), held as two numbers so that it is a
 * cheap, immutable map key for matching responses to requests.
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 4 bytes, big-endian
 */
public record TransactionId(long high, int low) {

    /** Bytes in a transaction id. */
    public static final int LENGTH = 12;

    /**
     * A new transaction id. RFC 8489 §5 asks for a cryptographically random one: pass a
     * {@link java.security.SecureRandom}.
     *
     * @param random the source of randomness
     * @return a random transaction id
     */
    public static TransactionId random(RandomGenerator random) {
        return new TransactionId(random.nextLong(), random.nextInt());
    }

    /**
     * @param bytes exactly 12 bytes
     * @return the transaction id these bytes spell
     * @throws IllegalArgumentException if {@code bytes} is not 12 bytes long
     */
    public static TransactionId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes: " + bytes.length);
        }
        return read(bytes, 0);
    }

    static TransactionId read(byte[] buf, int off) {
        return new TransactionId(Bytes.i64(buf, off), Bytes.i32(buf, off + 8));
    }

    /** @return the 12 bytes of this id, big-endian */
    public byte[] toBytes() {
        ByteWriter w = new ByteWriter(LENGTH);
        write(w);
        return w.toByteArray();
    }

    void write(ByteWriter w) {
        w.i64(high);
        w.i32(low);
    }

    /**
     * @param hex 24 hexadecimal digits
     * @return the transaction id
     * @throws IllegalArgumentException if {@code hex} is not 24 hex digits
     */
    public static TransactionId ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        return of(HexFormat.of().parseHex(hex));
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
