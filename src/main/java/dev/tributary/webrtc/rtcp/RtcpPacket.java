package dev.tributary.webrtc.rtcp;

/**
 * One RTCP packet of a compound datagram (RFC 3550 §6.1), as an immutable value.
 *
 * <p>{@link RtcpCompound#parse} produces these; {@link #writeTo} and {@link #toByteArray} write
 * one back. Writing never sets the padding bit: the packet is always whole 32-bit words without
 * padding, so it may stand anywhere in a compound.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Goodbye, ApplicationDefined,
                FeedbackMessage, UnknownRtcpPacket {

    /** Sender report, RFC 3550 §6.4.1. */
    int TYPE_SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    int TYPE_RR = 201;
    /** Source description, RFC 3550 §6.5. */
    int TYPE_SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    int TYPE_BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    int TYPE_APP = 204;
    /** Transport-layer feedback, RFC 4585 §6.2. */
    int TYPE_RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    int TYPE_PSFB = 206;

    /** The packet type (PT) field. */
    int packetType();

    /** How many bytes {@link #writeTo} writes: the header and body, a multiple of 4. */
    int encodedLength();

    /**
     * Writes the packet into {@code buf} at {@code off}.
     *
     * @return the number of bytes written, {@link #encodedLength()}
     * @throws IndexOutOfBoundsException if {@code buf} has fewer than {@link #encodedLength()}
     *     bytes from {@code off}; nothing is written then
     */
    int writeTo(byte[] buf, int off);

    /** The packet's bytes in a new array of {@link #encodedLength()} bytes. */
    default byte[] toByteArray() {
        byte[] out = new byte[encodedLength()];
        writeTo(out, 0);
        return out;
    }
}
