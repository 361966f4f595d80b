package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;

/** The start of the VP9 uncompressed header (VP9 bitstream specification §6.2). */
final class Vp9Header {

    static final long NOT_KEY_FRAME = -1;
    static final long INVALID = -2;

    private Vp9Header() {}

    /**
     * @return for a key frame, its width in the high and its height in the low 32 bits; {@link
     *     #NOT_KEY_FRAME} for other frames; {@link #INVALID} if the header is malformed
     */
    static long keyFrameSize(byte[] buf, int offset, int length) {
        try {
            BitReader r = new BitReader(buf, offset, length);
            if (r.bits(2) != 2) {
                return INVALID;
            }
            int profile = r.bit() | r.bit() << 1;
            if (profile == 3 && r.bit() != 0) {
                return INVALID;
            }
            if (r.flag()) { // show_existing_frame
                return NOT_KEY_FRAME;
            }
            if (r.flag()) { // frame_type 1: NON_KEY_FRAME
                return NOT_KEY_FRAME;
            }
            r.bits(2); // show_frame, error_resilient_mode
            if (r.bits(24) != 0x498342) {
                return INVALID;
            }
            if (profile >= 2) {
                r.bit(); // ten_or_twelve_bit
            }
            int colorSpace = r.bits(3);
            if (colorSpace != 7) { // CS_RGB
                r.bit(); // color_range
                if (profile == 1 || profile == 3) {
                    r.bits(3); // subsampling_x, subsampling_y, reserved_zero
                }
            } else if (profile == 1 || profile == 3) {
                r.bit(); // reserved_zero
            }
            long width = r.bits(16) + 1;
            long height = r.bits(16) + 1;
            return width << 32 | height;
        } catch (ParseException e) {
            return INVALID;
        }
    }
}
