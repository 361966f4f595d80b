package dev.tributary.webrtc.media;

/** The Opus packet structure (RFC 6716 §3.1 to §3.4). */
final class OpusToc {

    private static final int MAX_FRAME_BYTES = 1275;
    private static final int MAX_PACKET_SAMPLES = 5760; // 120 ms at 48 kHz
    private static final int[] SILK_FRAME_SAMPLES = {480, 960, 1920, 2880};

    private OpusToc() {}

    /** @return samples per frame at 48 kHz for the TOC's configuration (Table 2) */
    static int frameSamples(int toc) {
        int config = toc >>> 3 & 0x1F;
        if (config < 12) {
            return SILK_FRAME_SAMPLES[config & 3];
        }
        if (config < 16) {
            return (config & 1) == 0 ? 480 : 960;
        }
        return 120 << (config & 3);
    }

    /**
     * @return the packet's duration in 48 kHz samples, or -1 if it breaks one of the rules R1 to
     *     R7 of RFC 6716 §3.4
     */
    static int durationSamples(byte[] buf, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = buf[offset] & 0xFF;
        int frameSamples = frameSamples(toc);
        int end = offset + length;
        switch (toc & 3) {
            case 0 -> {
                return length - 1 <= MAX_FRAME_BYTES ? frameSamples : -1;
            }
            case 1 -> {
                return (length - 1) % 2 == 0 && (length - 1) / 2 <= MAX_FRAME_BYTES ? 2 * frameSamples : -1;
            }
            case 2 -> {
                int pos = offset + 1;
                int first = frameLength(buf, pos, end);
                if (first < 0) {
                    return -1;
                }
                pos += first >= 252 ? 2 : 1;
                int second = end - pos - first;
                return second >= 0 && second <= MAX_FRAME_BYTES ? 2 * frameSamples : -1;
            }
            default -> {
                return code3(buf, offset + 1, end, frameSamples);
            }
        }
    }

    private static int code3(byte[] buf, int pos, int end, int frameSamples) {
        if (pos >= end) {
            return -1;
        }
        int countByte = buf[pos++] & 0xFF;
        boolean vbr = (countByte & 0x80) != 0;
        int frames = countByte & 0x3F;
        if (frames == 0 || frames * frameSamples > MAX_PACKET_SAMPLES) {
            return -1;
        }
        int padding = 0;
        if ((countByte & 0x40) != 0) {
            int b;
            do {
                if (pos >= end) {
                    return -1;
                }
                b = buf[pos++] & 0xFF;
                padding += b == 255 ? 254 : b;
            } while (b == 255);
        }
        int remaining = end - pos - padding;
        if (remaining < 0) {
            return -1;
        }
        if (vbr) {
            for (int i = 0; i < frames - 1; i++) {
                int size = frameLength(buf, pos, end);
                if (size < 0) {
                    return -1;
                }
                int fieldLength = size >= 252 ? 2 : 1;
                pos += fieldLength;
                remaining -= fieldLength + size;
                if (remaining < 0) {
                    return -1;
                }
            }
            return remaining <= MAX_FRAME_BYTES ? frames * frameSamples : -1;
        }
        return remaining % frames == 0 && remaining / frames <= MAX_FRAME_BYTES ? frames * frameSamples : -1;
    }

    /** A frame length field of 1 or 2 bytes (§3.2.1); -1 if it runs past {@code end}. */
    private static int frameLength(byte[] buf, int pos, int end) {
        if (pos >= end) {
            return -1;
        }
        int first = buf[pos] & 0xFF;
        if (first < 252) {
            return first;
        }
        return pos + 1 < end ? first + 4 * (buf[pos + 1] & 0xFF) : -1;
    }
}
