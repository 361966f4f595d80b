package dev.tributary.webrtc.rtp;

import dev.tributary.webrtc.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Readers for the values of common header extensions ({@link HeaderExtensionUri}), given the
 * local ID the session negotiated for each. The numeric readers allocate nothing and return -1
 * when the packet does not carry the element. A value shorter than its format needs is malformed
 * and throws {@link ParseException}; longer values are read from their first bytes, as libwebrtc
 * and Pion do (transport-wide-cc-02 appends a feedback request to the sequence number, for one).
 */
public final class HeaderExtensions {

    private HeaderExtensions() {}

    /**
     * The transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2).
     *
     * @param packet a validated packet
     * @param id the local ID of {@link HeaderExtensionUri#TRANSPORT_WIDE_CC} (or -02)
     * @return the 16-bit sequence number, or -1 if absent
     * @throws ParseException if the value is shorter than 2 bytes
     */
    public static int transportSequenceNumber(RtpPacketView packet, int id) {
        int offset = valueOffset(packet, id, 2, "transport-wide sequence number");
        return offset < 0 ? -1 : RtpFormat.u16(packet.buffer(), offset);
    }

    /**
     * The absolute send time: seconds in 6.18 fixed point, wrapping every 64 s; the NTP send time
     * shifted right by 14 bits, keeping 24 bits.
     *
     * @param packet a validated packet
     * @param id the local ID of {@link HeaderExtensionUri#ABS_SEND_TIME}
     * @return the 24-bit value, or -1 if absent
     * @throws ParseException if the value is shorter than 3 bytes
     */
    public static int absSendTime(RtpPacketView packet, int id) {
        int offset = valueOffset(packet, id, 3, "abs-send-time");
        return offset < 0 ? -1 : RtpFormat.u24(packet.buffer(), offset);
    }

    /**
     * The client-to-mixer audio level byte (RFC 6464 §3): bit 7 is the voice activity flag V,
     * bits 0 to 6 the level in -dBov (0 loudest, 127 silence). Split it with {@link
     * #voiceActivity(int)} and {@link #level(int)}.
     *
     * @param packet a validated packet
     * @param id the local ID of {@link HeaderExtensionUri#AUDIO_LEVEL}
     * @return the byte, 0 to 255, or -1 if absent
     * @throws ParseException if the value is empty
     */
    public static int audioLevel(RtpPacketView packet, int id) {
        return firstByte(packet, id, "audio level");
    }

    /**
     * @param audioLevel a byte from {@link #audioLevel(RtpPacketView, int)}
     * @return the V flag: the sender's voice activity detector found speech
     */
    public static boolean voiceActivity(int audioLevel) {
        return (audioLevel & 0x80) != 0;
    }

    /**
     * @param audioLevel a byte from {@link #audioLevel(RtpPacketView, int)}
     * @return the level in -dBov, 0 (loudest) to 127 (silence)
     */
    public static int level(int audioLevel) {
        return audioLevel & 0x7F;
    }

    /**
     * The coordination-of-video-orientation byte (3GPP TS 26.114 §7.4.5): bit 3 camera (0 front,
     * 1 back), bit 2 horizontal flip, bits 0 and 1 the clockwise rotation in 90° steps. A
     * recording applies the rotation as container metadata.
     *
     * @param packet a validated packet
     * @param id the local ID of {@link HeaderExtensionUri#VIDEO_ORIENTATION}
     * @return the byte, 0 to 255, or -1 if absent
     * @throws ParseException if the value is empty
     */
    public static int videoOrientation(RtpPacketView packet, int id) {
        return firstByte(packet, id, "video orientation");
    }

    /**
     * Compares a text value ({@link HeaderExtensionUri#MID}, {@link
     * HeaderExtensionUri#RTP_STREAM_ID}, {@link HeaderExtensionUri#REPAIRED_RTP_STREAM_ID}) with
     * an expected one without allocating, for routing packets to their stream. A NUL byte ends
     * the value, see {@link #text(RtpPacketView, int)}.
     *
     * @param packet a validated packet
     * @param id the local ID of the extension
     * @param expected the expected value's UTF-8 bytes
     * @return whether the element is present with exactly that value
     */
    public static boolean textEquals(RtpPacketView packet, int id, byte[] expected) {
        int offset = packet.extensionOffset(id);
        if (offset < 0) {
            return false;
        }
        int length = textLength(packet.buffer(), offset, packet.extensionLength(id));
        return Arrays.equals(packet.buffer(), offset, offset + length, expected, 0, expected.length);
    }

    /**
     * A text value ({@link HeaderExtensionUri#MID}, {@link HeaderExtensionUri#RTP_STREAM_ID},
     * {@link HeaderExtensionUri#REPAIRED_RTP_STREAM_ID}; RFC 7941 §4) as a string. Allocates.
     * Like libwebrtc, a NUL byte ends the value: senders pad short values with zeros.
     *
     * @param packet a validated packet
     * @param id the local ID of the extension
     * @return the value decoded as UTF-8, or empty if absent
     * @throws ParseException if the value is empty
     */
    public static Optional<String> text(RtpPacketView packet, int id) {
        int offset = packet.extensionOffset(id);
        if (offset < 0) {
            return Optional.empty();
        }
        int length = textLength(packet.buffer(), offset, packet.extensionLength(id));
        if (length == 0) {
            throw new ParseException("empty text value in header extension " + id, offset - packet.offset());
        }
        return Optional.of(new String(packet.buffer(), offset, length, StandardCharsets.UTF_8));
    }

    private static int textLength(byte[] buf, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (buf[offset + i] == 0) {
                return i;
            }
        }
        return length;
    }

    private static int firstByte(RtpPacketView packet, int id, String what) {
        int offset = valueOffset(packet, id, 1, what);
        return offset < 0 ? -1 : packet.buffer()[offset] & 0xFF;
    }

    /** The value's index in the buffer, -1 if absent; throws if shorter than {@code minLength}. */
    private static int valueOffset(RtpPacketView packet, int id, int minLength, String what) {
        int element = RtpFormat.findElement(packet, id);
        if (element < 0) {
            return -1;
        }
        boolean oneByte = packet.extensionProfile() == RtpFormat.ONE_BYTE_PROFILE;
        int length = RtpFormat.valueLength(packet.buffer(), element, oneByte);
        if (length < minLength) {
            throw new ParseException(what + " extension of " + length + " bytes, expected at least "
                    + minLength, element - packet.offset());
        }
        return RtpFormat.valueOffset(element, oneByte);
    }
}
