package dev.tributary.webrtc.srtp;

/**
 * Why {@link SrtpSession} refused a packet. The protect and unprotect methods return the new
 * packet length on success and the negative {@link #code()} of one of these on failure.
 *
 * <p>These are results, not exceptions, because every one of them is an ordinary event on a
 * network: retransmissions and duplicated datagrams are replays, a peer that rekeys or a stray
 * packet fails authentication, and anyone can send garbage to the port. Throwing for each would
 * make dropping a packet cost a stack trace, which an attacker could use to burn CPU; a code
 * keeps the drop path as cheap as the accept path and allocation-free.
 */
public enum SrtpFailure {

    /**
     * Not an RTP/RTCP packet this session can read: shorter than its header and tag, version not
     * 2, or a header (CSRCs, extension) longer than the packet.
     */
    MALFORMED(-1),

    /** The authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §8.2): forged,
     *  corrupted, or protected with other keys. */
    AUTHENTICATION_FAILED(-2),

    /**
     * The packet index was already seen, or is older than the 128-packet replay window (RFC 3711
     * §3.3.2). When protecting, this means the same index was protected before: sending it again
     * would reuse a keystream (AES-CM) or a nonce (GCM), so retransmit the protected bytes or use
     * RTX instead.
     */
    REPLAYED(-3),

    /** The packet's SSRC is new and the session already tracks its maximum number of SSRCs. */
    STREAM_LIMIT(-4),

    /**
     * The packet index space of this master key is used up (2^48 SRTP or 2^31 SRTCP packets per
     * SSRC, RFC 3711 §3.3.1 and §9.2): the session must be rekeyed.
     */
    INDEX_EXHAUSTED(-5);

    private static final SrtpFailure[] BY_CODE = values();

    private final int code;

    SrtpFailure(int code) {
        this.code = code;
    }

    /** The negative value the protect and unprotect methods return for this failure. */
    public int code() {
        return code;
    }

    /**
     * The failure a protect or unprotect result stands for.
     *
     * @throws IllegalArgumentException if {@code result} is not a failure code (for example a
     *     non-negative packet length)
     */
    public static SrtpFailure of(int result) {
        int ordinal = -result - 1;
        if (ordinal < 0 || ordinal >= BY_CODE.length) {
            throw new IllegalArgumentException("not an SRTP failure code: " + result);
        }
        return BY_CODE[ordinal];
    }
}
