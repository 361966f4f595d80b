package dev.tributary.ingest.recording;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * How long a recording's file plays, read from its packets' timestamps with FFmpeg's demuxers
 * (nothing is decoded). A file cut short by a crash has no duration in its header or index, so
 * its packets are the only truth.
 */
final class MediaProbe {

    private MediaProbe() {}

    /**
     * @return the span from the earliest packet's start to the latest packet's end, in
     *     microseconds; empty if the file cannot be read or holds no timed packet
     */
    static OptionalLong durationMicros(Path file) {
        AVFormatContext context = new AVFormatContext(null);
        if (avformat_open_input(context, file.toString(), null, null) < 0) {
            return OptionalLong.empty();
        }
        AVPacket packet = av_packet_alloc();
        try {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (av_read_frame(context, packet) >= 0) {
                long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (pts != AV_NOPTS_VALUE && packet.stream_index() < context.nb_streams()) {
                    AVRational base = context.streams(packet.stream_index()).time_base();
                    long start = micros(pts, base);
                    long end = micros(pts + Math.max(0, packet.duration()), base);
                    first = Math.min(first, start);
                    last = Math.max(last, end);
                }
                av_packet_unref(packet);
            }
            return last > first ? OptionalLong.of(last - first) : OptionalLong.empty();
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
    }

    private static long micros(long ticks, AVRational base) {
        return Math.round(ticks * 1_000_000.0 * base.num() / base.den());
    }
}
