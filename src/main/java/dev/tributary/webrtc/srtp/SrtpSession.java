package dev.tributary.webrtc.srtp;

import java.util.Objects;

/**
 * The SRTP and SRTCP cryptographic context of one direction of a DTLS-SRTP association (RFC
 * 3711): protects what we send, or unprotects what the peer sends, with session keys derived once
 * from one master key and salt (key derivation rate 0).
 *
 * <p>Per SSRC it keeps the rollover counter and highest sequence number (RFC 3711 §3.3.1), the
 * next SRTCP index, and 128-packet replay windows for SRTP and SRTCP (§3.3.2). That state is
 * created the first time an SSRC is protected or, when unprotecting, authenticated, so forged
 * packets cannot fill the table; at most {@code maxSsrcs} SSRCs are tracked per packet type.
 *
 * <p>All four operations work in place on {@code buf[off, off + len)} and return the new length,
 * or the negative {@link SrtpFailure#code()} of why the packet was refused; a refusal changes
 * neither the session state nor the buffer, and is counted in {@link #stats()}. They do not
 * allocate for known SSRCs with the AES-CM profiles; with GCM the JDK cipher allocates inside each
 * {@code init}. Protecting needs {@link SrtpProfile#rtpOverhead()} or {@link
 * SrtpProfile#rtcpOverhead()} octets of room after the packet in {@code buf}.
 *
 * <p>Protecting refuses an SRTP index that was already protected ({@link SrtpFailure#REPLAYED}),
 * as libsrtp does: the same index with different content would reuse a keystream, and with GCM
 * reveal the authentication key. Retransmit the protected bytes or use RTX.
 *
 * <p>Not thread-safe and without locks: a session belongs to the one thread of control of its
 * peer connection (see DESIGN.md), which calls it serially.
 */
public final class SrtpSession {

    /** How many SSRCs each of SRTP and SRTCP tracks unless the constructor says otherwise. */
    public static final int DEFAULT_MAX_SSRCS = 256;

    /**
     * The longest RTP or RTCP packet accepted, before protection: the largest that fits the
     * 16-bit lengths of UDP and RFC 4571 framing.
     */
    public static final int MAX_PACKET_LENGTH = 0xFFFF;

    private static final int RTP_HEADER = 12;
    static final int RTCP_HEADER = 8;
    static final int E_FLAG = 0x80000000;
    private static final int SRTCP_TRAILER = 4;
    private static final long MAX_SRTP_INDEX = (1L << 48) - 1;
    private static final long MAX_SRTCP_INDEX = 0x7FFFFFFF;

    private final SrtpProfile profile;
    private final PacketCrypto crypto;
    private final StreamTable rtpStreams;
    private final StreamTable rtcpStreams;
    /** The state a new SSRC gets; it joins a table once its first packet succeeded. */
    private StreamState spare = new StreamState();
    /** The stream, index and header length of the RTP packet {@link #admitRtp} last admitted:
     *  out-parameters, so that the shared checks return a code without allocating. */
    private StreamState admitted;
    private long admittedIndex;
    private int admittedHeaderLength;

    private long rtpPackets;
    private long rtcpPackets;
    private long malformed;
    private long authenticationFailures;
    private long replayed;
    private long streamLimit;
    private long indexExhausted;

    /**
     * A session tracking up to {@link #DEFAULT_MAX_SSRCS} SSRCs.
     *
     * @see #SrtpSession(SrtpProfile, byte[], byte[], int)
     */
    public SrtpSession(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        this(profile, masterKey, masterSalt, DEFAULT_MAX_SSRCS);
    }

    /**
     * Derives the session keys from a master key and salt (RFC 3711 §4.3, RFC 7714 §11). The
     * arrays are not retained.
     *
     * @param maxSsrcs how many SSRCs each of SRTP and SRTCP may track; packets of further SSRCs
     *     are refused with {@link SrtpFailure#STREAM_LIMIT}
     * @throws IllegalArgumentException if the key or salt length does not match the profile, or
     *     {@code maxSsrcs} is not between 1 and 65536
     * @throws NullPointerException if an argument is null
     * @throws SrtpException if the JDK lacks a cipher the profile needs
     */
    public SrtpSession(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, int maxSsrcs) {
        this(profile, crypto(profile, masterKey, masterSalt), maxSsrcs);
    }

    /** A session with a transform whose keys are already set up. */
    SrtpSession(SrtpProfile profile, PacketCrypto crypto, int maxSsrcs) {
        if (maxSsrcs < 1 || maxSsrcs > 1 << 16) {
            throw new IllegalArgumentException("maxSsrcs must be in [1, 65536]: " + maxSsrcs);
        }
        this.profile = profile;
        this.crypto = crypto;
        rtpStreams = new StreamTable(maxSsrcs);
        rtcpStreams = new StreamTable(maxSsrcs);
    }

    private static PacketCrypto crypto(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(masterSalt, "masterSalt");
        if (masterKey.length != profile.masterKeyLength()
                || masterSalt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterKeyLength()
                    + "-octet master key and a " + profile.masterSaltLength()
                    + "-octet master salt, got " + masterKey.length + " and "
                    + masterSalt.length);
        }
        return profile.isAead()
                ? AesGcmCrypto.derive(profile, masterKey, masterSalt)
                : new AesCmHmacCrypto(profile, masterKey, masterSalt);
    }

    /** The protection profile of this session. */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Protects the RTP packet {@code buf[off, off + len)} in place (RFC 3711 §3.3, RFC 7714 §8):
     * encrypts the payload and appends the authentication tag.
     *
     * @return the SRTP packet length ({@code len + profile().rtpOverhead()}), or a negative
     *     {@link SrtpFailure} code: {@code MALFORMED}, {@code REPLAYED} (index already protected),
     *     {@code STREAM_LIMIT} or {@code INDEX_EXHAUSTED}
     * @throws IllegalArgumentException if {@code off} and {@code len} are not within {@code buf}
     *     with {@link SrtpProfile#rtpOverhead()} octets to spare
     * @throws NullPointerException if {@code buf} is null
     */
    public int protectRtp(byte[] buf, int off, int len) {
        checkRange(buf, off, len, profile.rtpOverhead());
        int refused = admitRtp(buf, off, len);
        if (refused != 0) {
            return refused;
        }
        crypto.protectRtp(buf, off, len, admittedHeaderLength, admitted.ssrc, admittedIndex);
        commit(rtpStreams, admitted, admittedIndex);
        rtpPackets++;
        return len + profile.rtpTagLength();
    }

    /**
     * Unprotects the SRTP packet {@code buf[off, off + len)} in place: verifies the tag, then
     * decrypts the payload. The rollover counter, highest sequence number and replay window of the
     * SSRC advance only if the tag verified.
     *
     * @return the RTP packet length ({@code len - profile().rtpOverhead()}), or a negative {@link
     *     SrtpFailure} code: {@code MALFORMED}, {@code AUTHENTICATION_FAILED}, {@code REPLAYED},
     *     {@code STREAM_LIMIT} or {@code INDEX_EXHAUSTED}
     * @throws IllegalArgumentException if {@code off} and {@code len} are not within {@code buf}
     * @throws NullPointerException if {@code buf} is null
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        checkRange(buf, off, len, 0);
        int rtpLength = len - profile.rtpTagLength();
        int refused = admitRtp(buf, off, rtpLength);
        if (refused != 0) {
            return refused;
        }
        if (!crypto.unprotectRtp(buf, off, len, admittedHeaderLength, admitted.ssrc,
                admittedIndex)) {
            return failAuthentication();
        }
        commit(rtpStreams, admitted, admittedIndex);
        rtpPackets++;
        return rtpLength;
    }

    /**
     * The checks protect and unprotect share before any cryptography: parses the RTP header of
     * the {@code rtpLength}-octet packet at {@code off}, finds its stream, estimates its index
     * and checks it against the replay window. On success sets the {@code admitted} fields.
     *
     * @return 0, or the code of the failure (already counted)
     */
    private int admitRtp(byte[] buf, int off, int rtpLength) {
        int headerLength = rtpLength <= MAX_PACKET_LENGTH ? rtpHeaderLength(buf, off, rtpLength)
                : -1;
        if (headerLength < 0) {
            return failMalformed();
        }
        StreamState stream = stream(rtpStreams, readInt(buf, off + 8));
        if (stream == null) {
            return failStreamLimit();
        }
        long index = stream.estimateSrtpIndex(readUnsignedShort(buf, off + 2));
        int refused = refuse(stream, index, MAX_SRTP_INDEX);
        if (refused == 0) {
            admitted = stream;
            admittedIndex = index;
            admittedHeaderLength = headerLength;
        }
        return refused;
    }

    /**
     * Protects the (compound) RTCP packet {@code buf[off, off + len)} in place (RFC 3711 §3.4, RFC
     * 7714 §9): encrypts everything after the first 8 octets and appends the E-flag, the SSRC's
     * next SRTCP index (starting at 0) and the tag. The SSRC is the sender SSRC of the first RTCP
     * packet.
     *
     * @return the SRTCP packet length ({@code len + profile().rtcpOverhead()}), or a negative
     *     {@link SrtpFailure} code: {@code MALFORMED}, {@code STREAM_LIMIT} or {@code
     *     INDEX_EXHAUSTED}
     * @throws IllegalArgumentException if {@code off} and {@code len} are not within {@code buf}
     *     with {@link SrtpProfile#rtcpOverhead()} octets to spare
     * @throws NullPointerException if {@code buf} is null
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        checkRange(buf, off, len, profile.rtcpOverhead());
        if (!isRtcp(buf, off, len)) {
            return failMalformed();
        }
        int ssrc = readInt(buf, off + 4);
        StreamState stream = stream(rtcpStreams, ssrc);
        if (stream == null) {
            return failStreamLimit();
        }
        long index = stream.nextSrtcpIndex();
        int refused = refuse(stream, index, MAX_SRTCP_INDEX);
        if (refused != 0) {
            return refused;
        }
        int srtcpLength = crypto.protectRtcp(buf, off, len, ssrc, (int) index);
        commit(rtcpStreams, stream, index);
        rtcpPackets++;
        return srtcpLength;
    }

    /**
     * Unprotects the SRTCP packet {@code buf[off, off + len)} in place: verifies the tag, checks
     * the SRTCP index against the SSRC's replay window, and decrypts if the E-flag is set (a peer
     * may send authenticated-only SRTCP, RFC 3711 §3.4).
     *
     * @return the RTCP packet length ({@code len - profile().rtcpOverhead()}), or a negative {@link
     *     SrtpFailure} code: {@code MALFORMED}, {@code AUTHENTICATION_FAILED}, {@code REPLAYED} or
     *     {@code STREAM_LIMIT}
     * @throws IllegalArgumentException if {@code off} and {@code len} are not within {@code buf}
     * @throws NullPointerException if {@code buf} is null
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        checkRange(buf, off, len, 0);
        int rtcpLength = len - profile.rtcpOverhead();
        if (!isRtcp(buf, off, rtcpLength)) {
            return failMalformed();
        }
        int ssrc = readInt(buf, off + 4);
        int trailer = profile.isAead() ? len - SRTCP_TRAILER : rtcpLength;
        int word = readInt(buf, off + trailer);
        long index = word & MAX_SRTCP_INDEX;
        StreamState stream = stream(rtcpStreams, ssrc);
        if (stream == null) {
            return failStreamLimit();
        }
        if (stream.isReplay(index)) {
            return failReplayed();
        }
        if (!crypto.unprotectRtcp(buf, off, len, ssrc, (int) index, (word & E_FLAG) != 0)) {
            return failAuthentication();
        }
        commit(rtcpStreams, stream, index);
        rtcpPackets++;
        return rtcpLength;
    }

    /** A snapshot of this session's counters. */
    public SrtpStats stats() {
        return new SrtpStats(rtpPackets, rtcpPackets, malformed, authenticationFailures, replayed,
                streamLimit, indexExhausted);
    }

    /** The state of {@code ssrc}: its own, or the spare one if it is new; null if the table is
     *  full. */
    private StreamState stream(StreamTable table, int ssrc) {
        StreamState stream = table.get(ssrc);
        if (stream != null) {
            return stream;
        }
        return table.isFull() ? null : spare.reset(ssrc);
    }

    private int refuse(StreamState stream, long index, long maxIndex) {
        if (index > maxIndex) {
            indexExhausted++;
            return SrtpFailure.INDEX_EXHAUSTED.code();
        }
        return stream.isReplay(index) ? failReplayed() : 0;
    }

    private void commit(StreamTable table, StreamState stream, long index) {
        stream.accept(index);
        if (stream == spare) {
            table.add(stream);
            spare = new StreamState();
        }
    }

    private int failMalformed() {
        malformed++;
        return SrtpFailure.MALFORMED.code();
    }

    private int failAuthentication() {
        authenticationFailures++;
        return SrtpFailure.AUTHENTICATION_FAILED.code();
    }

    private int failReplayed() {
        replayed++;
        return SrtpFailure.REPLAYED.code();
    }

    private int failStreamLimit() {
        streamLimit++;
        return SrtpFailure.STREAM_LIMIT.code();
    }

    private static void checkRange(byte[] buf, int off, int len, int room) {
        Objects.requireNonNull(buf, "buf");
        if (off < 0 || len < 0 || (long) off + len + room > buf.length) {
            throw new IllegalArgumentException("off " + off + " and len " + len + " (+" + room
                    + " octets of room) do not fit a buffer of " + buf.length);
        }
    }

    /**
     * The length of the RTP header in {@code buf[off, off + available)}: 12 octets, the CSRCs and
     * the header extension (RFC 3550 §5.1, §5.3.1); -1 if it is not version 2 or does not fit.
     */
    private static int rtpHeaderLength(byte[] buf, int off, int available) {
        if (available < RTP_HEADER) {
            return -1;
        }
        int first = buf[off] & 0xFF;
        if (first >>> 6 != 2) {
            return -1;
        }
        int length = RTP_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length + 4 > available) {
                return -1;
            }
            length += 4 + 4 * readUnsignedShort(buf, off + length + 2);
        }
        return length <= available ? length : -1;
    }

    /**
     * Whether an (S)RTCP packet at {@code off} whose RTCP part is {@code rtcpLength} octets is
     * version 2 and has at least the 8 octets up to the sender SSRC (RFC 3550 §6.4).
     */
    private static boolean isRtcp(byte[] buf, int off, int rtcpLength) {
        return rtcpLength >= RTCP_HEADER && rtcpLength <= MAX_PACKET_LENGTH
                && (buf[off] & 0xC0) == 0x80;
    }

    private static int readUnsignedShort(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
    }

    private static int readInt(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 24 | (buf[off + 1] & 0xFF) << 16 | (buf[off + 2] & 0xFF) << 8
                | buf[off + 3] & 0xFF;
    }
}
