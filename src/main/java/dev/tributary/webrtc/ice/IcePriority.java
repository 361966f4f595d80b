package dev.tributary.webrtc.ice;

/** The priority formulas of RFC 8445 §5.1.2 and §6.1.2.3 and the local preferences of RFC 8421. */
public final class IcePriority {

    /** The highest local preference (RFC 8445 §5.1.2.1). */
    public static final int MAX_LOCAL_PREFERENCE = 65_535;

    private IcePriority() {}

    /**
     * A candidate's priority (RFC 8445 §5.1.2.1):
     * {@code 2^24 * type preference + 2^8 * local preference + (256 - component)}.
     *
     * @param type the candidate type, whose {@link IceCandidateType#typePreference()} is used
     * @param localPreference 0..65535
     * @param component 1..256
     * @return the priority, 1..2^31-1
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long candidatePriority(IceCandidateType type, int localPreference, int component) {
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("local preference must be 0..65535: " + localPreference);
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component must be 1..256: " + component);
        }
        return ((long) type.typePreference() << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /**
     * A local preference that interleaves the address families, as RFC 8421 §4 recommends for a
     * dual-stack host: the best IPv6 candidate first, then the best IPv4 one, then the second
     * IPv6 one, and so on, so that a broken IPv6 path does not take all the early checks. It also
     * keeps the local preferences of a multihomed host's candidates distinct (RFC 8421 §3,
     * RFC 8445 §5.1.2.1).
     *
     * @param ipv6 whether the candidate's base is an IPv6 address
     * @param rank the candidate's rank among the host's candidates of the same family and type,
     *     0 for the preferred interface
     * @return {@code 65535 - 2 * rank} for IPv6, one less for IPv4, never below 0
     * @throws IllegalArgumentException if {@code rank} is negative
     */
    public static int localPreference(boolean ipv6, int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank must not be negative: " + rank);
        }
        long preference = MAX_LOCAL_PREFERENCE - 2L * rank - (ipv6 ? 0 : 1);
        return (int) Math.max(0, preference);
    }

    /**
     * A candidate pair's priority (RFC 8445 §6.1.2.3):
     * {@code 2^32 * min(G, D) + 2 * max(G, D) + (G > D ? 1 : 0)}, where G is the priority of the
     * controlling agent's candidate and D that of the controlled agent's.
     *
     * @param controlling G, the controlling agent's candidate priority (unsigned 32-bit)
     * @param controlled D, the controlled agent's candidate priority (unsigned 32-bit)
     * @return the pair priority, compared as a signed long (it stays below 2^63)
     */
    public static long pairPriority(long controlling, long controlled) {
        long min = Math.min(controlling, controlled);
        long max = Math.max(controlling, controlled);
        return (min << 32) + 2 * max + (controlling > controlled ? 1 : 0);
    }
}
