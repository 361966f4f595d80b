package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Real encoded media for the muxer tests: encoded by the ffmpeg CLI from lavfi test sources, then
 * read back packet by packet with libavformat's demuxers and shaped the way the depacketizers
 * deliver frames (Annex B access units, AV1 temporal units without temporal delimiters).
 */
public final class MediaFixtures {

    public static final int FPS = 30;
    public static final long FRAME_MICROS = 1_000_000 / FPS;

    /** One frame as a depacketizer hands it over; timestamps start at zero. */
    public record Frame(long ptsMicros, boolean keyframe, byte[] data) {
    }

    private MediaFixtures() {
    }

    /** Encodes {@code seconds} of test video with {@code codec}, a keyframe a second. */
    public static List<Frame> video(Codec codec, Path dir, int seconds) throws IOException, InterruptedException {
        return video(codec, dir, seconds, FPS);
    }

    /**
     * Encodes {@code seconds} of test video with {@code codec}, a keyframe every {@code gop}
     * frames, and returns its frames.
     */
    public static List<Frame> video(Codec codec, Path dir, int seconds, int gop) throws IOException, InterruptedException {
        String g = Integer.toString(gop);
        String source = "testsrc=size=320x240:rate=" + FPS + ":duration=" + seconds;
        Path file;
        List<String> encoder;
        switch (codec) {
            case H264 -> {
                file = dir.resolve("video-" + gop + ".h264");
                encoder = List.of("-c:v", "libx264", "-profile:v", "baseline", "-bf", "0", "-g", g,
                        "-x264-params", "repeat-headers=1");
            }
            case VP8 -> {
                file = dir.resolve("video-vp8-" + gop + ".ivf");
                encoder = List.of("-c:v", "libvpx", "-g", g, "-deadline", "realtime", "-cpu-used", "8",
                        "-b:v", "300k");
            }
            case VP9 -> {
                file = dir.resolve("video-vp9-" + gop + ".ivf");
                // Alternate reference frames make libvpx emit superframes.
                encoder = List.of("-c:v", "libvpx-vp9", "-g", g, "-deadline", "good", "-cpu-used", "8",
                        "-auto-alt-ref", "1", "-lag-in-frames", "10", "-b:v", "300k");
            }
            case AV1 -> {
                file = dir.resolve("video-av1-" + gop + ".ivf");
                encoder = List.of("-c:v", "libaom-av1", "-usage", "realtime", "-cpu-used", "8", "-g", g,
                        "-b:v", "300k");
            }
            default -> throw new IllegalArgumentException(codec + " is not video");
        }
        if (!Files.exists(file)) {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source));
            cmd.addAll(encoder);
            // 4:2:0 as cameras and browsers send; testsrc's RGB would otherwise pick 4:4:4 profiles.
            cmd.addAll(List.of("-pix_fmt", "yuv420p"));
            cmd.add(file.toString());
            run(cmd);
        }
        List<Frame> frames = new ArrayList<>();
        int index = 0;
        for (Packet p : demux(file)) {
            byte[] data = codec == Codec.AV1 ? withoutTemporalDelimiters(p.data()) : p.data();
            // A raw H.264 stream has no timestamps; the encoder wrote one frame per 1/FPS s.
            long pts = codec == Codec.H264 ? index * 1_000_000L / FPS : p.ptsMicros();
            frames.add(new Frame(pts, isKeyframe(codec, data), data));
            index++;
        }
        return frames;
    }

    /** Encodes {@code seconds} of a 440 Hz tone as 20 ms Opus packets and returns them. */
    public static List<Frame> opus(Path dir, int seconds) throws IOException, InterruptedException {
        Path file = dir.resolve("audio.ogg");
        if (!Files.exists(file)) {
            run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=" + seconds, "-c:a", "libopus", "-b:a", "48k",
                    "-frame_duration", "20", file.toString()));
        }
        List<Packet> packets = demux(file);
        long first = packets.getFirst().ptsMicros();
        List<Frame> frames = new ArrayList<>();
        for (Packet p : packets) {
            frames.add(new Frame(p.ptsMicros() - first, true, p.data()));
        }
        return frames;
    }

    /**
     * Encodes {@code seconds} of H.264 test video (baseline, no B-frames, SPS and PPS before every
     * keyframe, a keyframe every {@code gop} frames) in which the whole picture turns white for
     * {@code eventMillis} at each of {@code events} (seconds from the start): an event that can be
     * found again in a recording by its brightness.
     */
    static List<Frame> h264WithFlashes(Path dir, int seconds, int gop, double[] events, int eventMillis)
            throws IOException, InterruptedException {
        Path file = dir.resolve("flash-" + gop + ".h264");
        if (!Files.exists(file)) {
            String source = "testsrc=size=320x240:rate=" + FPS + ":duration=" + seconds
                    + ",drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='" + during(events, eventMillis) + "'";
            run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source,
                    "-c:v", "libx264", "-profile:v", "baseline", "-bf", "0", "-g", Integer.toString(gop),
                    "-b:v", "800k", "-x264-params", "repeat-headers=1", "-pix_fmt", "yuv420p", file.toString()));
        }
        List<Frame> frames = new ArrayList<>();
        int index = 0;
        for (Packet p : demux(file)) {
            frames.add(new Frame(index * 1_000_000L / FPS, isKeyframe(Codec.H264, p.data()), p.data()));
            index++;
        }
        return frames;
    }

    /**
     * Encodes {@code seconds} of mono audio as 20 ms Opus packets: silence, with a 1 kHz beep of
     * {@code eventMillis} at each of {@code events} (seconds from the start).
     */
    static List<Frame> opusWithBeeps(Path dir, int seconds, double[] events, int eventMillis)
            throws IOException, InterruptedException {
        Path file = dir.resolve("beep.ogg");
        if (!Files.exists(file)) {
            String source = "aevalsrc=exprs='(" + during(events, eventMillis) + ")*0.5*sin(2*PI*1000*t)'"
                    + ":s=48000:c=mono:d=" + seconds;
            run(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", source,
                    "-c:a", "libopus", "-b:a", "64k", "-frame_duration", "20", file.toString()));
        }
        List<Packet> packets = demux(file);
        long first = packets.getFirst().ptsMicros();
        List<Frame> frames = new ArrayList<>();
        for (Packet p : packets) {
            frames.add(new Frame(p.ptsMicros() - first, true, p.data()));
        }
        return frames;
    }

    /** A lavfi expression of t that is 1 during each event and 0 elsewhere. */
    private static String during(double[] events, int eventMillis) {
        StringBuilder expr = new StringBuilder("0");
        for (double at : events) {
            expr.append("+between(t,").append(at).append(",").append(at + (eventMillis - 0.5) / 1000.0)
                    .append(')');
        }
        return expr.toString();
    }

    /** The SPS and PPS NAL units (without start codes) of an Annex B access unit. */
    static byte[][] parameterSets(byte[] accessUnit) {
        byte[][] out = new byte[2][];
        for (byte[] nal : nalUnits(accessUnit)) {
            int type = nal[0] & 0x1f;
            if (type == 7 && out[0] == null) {
                out[0] = nal;
            } else if (type == 8 && out[1] == null) {
                out[1] = nal;
            }
        }
        return out;
    }

    static List<byte[]> nalUnits(byte[] au) {
        List<byte[]> nals = new ArrayList<>();
        int start = -1;
        for (int i = 0; i + 2 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0 && au[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && au[end - 1] == 0) {
                        end--;
                    }
                    nals.add(java.util.Arrays.copyOfRange(au, start, end));
                }
                start = i + 3;
                i += 2;
            }
        }
        if (start >= 0) {
            nals.add(java.util.Arrays.copyOfRange(au, start, au.length));
        }
        return nals;
    }

    static boolean isKeyframe(Codec codec, byte[] data) {
        return switch (codec) {
            case H264 -> nalUnits(data).stream().anyMatch(n -> (n[0] & 0x1f) == 5);
            case VP8 -> (data[0] & 1) == 0;
            case VP9 -> {
                // frame_marker(2) profile(2) [reserved_zero] show_existing_frame frame_type
                int b = data[0] & 0xff;
                int profile = (b >> 5 & 1) | (b >> 4 & 1) << 1;
                int shift = profile == 3 ? 2 : 3;
                yield (b >> shift & 1) == 0 && (b >> (shift - 1) & 1) == 0;
            }
            // libaom repeats the sequence header with each keyframe and only there.
            case AV1 -> obus(data).stream().anyMatch(o -> o.type() == 1);
            case OPUS -> true;
        };
    }

    /** One OBU of a temporal unit: its type and where it lies, header included. */
    record Obu(int type, int start, int end) {
    }

    static List<Obu> obus(byte[] tu) {
        List<Obu> obus = new ArrayList<>();
        int pos = 0;
        while (pos < tu.length) {
            int header = tu[pos] & 0xff;
            int payload = pos + 1 + ((header & 4) != 0 ? 1 : 0);
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = tu[payload++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int end = payload + (int) size;
            obus.add(new Obu(header >> 3 & 0xf, pos, end));
            pos = end;
        }
        return obus;
    }

    /** IVF's AV1 temporal units start with a temporal delimiter, which RTP does not carry. */
    static byte[] withoutTemporalDelimiters(byte[] tu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(tu.length);
        for (Obu obu : obus(tu)) {
            if (obu.type() != 2) {
                out.write(tu, obu.start(), obu.end() - obu.start());
            }
        }
        return out.toByteArray();
    }

    /** The first sequence header OBU of a temporal unit, with its header and size field. */
    static byte[] sequenceHeader(byte[] tu) {
        for (Obu obu : obus(tu)) {
            if (obu.type() == 1) {
                return java.util.Arrays.copyOfRange(tu, obu.start(), obu.end());
            }
        }
        throw new IllegalArgumentException("no sequence header");
    }

    record Packet(long ptsMicros, byte[] data) {
    }

    /** Every packet of the file's first stream, read with libavformat. */
    static List<Packet> demux(Path file) {
        AVFormatContext ctx = new AVFormatContext(null);
        if (avformat_open_input(ctx, file.toString(), null, null) < 0) {
            throw new IllegalStateException("cannot open " + file);
        }
        AVPacket pkt = av_packet_alloc();
        try {
            AVRational tb = ctx.streams(0).time_base();
            List<Packet> out = new ArrayList<>();
            while (av_read_frame(ctx, pkt) >= 0) {
                if (pkt.stream_index() == 0) {
                    byte[] data = new byte[pkt.size()];
                    pkt.data().get(data);
                    long pts = pkt.pts() * 1_000_000L * tb.num() / tb.den();
                    out.add(new Packet(pts, data));
                }
                av_packet_unref(pkt);
            }
            return out;
        } finally {
            av_packet_free(pkt);
            avformat_close_input(ctx);
        }
    }

    /** Runs a command; returns its standard output and error together, failing on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
