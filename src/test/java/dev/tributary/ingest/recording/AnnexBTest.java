package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnnexBTest {

    @Test
    void convertsStartCodesOfBothLengthsToLengthPrefixes() {
        byte[] au = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 9, 9, 9};
        byte[] out = new byte[64];
        int n = AnnexB.toLengthPrefixed(au, 0, au.length, out);
        assertThat(Arrays.copyOf(out, n)).containsExactly(
                0, 0, 0, 3, 0x67, 1, 2,
                0, 0, 0, 2, 0x68, 3,
                0, 0, 0, 4, 0x65, 9, 9, 9);
    }

    /** The three-bytes-at-a-time scan finds exactly what a byte-by-byte scan finds. */
    @Test
    void matchesAByteByByteConversionOnRandomAccessUnits() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream au = new ByteArrayOutputStream();
            int nals = 1 + random.nextInt(4);
            for (int n = 0; n < nals; n++) {
                au.writeBytes(random.nextBoolean() ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
                au.write(random.nextInt(0x80));
                int size = random.nextInt(40);
                for (int i = 0; i < size; i++) {
                    // mostly small values, so that near-start-code patterns (00 00 02, 00 01 …) occur
                    au.write(random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3));
                }
            }
            byte[] src = au.toByteArray();
            byte[] expected = new byte[src.length * 2 + 8];
            byte[] actual = new byte[src.length * 2 + 8];
            int e = reference(src, expected);
            int a = AnnexB.toLengthPrefixed(src, 0, src.length, actual);
            assertThat(a).as("round %d: %s", round, Arrays.toString(src)).isEqualTo(e);
            if (a > 0) {
                assertThat(Arrays.copyOf(actual, a)).isEqualTo(Arrays.copyOf(expected, e));
            }
        }
    }

    /** The straightforward conversion, byte by byte. */
    private static int reference(byte[] src, byte[] out) {
        int pos = src.length >= 4 && src[0] == 0 && src[1] == 0 && src[2] == 0 && src[3] == 1 ? 4
                : src.length >= 3 && src[0] == 0 && src[1] == 0 && src[2] == 1 ? 3 : -1;
        if (pos < 0) {
            return -1;
        }
        int written = 0;
        while (pos < src.length) {
            int next = -1;
            for (int i = pos; i + 2 < src.length; i++) {
                if (src[i] == 0 && src[i + 1] == 0 && src[i + 2] == 1) {
                    next = i;
                    break;
                }
            }
            int end = next < 0 ? src.length : next;
            while (end > pos && src[end - 1] == 0) {
                end--;
            }
            int size = end - pos;
            if (size > 0) {
                if ((src[pos] & 0x80) != 0) {
                    return -1;
                }
                out[written] = (byte) (size >>> 24);
                out[written + 1] = (byte) (size >>> 16);
                out[written + 2] = (byte) (size >>> 8);
                out[written + 3] = (byte) size;
                System.arraycopy(src, pos, out, written + 4, size);
                written += 4 + size;
            }
            if (next < 0) {
                break;
            }
            pos = next + 3;
        }
        return written == 0 ? -1 : written;
    }
}
