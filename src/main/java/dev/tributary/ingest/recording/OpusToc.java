package dev.tributary.ingest.recording;

/** The duration of an Opus packet from its TOC byte (RFC 6716 §3.1). */
final class OpusToc {

    private static final int MAX_SAMPLES = 5760; // 120 ms at 48 kHz, RFC 6716 §3.2.5
    private static final int[] SILK_FRAME_SAMPLES = {480, 960, 1920, 2880};

    private OpusToc() {
    }

    /**
     * The packet's duration in 48 kHz samples, or -1 if it is malformed.
     */
    static int samples(byte[] data, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = data[offset] & 0xff;
        int config = toc >> 3;
        int frameSamples;
        if (config < 12) {
            frameSamples = SILK_FRAME_SAMPLES[config & 3];
        } else if (config < 16) {
            frameSamples = (config & 1) == 0 ? 480 : 960;
        } else {
            frameSamples = 120 << (config & 3);
        }
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> length < 2 ? -1 : data[offset + 1] & 0x3f;
        };
        if (frames <= 0) {
            return -1;
        }
        int samples = frames * frameSamples;
        return samples > MAX_SAMPLES ? -1 : samples;
    }
}
