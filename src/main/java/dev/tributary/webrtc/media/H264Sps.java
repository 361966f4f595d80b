package dev.tributary.webrtc.media;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) a muxer needs: profile,
 * constraint flags and level for the avcC record and codec string, and the displayed picture
 * size after frame cropping.
 *
 * @param profileIdc profile_idc, e.g. 66 Baseline, 77 Main, 100 High
 * @param constraintFlags the byte holding constraint_set0..5_flag
 * @param levelIdc level_idc, ten times the level (31 = 3.1)
 * @param id seq_parameter_set_id
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma luma bit depth, 8 to 14
 * @param bitDepthChroma chroma bit depth, 8 to 14
 * @param frameMbsOnly frame_mbs_only_flag: false if the stream may contain field pictures
 * @param width displayed width in pixels, cropping applied
 * @param height displayed height in pixels, cropping applied
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int id, int chromaFormatIdc,
        int bitDepthLuma, int bitDepthChroma, boolean frameMbsOnly, int width, int height) {

    /** Far above any level's limit (level 6.2 allows 139 264 macroblocks per frame). */
    private static final int MAX_MBS_PER_DIMENSION = 4096;

    /**
     * Parses an SPS NAL unit (header byte included, emulation prevention bytes still in place).
     *
     * @param nal the array holding the NAL unit
     * @param offset index of the NAL header byte
     * @param length NAL unit length
     * @return the parsed fields
     * @throws ParseException if it is not a well-formed SPS
     */
    public static H264Sps parse(byte[] nal, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, nal.length);
        if (length < 4 || (nal[offset] & 0x1F) != 7) {
            throw new ParseException("not an SPS NAL unit", 0);
        }
        byte[] rbsp = unescape(nal, offset + 1, length - 1);
        BitReader r = new BitReader(rbsp, 0, rbsp.length);
        int profile = r.bits(8);
        int constraints = r.bits(8);
        int level = r.bits(8);
        int id = r.ue("seq_parameter_set_id", 31);
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profile)) {
            chromaFormat = r.ue("chroma_format_idc", 3);
            if (chromaFormat == 3) {
                separateColourPlanes = r.flag();
            }
            bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 6);
            bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 6);
            r.bit(); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormat == 3 ? 12 : 8;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue("log2_max_frame_num_minus4", 12);
        int pocType = r.ue("pic_order_cnt_type", 2);
        if (pocType == 0) {
            r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            r.bit(); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue("max_num_ref_frames", 16);
        r.bit(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue("pic_width_in_mbs_minus1", MAX_MBS_PER_DIMENSION - 1) + 1;
        int heightMapUnits = r.ue("pic_height_in_map_units_minus1", MAX_MBS_PER_DIMENSION - 1) + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.bit(); // mb_adaptive_frame_field_flag
        }
        r.bit(); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.flag()) { // frame_cropping_flag
            int chromaArrayType = separateColourPlanes ? 0 : chromaFormat;
            int cropUnitX = chromaArrayType == 0 ? 1 : chromaFormat == 3 ? 1 : 2;
            int cropUnitY = (chromaArrayType == 0 ? 1 : chromaFormat == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            long left = r.ue();
            long right = r.ue();
            long top = r.ue();
            long bottom = r.ue();
            long croppedWidth = width - cropUnitX * (left + right);
            long croppedHeight = height - cropUnitY * (top + bottom);
            if (croppedWidth <= 0 || croppedHeight <= 0) {
                throw new ParseException("frame cropping leaves no picture", -1);
            }
            width = (int) croppedWidth;
            height = (int) croppedHeight;
        }
        return new H264Sps(profile, constraints, level, id, chromaFormat, bitDepthLuma, bitDepthChroma,
                frameMbsOnly, width, height);
    }

    /** Profiles whose SPS carries chroma format, bit depths and scaling matrices (§7.3.2.1.1). */
    private static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingList(BitReader r, int size) {
        long last = 8;
        long next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = Math.floorMod(last + r.se(), 256);
            }
            last = next == 0 ? last : next;
        }
    }

    /** Removes emulation prevention bytes: 00 00 03 becomes 00 00 (§7.4.1). */
    static byte[] unescape(byte[] src, int offset, int length) {
        byte[] rbsp = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = src[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[n++] = b;
        }
        return n == length ? rbsp : Arrays.copyOf(rbsp, n);
    }
}
