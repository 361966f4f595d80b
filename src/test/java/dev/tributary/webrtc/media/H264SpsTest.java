package dev.tributary.webrtc.media;

import static dev.tributary.webrtc.media.Media.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.ParseException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class H264SpsTest {

    @Test
    void baselineSps() {
        byte[] sps = H264DepacketizerTest.SPS;
        assertThat(H264Sps.parse(sps, 0, sps.length)).isEqualTo(
                new H264Sps(66, 0xc0, 13, 0, 1, 8, 8, true, 320, 240));
    }

    @Test
    void highProfileSpsWithCroppingAndEmulationPrevention() {
        // x264 High profile, 322x182: coded as 336x192 macroblocks, cropped by 14 and 10 pixels
        byte[] sps = hex("6764000dacd941519e226c0440000003004000000f03c50a6580");
        assertThat(H264Sps.parse(sps, 0, sps.length)).isEqualTo(
                new H264Sps(100, 0, 13, 0, 1, 8, 8, true, 322, 182));
    }

    @Test
    void truncatedAndOtherNalUnitsAreRejected() {
        byte[] sps = H264DepacketizerTest.SPS;
        for (int length = 0; length < 7; length++) {
            int n = length;
            assertThatThrownBy(() -> H264Sps.parse(sps, 0, n)).isInstanceOf(ParseException.class);
        }
        assertThatThrownBy(() -> H264Sps.parse(H264DepacketizerTest.PPS, 0, 5)).isInstanceOf(ParseException.class);
        byte[] zeros = new byte[40];
        zeros[0] = 0x67;
        zeros[1] = 100;
        assertThatThrownBy(() -> H264Sps.parse(zeros, 0, zeros.length)).isInstanceOf(ParseException.class);
    }

    @Test
    void garbageEitherParsesOrThrowsParseException() {
        Random random = new Random(7);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] nal = Arrays.copyOf(H264DepacketizerTest.SPS, 4 + random.nextInt(30));
            for (int k = 1 + random.nextInt(3); k < nal.length; k += 1 + random.nextInt(4)) {
                nal[k] = (byte) random.nextInt();
            }
            nal[0] = 0x67;
            try {
                H264Sps sps = H264Sps.parse(nal, 0, nal.length);
                assertThat(sps.width()).isPositive();
                assertThat(sps.height()).isPositive();
                parsed++;
            } catch (ParseException expected) {
                // rejected cleanly
            }
        }
        assertThat(parsed).isPositive();
    }
}
