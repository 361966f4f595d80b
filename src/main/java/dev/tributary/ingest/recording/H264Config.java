package dev.tributary.ingest.recording;

import java.io.ByteArrayOutputStream;

/**
 * What a container needs to know of an H.264 track: the picture size read from the SPS and the
 * AVCDecoderConfigurationRecord ({@code avcC}, ISO/IEC 14496-15 §5.3.3.1) built from SPS and PPS.
 *
 * <p>The SPS reader covers exactly the fields before the picture size and cropping (H.264
 * §7.3.2.1.1); the VUI that follows is not needed and not read.
 */
record H264Config(int width, int height, byte[] avcC) {

    /**
     * Parses the SPS and builds {@code avcC}.
     *
     * @param sps the SPS NAL unit without start code, header byte included
     * @param pps the PPS NAL unit without start code, header byte included
     * @throws RecordingException if either is not a parseable parameter set
     */
    static H264Config of(byte[] sps, byte[] pps) {
        if (sps.length < 4 || (sps[0] & 0x1f) != 7) {
            throw new RecordingException("not an H.264 SPS NAL unit");
        }
        if (pps.length < 2 || (pps[0] & 0x1f) != 8) {
            throw new RecordingException("not an H.264 PPS NAL unit");
        }
        if (sps.length > 0xffff || pps.length > 0xffff) {
            throw new RecordingException("H.264 parameter set too large");
        }
        byte[] rbsp = unescape(sps, 1, sps.length - 1);
        BitReader r = new BitReader(rbsp, 0, rbsp.length);
        int profileIdc = r.bitsInt(8);
        r.skip(16); // constraint flags, level_idc
        r.ue(); // seq_parameter_set_id
        int chromaFormatIdc = 1;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        boolean separateColourPlane = false;
        boolean highProfile = switch (profileIdc) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
        if (highProfile) {
            chromaFormatIdc = r.ue();
            if (chromaFormatIdc > 3) {
                throw new RecordingException("invalid chroma_format_idc " + chromaFormatIdc);
            }
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.flag();
            }
            bitDepthLuma = 8 + r.ue();
            bitDepthChroma = 8 + r.ue();
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue();
        } else if (pocType == 1) {
            r.skip(1);
            r.se();
            r.se();
            int cycle = r.ue();
            if (cycle > 255) {
                throw new RecordingException("invalid num_ref_frames_in_pic_order_cnt_cycle");
            }
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        long widthMbs = r.ue() + 1L;
        long heightMapUnits = r.ue() + 1L;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        long width = widthMbs * 16;
        long height = heightMapUnits * 16 * (frameMbsOnly ? 1 : 2);
        if (r.flag()) { // frame_cropping_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            long cropX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            long cropY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            long left = r.ue();
            long right = r.ue();
            long top = r.ue();
            long bottom = r.ue();
            width -= cropX * (left + right);
            height -= cropY * (top + bottom);
        }
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new RecordingException("implausible H.264 picture size " + width + "x" + height);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(sps.length + pps.length + 16);
        out.write(1); // configurationVersion
        out.write(sps[1]); // AVCProfileIndication
        out.write(sps[2]); // profile_compatibility
        out.write(sps[3]); // AVCLevelIndication
        out.write(0xfc | 3); // reserved, lengthSizeMinusOne = 3: four-byte NAL unit lengths
        out.write(0xe0 | 1); // reserved, numOfSequenceParameterSets
        writeWithLength(out, sps);
        out.write(1); // numOfPictureParameterSets
        writeWithLength(out, pps);
        if (highProfile) {
            out.write(0xfc | chromaFormatIdc);
            out.write(0xf8 | (bitDepthLuma - 8) & 7);
            out.write(0xf8 | (bitDepthChroma - 8) & 7);
            out.write(0); // numOfSequenceParameterSetExt
        }
        return new H264Config((int) width, (int) height, out.toByteArray());
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private static void writeWithLength(ByteArrayOutputStream out, byte[] nal) {
        out.write(nal.length >>> 8);
        out.write(nal.length & 0xff);
        out.write(nal, 0, nal.length);
    }

    /** Removes emulation prevention bytes (00 00 03 → 00 00). */
    static byte[] unescape(byte[] src, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = src[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = (byte) b;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
