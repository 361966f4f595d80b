package dev.tributary.ingest.recording;

/**
 * What a container needs to know of an AV1 track: the maximum frame size and the
 * AV1CodecConfigurationRecord ({@code av1C}, AV1-ISOBMFF §2.3.3, also Matroska's CodecPrivate)
 * built from the sequence header OBU (AV1 §5.5).
 */
record Av1Config(int width, int height, byte[] av1C) {

    private static final int OBU_SEQUENCE_HEADER = 1;

    /**
     * Finds the sequence header OBU in {@code obus} (low-overhead format; the last OBU may lack its
     * size field) and parses it.
     *
     * @throws RecordingException if there is no parseable sequence header
     */
    static Av1Config of(byte[] obus) {
        int pos = 0;
        while (pos < obus.length) {
            int header = obus[pos] & 0xff;
            if ((header & 0x80) != 0) {
                throw new RecordingException("AV1 OBU forbidden bit set");
            }
            int type = (header >> 3) & 0xf;
            boolean extension = (header & 0x04) != 0;
            boolean hasSize = (header & 0x02) != 0;
            int payload = pos + 1 + (extension ? 1 : 0);
            long size;
            if (hasSize) {
                long v = 0;
                int i = 0;
                for (; i < 8; i++) {
                    if (payload + i >= obus.length) {
                        throw new RecordingException("AV1 OBU size truncated");
                    }
                    int b = obus[payload + i] & 0xff;
                    v |= (long) (b & 0x7f) << (7 * i);
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                payload += i + 1;
                size = v;
            } else {
                size = obus.length - payload;
            }
            if (payload > obus.length || size > obus.length - payload) {
                throw new RecordingException("AV1 OBU overruns its buffer");
            }
            if (type == OBU_SEQUENCE_HEADER) {
                return parse(withSizeField(obus, pos, extension ? 2 : 1, payload, (int) size));
            }
            pos = payload + (int) size;
        }
        throw new RecordingException("no AV1 sequence header OBU");
    }

    /** The OBU rewritten with obu_has_size_field set, as av1C's configOBUs must be. */
    private static byte[] withSizeField(byte[] src, int start, int headerLength, int payload, int size) {
        byte[] leb = new byte[8];
        int n = 0;
        int v = size;
        do {
            leb[n] = (byte) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                leb[n] |= (byte) 0x80;
            }
            n++;
        } while (v != 0);
        byte[] obu = new byte[headerLength + n + size];
        System.arraycopy(src, start, obu, 0, headerLength);
        obu[0] |= 0x02;
        System.arraycopy(leb, 0, obu, headerLength, n);
        System.arraycopy(src, payload, obu, headerLength + n, size);
        return obu;
    }

    private static Av1Config parse(byte[] obu) {
        int payloadOffset = (obu[0] & 0x04) != 0 ? 2 : 1;
        while ((obu[payloadOffset++] & 0x80) != 0) {
            // skip the leb128 size just written
        }
        BitReader r = new BitReader(obu, payloadOffset, obu.length - payloadOffset);
        int profile = r.bitsInt(3);
        r.skip(1); // still_picture
        boolean reduced = r.flag();
        int level0;
        int tier0 = 0;
        if (reduced) {
            level0 = r.bitsInt(5);
        } else {
            boolean decoderModelInfo = false;
            int bufferDelayLength = 0;
            if (r.flag()) { // timing_info_present_flag
                r.skip(64); // num_units_in_display_tick, time_scale
                if (r.flag()) { // equal_picture_interval
                    r.uvlc();
                }
                decoderModelInfo = r.flag();
                if (decoderModelInfo) {
                    bufferDelayLength = r.bitsInt(5) + 1;
                    r.skip(32 + 5 + 5);
                }
            }
            boolean initialDisplayDelay = r.flag();
            int operatingPoints = r.bitsInt(5) + 1;
            level0 = -1;
            for (int i = 0; i < operatingPoints; i++) {
                r.skip(12); // operating_point_idc
                int level = r.bitsInt(5);
                int tier = level > 7 ? r.bit() : 0;
                if (i == 0) {
                    level0 = level;
                    tier0 = tier;
                }
                if (decoderModelInfo && r.flag()) {
                    r.skip(2 * bufferDelayLength + 1);
                }
                if (initialDisplayDelay && r.flag()) {
                    r.skip(4);
                }
            }
        }
        int widthBits = r.bitsInt(4) + 1;
        int heightBits = r.bitsInt(4) + 1;
        long width = r.bits(widthBits) + 1;
        long height = r.bits(heightBits) + 1;
        if (!reduced && r.flag()) { // frame_id_numbers_present_flag
            r.skip(4 + 3);
        }
        r.skip(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge
        if (!reduced) {
            r.skip(4); // interintra, masked compound, warped motion, dual filter
            boolean orderHint = r.flag();
            if (orderHint) {
                r.skip(2); // jnt_comp, ref_frame_mvs
            }
            int forceScreenContentTools = r.flag() ? 2 : r.bit();
            if (forceScreenContentTools > 0 && !r.flag()) { // seq_choose_integer_mv
                r.skip(1);
            }
            if (orderHint) {
                r.skip(3);
            }
        }
        r.skip(3); // superres, cdef, restoration
        boolean highBitdepth = r.flag();
        boolean twelveBit = profile == 2 && highBitdepth && r.flag();
        boolean mono = profile != 1 && r.flag();
        int primaries = 2;
        int transfer = 2;
        int matrix = 2;
        if (r.flag()) { // color_description_present_flag
            primaries = r.bitsInt(8);
            transfer = r.bitsInt(8);
            matrix = r.bitsInt(8);
        }
        int subX;
        int subY;
        int samplePosition = 0;
        if (mono) {
            r.skip(1);
            subX = 1;
            subY = 1;
        } else if (primaries == 1 && transfer == 13 && matrix == 0) {
            subX = 0;
            subY = 0;
        } else {
            r.skip(1); // color_range
            if (profile == 0) {
                subX = 1;
                subY = 1;
            } else if (profile == 1) {
                subX = 0;
                subY = 0;
            } else if (twelveBit) {
                subX = r.bit();
                subY = subX == 1 ? r.bit() : 0;
            } else {
                subX = 1;
                subY = 0;
            }
            if (subX == 1 && subY == 1) {
                samplePosition = r.bitsInt(2);
            }
        }
        if (width > 65536 || height > 65536) {
            throw new RecordingException("implausible AV1 frame size " + width + "x" + height);
        }
        byte[] av1C = new byte[4 + obu.length];
        av1C[0] = (byte) 0x81; // marker, version 1
        av1C[1] = (byte) (profile << 5 | level0);
        av1C[2] = (byte) (tier0 << 7 | (highBitdepth ? 1 : 0) << 6 | (twelveBit ? 1 : 0) << 5
                | (mono ? 1 : 0) << 4 | subX << 3 | subY << 2 | samplePosition);
        av1C[3] = 0; // no initial_presentation_delay
        System.arraycopy(obu, 0, av1C, 4, obu.length);
        return new Av1Config((int) width, (int) height, av1C);
    }
}
