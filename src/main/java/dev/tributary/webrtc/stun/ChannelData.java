package dev.tributary.webrtc.stun;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;

/**
 * A TURN ChannelData message (RFC 8656 §12.4): a 4-byte header (channel number, length) and
 * application data, relayed to the peer bound to the channel.
 *
 * <p>Over UDP the data need not be padded; over TCP and TLS it is padded to a multiple of 4
 * (RFC 8656 §12.5). Parsing accepts both; {@link #encode(boolean)} pads when asked.
 *
 * @param channelNumber the channel, {@value #MIN_CHANNEL}..{@value #MAX_CHANNEL} (0x4000..0x4FFF)
 * @param data the application data, copied
 */
public record ChannelData(int channelNumber, byte[] data) {

    /** The first channel number a client may bind (RFC 8656 §12). */
    public static final int MIN_CHANNEL = 0x4000;
    /** The last channel number a client may bind (RFC 8656 §12). */
    public static final int MAX_CHANNEL = 0x4FFF;
    /** Bytes in the ChannelData header. */
    public static final int HEADER_LENGTH = 4;

    /**
     * @throws IllegalArgumentException if the channel is outside 0x4000..0x4FFF or the data is
     *     longer than 65535 bytes
     */
    public ChannelData {
        if (channelNumber < MIN_CHANNEL || channelNumber > MAX_CHANNEL) {
            throw new IllegalArgumentException(String.format("channel must be 0x4000..0x4FFF: 0x%x", channelNumber));
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData of " + data.length + " bytes exceeds 65535");
        }
        data = data.clone();
    }

    /**
     * Whether a datagram looks like ChannelData, for demultiplexing (RFC 7983 §7: first byte
     * 64..79): channel 0x4000..0x4FFF and a length that the datagram holds, with at most the
     * padding after it. Does not allocate.
     *
     * @param buf the buffer holding the datagram
     * @param off where the datagram starts
     * @param len the datagram length
     * @return whether {@link #parse(byte[], int, int)} would succeed
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static boolean isChannelData(byte[] buf, int off, int len) {
        Bytes.checkRange(buf, off, len);
        if (len < HEADER_LENGTH) {
            return false;
        }
        int channel = Bytes.u16(buf, off);
        int length = Bytes.u16(buf, off + 2);
        return channel >= MIN_CHANNEL && channel <= MAX_CHANNEL
                && len >= HEADER_LENGTH + length && len <= HEADER_LENGTH + Bytes.pad4(length);
    }

    /**
     * Parses one ChannelData message that fills {@code len} bytes: header, data, and optionally
     * the padding to a multiple of 4 (whose content is ignored).
     *
     * @param buf the buffer holding the message; the data is copied
     * @param off where the message starts
     * @param len the message length
     * @return the message
     * @throws ParseException if the channel number is outside 0x4000..0x4FFF, or the length field
     *     does not match {@code len}
     * @throws IllegalArgumentException if {@code off}/{@code len} are not a range of {@code buf}
     */
    public static ChannelData parse(byte[] buf, int off, int len) {
        Bytes.checkRange(buf, off, len);
        if (len < HEADER_LENGTH) {
            throw new ParseException("ChannelData of " + len + " bytes is shorter than its 4-byte header", 0);
        }
        int channel = Bytes.u16(buf, off);
        if (channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
            throw new ParseException(String.format("ChannelData channel 0x%04x is not 0x4000..0x4FFF", channel), 0);
        }
        int length = Bytes.u16(buf, off + 2);
        if (len < HEADER_LENGTH + length) {
            throw new ParseException("ChannelData length " + length + " runs past the "
                    + (len - HEADER_LENGTH) + " bytes after the header", 2);
        }
        if (len > HEADER_LENGTH + Bytes.pad4(length)) {
            throw new ParseException("ChannelData of length " + length + " is followed by "
                    + (len - HEADER_LENGTH - length) + " bytes, more than its padding", 2);
        }
        return new ChannelData(channel, Arrays.copyOfRange(buf, off + HEADER_LENGTH, off + HEADER_LENGTH + length));
    }

    /** @return a copy of the application data */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * @param pad whether to pad the data with zeros to a multiple of 4, as TCP and TLS
     *     transports require (RFC 8656 §12.5)
     * @return the message bytes
     */
    public byte[] encode(boolean pad) {
        ByteWriter w = new ByteWriter(HEADER_LENGTH + Bytes.pad4(data.length));
        w.u16(channelNumber);
        w.u16(data.length);
        w.bytes(data);
        if (pad) {
            w.fill(Bytes.pad4(data.length) - data.length, (byte) 0);
        }
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData other && channelNumber == other.channelNumber && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * channelNumber + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("ChannelData[0x%04x, %d bytes]", channelNumber, data.length);
    }
}
