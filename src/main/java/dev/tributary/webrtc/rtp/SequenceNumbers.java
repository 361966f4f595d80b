package dev.tributary.webrtc.rtp;

/**
 * Wrap-aware arithmetic on 16-bit RTP sequence numbers (RFC 3550 §5.1, serial number arithmetic
 * in the sense of RFC 1982). Only the low 16 bits of each argument are used.
 *
 * <p>Two sequence numbers exactly 32768 apart are ambiguous; this class resolves the tie by
 * calling the distance -32768, i.e. the first one counts as the newer.
 */
public final class SequenceNumbers {

    private SequenceNumbers() {}

    /**
     * The signed number of steps from one sequence number to another, the short way round.
     *
     * @param from a sequence number
     * @param to another one
     * @return {@code to - from} modulo 2<sup>16</sup>, in -32768 to 32767; positive when {@code
     *     to} is newer, e.g. {@code distance(65535, 0) == 1} and {@code distance(0, 65535) == -1}
     */
    public static int distance(int from, int to) {
        return (short) (to - from);
    }

    /**
     * @param a a sequence number
     * @param b another one
     * @return whether {@code a} comes after {@code b}, across the wrap: {@code isNewer(0, 65535)}
     */
    public static boolean isNewer(int a, int b) {
        return distance(b, a) > 0;
    }

    /**
     * @param sequenceNumber a sequence number
     * @param steps how far to move, negative to go back
     * @return the sequence number that many steps away, wrapped into 0 to 65535
     */
    public static int add(int sequenceNumber, int steps) {
        return (sequenceNumber + steps) & 0xFFFF;
    }
}
