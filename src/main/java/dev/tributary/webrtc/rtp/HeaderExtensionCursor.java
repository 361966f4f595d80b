package dev.tributary.webrtc.rtp;

import java.util.NoSuchElementException;

/**
 * Walks the header extension elements of a packet in order (RFC 8285 §4.2, §4.3), skipping
 * padding and stopping at a one-byte ID 15, without allocating. Reusable:
 *
 * <pre>{@code
 * HeaderExtensionCursor c = new HeaderExtensionCursor();   // once
 * c.reset(packet);
 * while (c.next()) {
 *     use(c.id(), packet.buffer(), c.offset(), c.length());
 * }
 * }</pre>
 *
 * <p>A packet without extension, or with a profile other than the one-byte and two-byte forms,
 * has no elements. The cursor reads the packet's bytes as they were when {@link
 * #reset(RtpPacketView)} was called; reset it again after re-wrapping a {@link ReusableRtpPacket}.
 */
public final class HeaderExtensionCursor {

    private byte[] buffer;
    private int end;
    private boolean oneByte;
    private int scanFrom;
    private int element = -1;

    /** Creates a cursor with no elements; call {@link #reset(RtpPacketView)} next. */
    public HeaderExtensionCursor() {}

    /**
     * Positions the cursor before the first element of a packet.
     *
     * @param packet a validated packet
     * @return this cursor
     */
    public HeaderExtensionCursor reset(RtpPacketView packet) {
        buffer = packet.buffer();
        scanFrom = packet.extensionDataOffset();
        end = RtpFormat.hasElements(packet.extensionProfile())
                ? scanFrom + packet.extensionDataLength()
                : scanFrom;
        oneByte = packet.extensionProfile() == RtpFormat.ONE_BYTE_PROFILE;
        element = -1;
        return this;
    }

    /**
     * Advances to the next element.
     *
     * @return whether there is one; the accessors then describe it
     */
    public boolean next() {
        int pos = scanFrom < end ? RtpFormat.nextElement(buffer, scanFrom, end, oneByte) : end;
        if (pos >= end) {
            element = -1;
            scanFrom = end;
            return false;
        }
        element = pos;
        scanFrom = RtpFormat.valueEnd(buffer, pos, oneByte);
        return true;
    }

    /**
     * @return the current element's local identifier
     * @throws NoSuchElementException if {@link #next()} has not returned true
     */
    public int id() {
        return RtpFormat.elementId(buffer, current(), oneByte);
    }

    /**
     * @return the index of the current element's value in the packet's buffer
     * @throws NoSuchElementException if {@link #next()} has not returned true
     */
    public int offset() {
        return RtpFormat.valueOffset(current(), oneByte);
    }

    /**
     * @return the current element's value length in bytes
     * @throws NoSuchElementException if {@link #next()} has not returned true
     */
    public int length() {
        return RtpFormat.valueLength(buffer, current(), oneByte);
    }

    private int current() {
        if (element < 0) {
            throw new NoSuchElementException("no current extension element: call next() first");
        }
        return element;
    }
}
