package dev.tributary.webrtc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real encoder output from the ffmpeg CLI (lavfi test source), packetized and depacketized back
 * byte for byte. Skipped when {@code /usr/bin/ffmpeg} or an encoder is absent.
 */
class FfmpegRoundTripTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @TempDir
    Path dir;

    private Path encode(String output, String... codecArgs) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(FFMPEG), "ffmpeg not installed");
        List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", output.endsWith(".ogg")
                        ? "sine=frequency=440:duration=2" : "testsrc=size=322x182:rate=30:duration=2"));
        command.addAll(List.of(codecArgs));
        Path file = dir.resolve(output);
        command.add(file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(process.exitValue() == 0 || !log.contains("Unknown encoder"), "encoder missing: " + log);
        assertThat(process.exitValue()).as(log).isZero();
        return file;
    }

    @Test
    void h264() throws Exception {
        Path file = encode("a.h264", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-g", "15",
                "-x264-params", "aud=1:repeat-headers=1:slice-max-size=900", "-f", "h264");
        byte[] stream = Files.readAllBytes(file);
        List<byte[]> accessUnits = splitAtDelimiters(stream);
        assertThat(accessUnits).hasSize(60);
        H264Depacketizer depacketizer = new H264Depacketizer();
        List<MediaFrame> frames = roundTrip(new H264Packetizer(1, 96, 1, 0, 1200), depacketizer,
                accessUnits.stream().map(FfmpegRoundTripTest::withFourByteStartCodes).toList());
        assertThat(frames).filteredOn(MediaFrame::keyframe).hasSize(4);
        assertThat(depacketizer.spsInfo()).get().extracting(H264Sps::width, H264Sps::height).containsExactly(322, 182);

        // packetization mode 0 works too, as slices are at most 900 bytes
        roundTrip(new H264Packetizer(0, 96, 1, 0, 1200), new H264Depacketizer(),
                accessUnits.stream().map(FfmpegRoundTripTest::withFourByteStartCodes).toList());
    }

    @Test
    void vp8() throws Exception {
        List<byte[]> frames = readIvf(encode("a.ivf", "-c:v", "libvpx", "-g", "15", "-b:v", "500k", "-f", "ivf"));
        Vp8Depacketizer depacketizer = new Vp8Depacketizer();
        assertThat(roundTrip(new Vp8Packetizer(96, 1, 0, 0, 1200), depacketizer, frames))
                .filteredOn(MediaFrame::keyframe).hasSize(4);
        assertThat(depacketizer.width()).isEqualTo(322);
        assertThat(depacketizer.height()).isEqualTo(182);
    }

    @Test
    void vp9() throws Exception {
        List<byte[]> frames = readIvf(encode("a.ivf", "-c:v", "libvpx-vp9", "-g", "15", "-b:v", "500k",
                "-deadline", "realtime", "-cpu-used", "8", "-f", "ivf"));
        Vp9Depacketizer depacketizer = new Vp9Depacketizer();
        assertThat(roundTrip(new Vp9Packetizer(98, 1, 0, 0, 1200), depacketizer, frames))
                .filteredOn(MediaFrame::keyframe).hasSize(4);
        assertThat(depacketizer.width()).isEqualTo(322);
        assertThat(depacketizer.height()).isEqualTo(182);
    }

    @Test
    void av1() throws Exception {
        List<byte[]> temporalUnits = readIvf(encode("a.ivf", "-c:v", "libaom-av1", "-g", "15", "-b:v", "300k",
                "-usage", "realtime", "-cpu-used", "8", "-f", "ivf"));
        Av1Depacketizer depacketizer = new Av1Depacketizer();
        List<byte[]> expected = temporalUnits.stream().map(FfmpegRoundTripTest::withoutTemporalDelimiters).toList();
        List<MediaFrame> frames = new ArrayList<>();
        Av1Packetizer packetizer = new Av1Packetizer(45, 1, 0, 1200);
        for (int i = 0; i < temporalUnits.size(); i++) {
            byte[] tu = temporalUnits.get(i);
            for (var packet : Media.packetize(packetizer, tu, 3000L * i)) {
                depacketizer.push(packet, frame -> frames.add(frame.copy()));
            }
        }
        assertThat(frames).extracting(MediaFrame::toByteArray).containsExactlyElementsOf(expected);
        assertThat(frames).allMatch(MediaFrame::complete);
        assertThat(frames.getFirst().keyframe()).isTrue();
        assertThat(depacketizer.sequenceHeader()).isPresent();
    }

    @Test
    void opus() throws Exception {
        List<byte[]> packets = readOgg(encode("a.ogg", "-c:a", "libopus", "-b:a", "64k", "-f", "ogg"));
        List<MediaFrame> frames = roundTrip(new OpusPacketizer(111, 1, 0, 1200), new OpusDepacketizer(), packets);
        assertThat(frames).allMatch(f -> f.durationSamples() == 960);
    }

    private static List<MediaFrame> roundTrip(Packetizer packetizer, Depacketizer depacketizer, List<byte[]> input) {
        List<MediaFrame> frames = new ArrayList<>();
        long timestamp = 0xFFFF_0000L; // wraps during the stream
        for (byte[] frame : input) {
            for (var packet : Media.packetize(packetizer, frame, timestamp)) {
                depacketizer.push(packet, f -> frames.add(f.copy()));
            }
            timestamp += 3000;
        }
        assertThat(frames).extracting(MediaFrame::toByteArray).containsExactlyElementsOf(input);
        assertThat(frames).allMatch(MediaFrame::complete);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).timestamp() - frames.get(i - 1).timestamp()).isEqualTo(3000);
        }
        assertThat(depacketizer.droppedTotal()).isZero();
        return frames;
    }

    /** Splits an Annex B stream at access unit delimiters (NAL type 9). */
    private static List<byte[]> splitAtDelimiters(byte[] stream) {
        List<Integer> starts = new ArrayList<>();
        for (int i = AnnexB.nextStartCode(stream, 0, stream.length); i < stream.length;
                i = AnnexB.nextStartCode(stream, i + 3, stream.length)) {
            if ((stream[i + AnnexB.startCodeLength(stream, i)] & 0x1F) == 9) {
                starts.add(i);
            }
        }
        starts.add(stream.length);
        List<byte[]> units = new ArrayList<>();
        for (int i = 0; i + 1 < starts.size(); i++) {
            units.add(java.util.Arrays.copyOfRange(stream, starts.get(i), starts.get(i + 1)));
        }
        return units;
    }

    private static byte[] withFourByteStartCodes(byte[] accessUnit) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int start = AnnexB.nextStartCode(accessUnit, 0, accessUnit.length);
        while (start < accessUnit.length) {
            int nal = start + AnnexB.startCodeLength(accessUnit, start);
            int next = AnnexB.nextStartCode(accessUnit, nal, accessUnit.length);
            int end = next;
            while (end > nal && accessUnit[end - 1] == 0) {
                end--;
            }
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.write(accessUnit, nal, end - nal);
            start = next;
        }
        return out.toByteArray();
    }

    private static byte[] withoutTemporalDelimiters(byte[] tu) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (pos < tu.length) {
            int header = tu[pos] & 0xFF;
            int payload = pos + Av1Obu.headerLength(header);
            long leb = Av1Obu.readLeb128(tu, payload, tu.length);
            int end = payload + (int) (leb & 0xFF) + (int) (leb >>> 8);
            if (Av1Obu.type(header) != Av1Obu.TEMPORAL_DELIMITER) {
                out.write(tu, pos, end - pos);
            }
            pos = end;
        }
        return out.toByteArray();
    }

    private static List<byte[]> readIvf(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getInt(0)).isEqualTo(0x46494b44); // "DKIF"
        buf.position(buf.getShort(6));
        List<byte[]> frames = new ArrayList<>();
        while (buf.remaining() >= 12) {
            byte[] frame = new byte[buf.getInt()];
            buf.getLong();
            buf.get(frame);
            frames.add(frame);
        }
        return frames;
    }

    /** Opus packets of an Ogg stream (RFC 3533 pages, RFC 7845), without the two header packets. */
    private static List<byte[]> readOgg(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<byte[]> packets = new ArrayList<>();
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (pos + 27 <= bytes.length) {
            int segments = bytes[pos + 26] & 0xFF;
            int data = pos + 27 + segments;
            for (int i = 0; i < segments; i++) {
                int lace = bytes[pos + 27 + i] & 0xFF;
                packet.write(bytes, data, lace);
                data += lace;
                if (lace < 255) {
                    packets.add(packet.toByteArray());
                    packet.reset();
                }
            }
            pos = data;
        }
        return packets.subList(2, packets.size());
    }
}
