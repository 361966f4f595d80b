package dev.tributary.webrtc.udp;

/**
 * What protocol a datagram on a WebRTC 5-tuple carries, told apart the way RFC 7983 §7 does: by
 * the first byte alone, and, for RTP and RTCP sharing a port (RFC 5761 §4), by the second.
 *
 * <p>This is only the demultiplexing step: a datagram classified {@link #STUN} or {@link #RTP}
 * still goes through that protocol's parser, which checks the rest. First bytes RFC 7983 leaves
 * unassigned (4..15, 80..127, 192..255; RFC 9443 gives most of them to QUIC, which WebRTC does
 * not run here) are {@link #UNKNOWN}.
 */
public enum DatagramKind {

    /** First byte 0..3: STUN (RFC 8489), the ICE connectivity checks. */
    STUN,
    /** First byte 16..19: ZRTP (RFC 6189). */
    ZRTP,
    /** First byte 20..63: a DTLS record (RFC 9147 content types). */
    DTLS,
    /** First byte 64..79: TURN ChannelData (RFC 8656 §12). */
    TURN_CHANNEL,
    /** First byte 128..191 (RTP version 2) and a payload type outside 64..95: RTP or SRTP. */
    RTP,
    /**
     * First byte 128..191 and, with the marker bit masked, a second byte of 64..95: RTCP or SRTCP
     * (packet types 192..223, RFC 5761 §4).
     */
    RTCP,
    /** Empty, a first byte no protocol here uses, or an RTP/RTCP first byte with no second byte. */
    UNKNOWN;

    /**
     * Classifies one datagram. Does not allocate.
     *
     * @param buf the buffer holding the datagram
     * @param off where the datagram starts
     * @param len its length
     * @return its kind
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static DatagramKind classify(byte[] buf, int off, int len) {
        Ranges.check(buf, off, len);
        if (len == 0) {
            return UNKNOWN;
        }
        int first = buf[off] & 0xFF;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 16 && first <= 19) {
            return ZRTP;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 64 && first <= 79) {
            return TURN_CHANNEL;
        }
        if (first >= 128 && first <= 191) {
            if (len < 2) {
                return UNKNOWN;
            }
            int payloadType = buf[off + 1] & 0x7F;
            return payloadType >= 64 && payloadType <= 95 ? RTCP : RTP;
        }
        return UNKNOWN;
    }
}
