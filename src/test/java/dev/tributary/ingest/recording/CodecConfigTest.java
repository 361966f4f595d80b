package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec parameter readers against what real encoders write. */
class CodecConfigTest {

    @TempDir
    Path dir;

    @Test
    void h264SizeHonoursCroppingAndHighProfileFields() throws Exception {
        // 1080 lines are coded as 1088 and cropped (in 4:2:2, by single lines); High 4:2:2
        // carries chroma format and bit depths in both SPS and avcC.
        Path file = dir.resolve("hd.h264");
        MediaFixtures.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=1920x1080:rate=1:duration=1", "-c:v", "libx264", "-profile:v", "high422",
                "-preset", "veryfast", "-pix_fmt", "yuv422p", file.toString()));
        byte[][] ps = MediaFixtures.parameterSets(Files.readAllBytes(file));

        H264Config config = H264Config.of(ps[0], ps[1]);

        assertThat(config.width()).isEqualTo(1920);
        assertThat(config.height()).isEqualTo(1080);
        byte[] avcC = config.avcC();
        assertThat(avcC[1]).isEqualTo((byte) 122);
        assertThat(avcC.length).isEqualTo(6 + 2 + ps[0].length + 1 + 2 + ps[1].length + 4);
        assertThat(avcC[avcC.length - 4] & 3).as("chroma_format_idc 4:2:2").isEqualTo(2);
    }

    @Test
    void av1ConfigMatchesTheSequenceHeader() throws Exception {
        List<MediaFixtures.Frame> frames = MediaFixtures.video(Codec.AV1, dir, 1);
        byte[] sequenceHeader = MediaFixtures.sequenceHeader(frames.getFirst().data());

        Av1Config config = Av1Config.of(sequenceHeader);

        assertThat(config.width()).isEqualTo(320);
        assertThat(config.height()).isEqualTo(240);
        assertThat(config.av1C()[0] & 0xff).isEqualTo(0x81);
        assertThat(config.av1C()[2] & 0x0c).as("4:2:0 subsampling").isEqualTo(0x0c);
    }

    @Test
    void vpxKeyframeSizes() throws Exception {
        byte[] vp8 = MediaFixtures.video(Codec.VP8, dir, 1).getFirst().data();
        byte[] vp9 = MediaFixtures.video(Codec.VP9, dir, 1).getFirst().data();

        assertThat(TrackFormat.vp8FromKeyframe(vp8, 0, vp8.length)).isEqualTo(new TrackFormat.Vp8(320, 240));
        assertThat(TrackFormat.vp9FromKeyframe(vp9, 0, vp9.length)).isEqualTo(new TrackFormat.Vp9(320, 240));
        byte[] vp8Inter = MediaFixtures.video(Codec.VP8, dir, 1).get(1).data();
        assertThatThrownBy(() -> TrackFormat.vp8FromKeyframe(vp8Inter, 0, vp8Inter.length))
                .isInstanceOf(RecordingException.class);
        assertThatThrownBy(() -> TrackFormat.vp9FromKeyframe(vp9, 0, 2)).isInstanceOf(RecordingException.class);
    }
}
