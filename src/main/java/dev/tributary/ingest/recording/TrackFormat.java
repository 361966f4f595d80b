package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import java.util.Objects;

/**
 * The codec parameters of one track of a recording, known before its first frame: what the
 * container writes into its track header.
 */
public sealed interface TrackFormat {

    /** The codec of this track. */
    Codec codec();

    /**
     * An H.264 track.
     *
     * @param sps the sequence parameter set NAL unit, without start code
     * @param pps the picture parameter set NAL unit, without start code
     */
    record H264(byte[] sps, byte[] pps) implements TrackFormat {
        public H264 {
            sps = sps.clone();
            pps = pps.clone();
        }

        @Override
        public byte[] sps() {
            return sps.clone();
        }

        @Override
        public byte[] pps() {
            return pps.clone();
        }

        @Override
        public Codec codec() {
            return Codec.H264;
        }
    }

    /** A VP8 track of the given picture size. */
    record Vp8(int width, int height) implements TrackFormat {
        public Vp8 {
            checkSize(width, height);
        }

        @Override
        public Codec codec() {
            return Codec.VP8;
        }
    }

    /** A VP9 track of the given picture size. */
    record Vp9(int width, int height) implements TrackFormat {
        public Vp9 {
            checkSize(width, height);
        }

        @Override
        public Codec codec() {
            return Codec.VP9;
        }
    }

    /**
     * An AV1 track.
     *
     * @param sequenceHeader OBUs in low-overhead format that include the sequence header OBU
     */
    record Av1(byte[] sequenceHeader) implements TrackFormat {
        public Av1 {
            sequenceHeader = sequenceHeader.clone();
        }

        @Override
        public byte[] sequenceHeader() {
            return sequenceHeader.clone();
        }

        @Override
        public Codec codec() {
            return Codec.AV1;
        }
    }

    /** An Opus track at 48 kHz with one or two channels (mapping family 0). */
    record Opus(int channels) implements TrackFormat {
        public Opus {
            if (channels != 1 && channels != 2) {
                throw new IllegalArgumentException("Opus mapping family 0 has 1 or 2 channels, not " + channels);
            }
        }

        @Override
        public Codec codec() {
            return Codec.OPUS;
        }
    }

    /**
     * A VP8 track sized from a keyframe's header (RFC 6386 §9.1).
     *
     * @throws RecordingException if the frame is not a VP8 keyframe
     */
    static Vp8 vp8FromKeyframe(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (length < 10 || (frame[offset] & 1) != 0) {
            throw new RecordingException("not a VP8 keyframe");
        }
        if ((frame[offset + 3] & 0xff) != 0x9d || (frame[offset + 4] & 0xff) != 0x01
                || (frame[offset + 5] & 0xff) != 0x2a) {
            throw new RecordingException("VP8 keyframe start code missing");
        }
        int width = ((frame[offset + 6] & 0xff) | (frame[offset + 7] & 0xff) << 8) & 0x3fff;
        int height = ((frame[offset + 8] & 0xff) | (frame[offset + 9] & 0xff) << 8) & 0x3fff;
        if (width == 0 || height == 0) {
            throw new RecordingException("VP8 keyframe with zero size");
        }
        return new Vp8(width, height);
    }

    /**
     * A VP9 track sized from a keyframe's uncompressed header (VP9 bitstream §6.2); for a
     * superframe that is the header of its first frame.
     *
     * @throws RecordingException if the frame is not a VP9 keyframe
     */
    static Vp9 vp9FromKeyframe(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        BitReader r = new BitReader(frame, offset, length);
        if (r.bitsInt(2) != 2) {
            throw new RecordingException("VP9 frame marker missing");
        }
        int profile = r.bit() | r.bit() << 1;
        if (profile == 3) {
            r.skip(1);
        }
        if (r.flag() || r.flag()) { // show_existing_frame, then frame_type (1 = non-key)
            throw new RecordingException("not a VP9 keyframe");
        }
        r.skip(2); // show_frame, error_resilient_mode
        if (r.bits(24) != 0x498342) {
            throw new RecordingException("VP9 keyframe sync code missing");
        }
        if (profile >= 2) {
            r.skip(1); // ten_or_twelve_bit
        }
        int colorSpace = r.bitsInt(3);
        if (colorSpace != 7) { // not sRGB
            r.skip(1);
            if (profile == 1 || profile == 3) {
                r.skip(3);
            }
        } else if (profile == 1 || profile == 3) {
            r.skip(1);
        }
        int width = r.bitsInt(16) + 1;
        int height = r.bitsInt(16) + 1;
        return new Vp9(width, height);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || width > 65536 || height > 65536) {
            throw new IllegalArgumentException("invalid picture size " + width + "x" + height);
        }
    }
}
