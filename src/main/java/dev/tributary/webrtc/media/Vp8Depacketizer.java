package dev.tributary.webrtc.media;

/**
 * VP8 depacketizer (RFC 7741). Reads the payload descriptor with all its optional fields (X, N,
 * S, PID; I with a 7- or 15-bit PictureID, L, T, K) and concatenates the payloads of a frame. A
 * frame's first packet has S=1 and PID=0; the P bit of the VP8 payload header (RFC 6386 §9.1)
 * tells a key frame, whose header gives {@link #width()} and {@link #height()}.
 */
public final class Vp8Depacketizer extends Depacketizer {

    private boolean startSeen;
    private int width;
    private int height;
    private long invalidKeyframes;

    /** Creates a depacketizer that has seen no key frame. */
    public Vp8Depacketizer() {
        super(Codec.VP8);
    }

    /** @return the width of the latest key frame, 0 before the first one */
    public int width() {
        return width;
    }

    /** @return the height of the latest key frame, 0 before the first one */
    public int height() {
        return height;
    }

    /** @return frames whose P bit said key frame but whose key frame header was invalid */
    public long invalidKeyframes() {
        return invalidKeyframes;
    }

    /**
     * @return the offset of the VP8 payload after the descriptor, or -1 if the descriptor is
     *     truncated or nothing follows it
     */
    static int payloadStart(byte[] buf, int offset, int length) {
        int end = offset + length;
        int pos = offset + 1;
        if ((buf[offset] & 0x80) != 0) {
            if (pos >= end) {
                return -1;
            }
            int extensions = buf[pos++] & 0xFF;
            if ((extensions & 0x80) != 0) {
                if (pos >= end) {
                    return -1;
                }
                pos += (buf[pos] & 0x80) != 0 ? 2 : 1;
            }
            if ((extensions & 0x40) != 0) {
                pos++;
            }
            if ((extensions & 0x30) != 0) {
                pos++;
            }
        }
        return pos < end ? pos : -1;
    }

    private static boolean isPartitionStart(byte[] buf, int offset) {
        return (buf[offset] & 0x17) == 0x10;
    }

    @Override
    boolean startsFrame(byte[] buf, int offset, int length) {
        return isPartitionStart(buf, offset);
    }

    @Override
    boolean depacketize(byte[] buf, int offset, int length) {
        int payload = payloadStart(buf, offset, length);
        if (payload < 0) {
            drop(DropReason.MALFORMED);
            return false;
        }
        if (outLength == 0) {
            startSeen = isPartitionStart(buf, offset);
        }
        append(buf, payload, offset + length - payload);
        return true;
    }

    @Override
    void lossInFrame() {
        // payloads are concatenated as they come; nothing is held back
    }

    @Override
    boolean endFrame() {
        boolean intact = true;
        frameKeyframe = false;
        if (startSeen && outLength >= 3 && (out[0] & 1) == 0) {
            // key frame: 3-byte frame tag, start code 9d 01 2a, 14-bit width and height (§9.1)
            if (outLength >= 10 && (out[3] & 0xFF) == 0x9d && out[4] == 0x01 && out[5] == 0x2a) {
                frameKeyframe = true;
                width = (out[6] & 0xFF | (out[7] & 0x3F) << 8);
                height = (out[8] & 0xFF | (out[9] & 0x3F) << 8);
            } else {
                invalidKeyframes++;
                intact = false;
            }
        }
        startSeen = false;
        return intact;
    }
}
