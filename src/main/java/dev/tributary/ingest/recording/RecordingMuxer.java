package dev.tributary.ingest.recording;

import dev.tributary.webrtc.media.Codec;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Writes the encoded frames of one recording into a file through libavformat, without
 * transcoding.
 *
 * <p>Frames come from the depacketizers with presentation timestamps on one clock for all tracks
 * (microseconds from the start of the recording), in about that order across tracks. The muxer
 * keeps each track's timestamps strictly increasing (the supported codecs as WebRTC and OBS send
 * them have no B-frames, so decoding order is presentation order): a timestamp at most
 * {@link #REPAIR_WINDOW_MICROS} behind its track's last one is moved just past it, an older one
 * is dropped, and both are counted in {@link #stats(int)}. A video track starts at its first
 * keyframe, and after a dropped video frame it waits for the next one. Malformed frames are
 * counted and dropped, never passed to native code.
 *
 * <p>The file stays readable if the process dies: Matroska/WebM clusters and MP4 fragments are at
 * most a second long and are handed to the operating system as soon as they are complete, so a
 * crash loses at most about the last two seconds. {@link #close()} writes the index (Cues, or
 * {@code mfra} in MP4) and the duration.
 *
 * <p>Each track holds back its latest frame until the next one gives its exact duration.
 * Methods are synchronized, so a {@code close()} from another thread never frees native state
 * under a write; the muxer is meant to be driven by one thread.
 */
public final class RecordingMuxer implements AutoCloseable {

    /** How far behind its track's previous timestamp a frame's timestamp is repaired, not dropped. */
    public static final long REPAIR_WINDOW_MICROS = 100_000;

    /** Longest cluster or fragment, so that a crash loses at most about this much twice over. */
    static final int MAX_CLUSTER_MILLIS = 1000;

    /** RFC 7845 §5.1 pre-skip when the encoder's own is unknown, as with WebRTC senders. */
    private static final int OPUS_PRE_SKIP = 312;

    /** Timestamps beyond this (about 12 days) are garbage, and would overflow rescaling. */
    private static final long MAX_PTS_MICROS = 1L << 40;

    private static final int MAX_FRAME_BYTES = 64 << 20;

    private final Path file;
    private final ContainerFormat format;
    private final Track[] tracks;
    private final AVPacket packet;
    private AVFormatContext context;
    private boolean headerWritten;
    private String failure;
    private boolean closed;
    private byte[] scratch = new byte[0];

    private RecordingMuxer(Path file, ContainerFormat format, Track[] tracks, AVPacket packet) {
        this.file = file;
        this.format = format;
        this.tracks = tracks;
        this.packet = packet;
    }

    /**
     * Counters of one track.
     *
     * @param framesWritten frames accepted (the latest is written on the next frame or on close)
     * @param framesDropped frames dropped as malformed, too far out of order, or not decodable
     *     for want of a keyframe
     * @param timestampsRepaired frames whose timestamp was moved forward to keep it increasing
     */
    public record TrackStats(long framesWritten, long framesDropped, long timestampsRepaired) {
    }

    /**
     * Creates {@code file} (replacing an existing one) and writes the container header for
     * {@code trackFormats}; track {@code i} of {@link #writeFrame} is {@code trackFormats.get(i)}.
     *
     * @throws IllegalArgumentException if there are no tracks or the container cannot hold one
     * @throws RecordingException if a track's parameters do not parse, FFmpeg is unavailable, or
     *     the file cannot be created or its header written
     */
    public static RecordingMuxer open(Path file, ContainerFormat format, List<TrackFormat> trackFormats) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (trackFormats.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one track");
        }
        Track[] tracks = new Track[trackFormats.size()];
        for (int i = 0; i < tracks.length; i++) {
            TrackFormat tf = Objects.requireNonNull(trackFormats.get(i), "track format");
            if (!format.supports(tf.codec())) {
                throw new IllegalArgumentException(format + " cannot hold " + tf.codec());
            }
            tracks[i] = new Track(tf);
        }
        AVPacket packet;
        try {
            packet = av_packet_alloc();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new RecordingException("FFmpeg native libraries are not available", e);
        }
        if (packet == null) {
            throw new RecordingException("out of native memory");
        }
        RecordingMuxer muxer = new RecordingMuxer(file.toAbsolutePath(), format, tracks, packet);
        try {
            muxer.start();
        } catch (RuntimeException e) {
            muxer.release();
            throw e;
        }
        return muxer;
    }

    private void start() {
        AVFormatContext ctx = new AVFormatContext(null);
        check(avformat_alloc_output_context2(ctx, null, format.muxerName(), null), "allocating the muxer");
        context = ctx;
        for (Track track : tracks) {
            AVStream stream = avformat_new_stream(ctx, null);
            if (stream == null) {
                throw new RecordingException("out of native memory");
            }
            track.configure(stream.codecpar());
            stream.time_base(rational(1, track.codec.isVideo() ? 90_000 : 48_000));
            track.stream = stream;
        }
        AVIOContext pb = new AVIOContext(null);
        // The file: prefix stops libavformat reading a protocol (or a colon) from the path.
        try (BytePointer url = new BytePointer("file:" + file, StandardCharsets.UTF_8)) {
            check(avio_open(pb, url, AVIO_FLAG_WRITE), "creating " + file);
        }
        ctx.pb(pb);
        AVDictionary options = new AVDictionary(null);
        try {
            // Hand every packet's bytes to the OS at once: a finished cluster or fragment
            // survives the process being killed.
            av_dict_set(options, "flush_packets", "1", 0);
            if (format == ContainerFormat.FRAGMENTED_MP4) {
                // A fragment at each keyframe and at most every second. The moov, without
                // samples, goes out with the first fragment (delay_moov) so that its edit lists
                // can carry each track's start time: fragments' decode times start at zero, and
                // without them the A/V offset would be lost. mfra (written on close) indexes the
                // fragments for seeking.
                av_dict_set(options, "movflags", "+frag_keyframe+empty_moov+delay_moov+default_base_moof", 0);
                av_dict_set(options, "frag_duration", Long.toString(MAX_CLUSTER_MILLIS * 1000L), 0);
            } else {
                av_dict_set(options, "cluster_time_limit", Integer.toString(MAX_CLUSTER_MILLIS), 0);
            }
            check(avformat_write_header(ctx, options), "writing the " + format + " header");
            headerWritten = true;
            if (av_dict_count(options) > 0) {
                AVDictionaryEntry unused = av_dict_get(options, "", null, AV_DICT_IGNORE_SUFFIX);
                throw new RecordingException("muxer option not recognised: " + unused.key().getString());
            }
        } finally {
            av_dict_free(options);
        }
        for (Track track : tracks) {
            AVRational tb = track.stream.time_base();
            if (tb.num() <= 0 || tb.den() <= 0) {
                throw new RecordingException("muxer chose an invalid time base");
            }
            track.timeBaseNum = tb.num();
            track.timeBaseDen = tb.den();
        }
    }

    /**
     * Writes one frame of {@code track}.
     *
     * @param track index of the track in the list given to {@link #open}
     * @param ptsMicros presentation time in microseconds from the start of the recording
     * @param keyframe whether the frame can be decoded on its own (ignored for audio)
     * @return whether the frame was accepted; a malformed or out-of-order frame is counted and
     *     dropped
     * @throws IllegalArgumentException if the track or the byte range does not exist
     * @throws RecordingException if the muxer was closed or failed, or the write fails (the muxer
     *     has then failed; {@link #close()} still finalises what was written)
     */
    public synchronized boolean writeFrame(int track, long ptsMicros, boolean keyframe,
                                           byte[] data, int offset, int length) {
        if (track < 0 || track >= tracks.length) {
            throw new IllegalArgumentException("no track " + track);
        }
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        ensureWritable();
        Track t = tracks[track];
        boolean key = keyframe || !t.codec.isVideo();
        if (t.waitingForKeyframe && !key) {
            t.dropped++;
            return false;
        }
        if (length == 0 || length > MAX_FRAME_BYTES || ptsMicros < 0 || ptsMicros > MAX_PTS_MICROS) {
            return drop(t);
        }
        long dts = t.toTimeBase(ptsMicros);
        if (t.pendingLength >= 0 && dts <= t.pendingDts) {
            if (t.pendingDts - dts > t.toTimeBase(REPAIR_WINDOW_MICROS)) {
                return drop(t);
            }
            dts = t.pendingDts + 1;
            t.repaired++;
        }
        // Validate into the scratch buffer before anything reaches native code.
        int size = t.prepare(data, offset, length, this);
        if (size < 0) {
            return drop(t);
        }
        if (t.pendingLength >= 0) {
            writePending(t, dts - t.pendingDts);
        }
        t.hold(scratch, size, dts, key);
        t.waitingForKeyframe = false;
        t.written++;
        return true;
    }

    /** A dropped video frame leaves the frames that refer to it undecodable until a keyframe. */
    private static boolean drop(Track t) {
        t.dropped++;
        if (t.codec.isVideo()) {
            t.waitingForKeyframe = true;
        }
        return false;
    }

    /**
     * Whether video {@code track} drops frames until a keyframe: none has come yet, or a frame
     * was dropped since the last one. The caller should ask the sender for one (PLI or FIR).
     */
    public synchronized boolean waitingForKeyframe(int track) {
        if (track < 0 || track >= tracks.length) {
            throw new IllegalArgumentException("no track " + track);
        }
        return tracks[track].waitingForKeyframe;
    }

    /**
     * Writes one frame of {@code track} from the remaining bytes of {@code data}, without moving
     * its position; see {@link #writeFrame(int, long, boolean, byte[], int, int)}.
     */
    public synchronized boolean writeFrame(int track, long ptsMicros, boolean keyframe, ByteBuffer data) {
        if (data.hasArray()) {
            return writeFrame(track, ptsMicros, keyframe, data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return writeFrame(track, ptsMicros, keyframe, copy, 0, copy.length);
    }

    /** The counters of {@code track}. */
    public synchronized TrackStats stats(int track) {
        if (track < 0 || track >= tracks.length) {
            throw new IllegalArgumentException("no track " + track);
        }
        Track t = tracks[track];
        return new TrackStats(t.written, t.dropped, t.repaired);
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /**
     * Writes the frames held back, the trailer (index and duration) and closes the file. Calling
     * it again does nothing.
     *
     * @throws RecordingException if finishing the file failed; the file and native resources are
     *     released anyway
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String error = null;
        try {
            if (failure == null && headerWritten) {
                for (Track t : tracks) {
                    if (t.pendingLength >= 0) {
                        writePending(t, t.estimatedDuration());
                    }
                }
            }
        } catch (RecordingException e) {
            error = e.getMessage();
        }
        if (headerWritten) {
            int ret = av_write_trailer(context);
            if (ret < 0 && error == null) {
                error = "writing the trailer: " + errorText(ret);
            }
        }
        int ret = release();
        if (ret < 0 && error == null) {
            error = "closing " + file + ": " + errorText(ret);
        }
        if (error != null) {
            throw new RecordingException(error);
        }
    }

    private void ensureWritable() {
        if (closed) {
            throw new RecordingException("recording " + file + " is closed");
        }
        if (failure != null) {
            throw new RecordingException("recording " + file + " has failed: " + failure);
        }
    }

    private void writePending(Track t, long duration) {
        AVPacket p = packet;
        p.data(t.buffer);
        p.size(t.pendingLength);
        p.stream_index(t.stream.index());
        p.pts(t.pendingDts);
        p.dts(t.pendingDts);
        p.duration(Math.max(duration, 0));
        p.flags(t.pendingKey ? AV_PKT_FLAG_KEY : 0);
        p.pos(-1);
        int ret = av_write_frame(context, p);
        p.data(null);
        p.size(0);
        t.lastDuration = duration;
        t.pendingLength = -1;
        if (ret < 0) {
            failure = "writing a frame: " + errorText(ret);
            throw new RecordingException("recording " + file + " has failed: " + failure);
        }
    }

    /** Frees everything native; returns avio_closep's result. */
    private int release() {
        int ret = 0;
        if (context != null) {
            AVIOContext pb = context.pb();
            if (pb != null && !pb.isNull()) {
                ret = avio_closep(pb);
                context.pb(null);
            }
            avformat_free_context(context);
            context = null;
        }
        av_packet_free(packet);
        for (Track t : tracks) {
            t.freeBuffer();
        }
        return ret;
    }

    byte[] scratch(int capacity) {
        if (scratch.length < capacity) {
            scratch = new byte[Math.max(capacity, scratch.length * 2)];
        }
        return scratch;
    }

    private static void check(int ret, String what) {
        if (ret < 0) {
            throw new RecordingException(what + ": " + errorText(ret));
        }
    }

    static String errorText(int code) {
        try (BytePointer buf = new BytePointer(128)) {
            av_make_error_string(buf, 128, code);
            return buf.getString();
        }
    }

    private static AVRational rational(int num, int den) {
        AVRational r = new AVRational();
        r.num(num);
        r.den(den);
        return r;
    }

    /** One track's parameters, counters and held-back frame. */
    private static final class Track {
        final TrackFormat format;
        final Codec codec;
        final int width;
        final int height;
        final byte[] extradata;
        AVStream stream;
        int timeBaseNum;
        int timeBaseDen;
        boolean waitingForKeyframe;
        long written;
        long dropped;
        long repaired;
        BytePointer buffer;
        long bufferCapacity;
        int pendingLength = -1;
        long pendingDts = AV_NOPTS_VALUE;
        boolean pendingKey;
        long lastDuration;
        int pendingOpusSamples;

        Track(TrackFormat format) {
            this.format = format;
            this.codec = format.codec();
            this.waitingForKeyframe = codec.isVideo();
            // Parse the codec parameters here, before any native state exists.
            switch (format) {
                case TrackFormat.H264 h -> {
                    H264Config c = H264Config.of(h.sps(), h.pps());
                    width = c.width();
                    height = c.height();
                    extradata = c.avcC();
                }
                case TrackFormat.Vp8 v -> {
                    width = v.width();
                    height = v.height();
                    extradata = null;
                }
                case TrackFormat.Vp9 v -> {
                    width = v.width();
                    height = v.height();
                    extradata = null;
                }
                case TrackFormat.Av1 a -> {
                    Av1Config c = Av1Config.of(a.sequenceHeader());
                    width = c.width();
                    height = c.height();
                    extradata = c.av1C();
                }
                case TrackFormat.Opus o -> {
                    width = 0;
                    height = 0;
                    extradata = opusHead(o.channels());
                }
            }
        }

        void configure(AVCodecParameters par) {
            switch (format) {
                case TrackFormat.H264 h -> video(par, AV_CODEC_ID_H264);
                case TrackFormat.Vp8 v -> video(par, AV_CODEC_ID_VP8);
                case TrackFormat.Vp9 v -> video(par, AV_CODEC_ID_VP9);
                case TrackFormat.Av1 a -> video(par, AV_CODEC_ID_AV1);
                case TrackFormat.Opus o -> {
                    par.codec_type(AVMEDIA_TYPE_AUDIO);
                    par.codec_id(AV_CODEC_ID_OPUS);
                    par.sample_rate(48_000);
                    par.frame_size(960); // a hint only: MP4 wants one; packets say their own
                    av_channel_layout_default(par.ch_layout(), o.channels());
                    // Matroska writes it as CodecDelay, which must match OpusHead's pre-skip.
                    par.initial_padding(OPUS_PRE_SKIP);
                }
            }
            if (extradata != null) {
                Pointer mem = av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE);
                if (mem == null || mem.isNull()) {
                    throw new RecordingException("out of native memory");
                }
                BytePointer bytes = new BytePointer(mem).capacity(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE);
                bytes.put(extradata, 0, extradata.length);
                par.extradata(bytes);
                par.extradata_size(extradata.length);
            }
        }

        private void video(AVCodecParameters par, int codecId) {
            par.codec_type(AVMEDIA_TYPE_VIDEO);
            par.codec_id(codecId);
            par.width(width);
            par.height(height);
        }

        /** OpusHead, RFC 7845 §5.1, channel mapping family 0. */
        private static byte[] opusHead(int channels) {
            ByteBuffer b = ByteBuffer.allocate(19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put("OpusHead".getBytes(StandardCharsets.US_ASCII));
            b.put((byte) 1);
            b.put((byte) channels);
            b.putShort((short) OPUS_PRE_SKIP);
            b.putInt(48_000);
            b.putShort((short) 0);
            b.put((byte) 0);
            return b.array();
        }

        long toTimeBase(long micros) {
            // micros < 2^40 and den <= ~2^20 for every muxer used, so this cannot overflow.
            long scale = 1_000_000L * timeBaseNum;
            return (micros * timeBaseDen + scale / 2) / scale;
        }

        /**
         * Validates the frame and puts the bytes the container stores into the muxer's scratch
         * buffer; returns their length, or -1 if the frame is malformed.
         */
        int prepare(byte[] data, int offset, int length, RecordingMuxer muxer) {
            switch (codec) {
                case H264 -> {
                    // Each start code becomes a 4-byte length: at most one byte more per NAL unit.
                    byte[] out = muxer.scratch(length + length / 3 + 4);
                    return AnnexB.toLengthPrefixed(data, offset, length, out);
                }
                case AV1 -> {
                    if (!Obus.isLowOverhead(data, offset, length)) {
                        return -1;
                    }
                }
                case OPUS -> {
                    int samples = OpusToc.samples(data, offset, length);
                    if (samples <= 0) {
                        return -1;
                    }
                    pendingOpusSamples = samples;
                }
                case VP8, VP9 -> {
                    // Opaque to the muxers: nothing to check beyond being non-empty.
                }
            }
            byte[] out = muxer.scratch(length);
            System.arraycopy(data, offset, out, 0, length);
            return length;
        }

        void hold(byte[] bytes, int length, long dts, boolean key) {
            long needed = (long) length + AV_INPUT_BUFFER_PADDING_SIZE;
            if (buffer == null || bufferCapacity < needed) {
                freeBuffer();
                bufferCapacity = Math.max(needed, bufferCapacity * 2);
                buffer = new BytePointer(bufferCapacity);
                if (buffer.isNull()) {
                    buffer = null;
                    throw new RecordingException("out of native memory");
                }
            }
            buffer.position(0).put(bytes, 0, length);
            buffer.position(length).limit(needed).fill(0);
            buffer.position(0).limit(bufferCapacity);
            pendingLength = length;
            pendingDts = dts;
            pendingKey = key;
        }

        /** The duration of the last frame held: Opus knows it, video repeats the previous one. */
        long estimatedDuration() {
            if (codec == Codec.OPUS) {
                return toTimeBase(pendingOpusSamples * 1_000_000L / 48_000);
            }
            return lastDuration;
        }

        void freeBuffer() {
            if (buffer != null) {
                buffer.close();
                buffer = null;
                bufferCapacity = 0;
            }
        }
    }
}
