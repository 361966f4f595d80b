package dev.tributary.ingest.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the ffprobe and ffmpeg command-line tools say of a recording. */
public final class Probe {

    private Probe() {
    }

    /**
     * ffprobe's flat output: keys like {@code streams.stream.0.codec_name} and
     * {@code format.duration}, with packets counted ({@code nb_read_packets}) and key packets
     * listed ({@code packets.packet.N.flags}).
     */
    public static Map<String, String> probe(Path file) throws IOException, InterruptedException {
        String out = MediaFixtures.run(List.of("ffprobe", "-v", "error", "-count_packets",
                "-show_entries", "stream=index,codec_name,start_time,width,height,nb_read_packets,time_base"
                        + ":format=duration,start_time:packet=stream_index,flags,pts_time",
                "-of", "flat", file.toString()));
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        return values;
    }

    /** Everything {@code ffmpeg -v error} prints while decoding the whole file (or its first {@code seconds}). */
    public static String decodeErrors(Path file, double seconds) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString()));
        if (seconds > 0) {
            cmd.addAll(List.of("-t", Double.toString(seconds)));
        }
        // Keep the file's own timestamps through to the null output: the CLI's default constant
        // frame rate would report two frames a millisecond apart (a repaired timestamp) as an
        // error of its own muxing, not of the file.
        cmd.addAll(List.of("-fps_mode", "passthrough", "-enc_time_base", "-1", "-f", "null", "-"));
        return MediaFixtures.run(cmd).strip();
    }

    public static double seconds(Map<String, String> probe, String key) {
        String v = probe.get(key);
        if (v == null || v.equals("N/A")) {
            throw new AssertionError("ffprobe gave no " + key + ": " + probe);
        }
        return Double.parseDouble(v);
    }

    /** How many packets of {@code stream} ffprobe flags as key. */
    static long keyPackets(Map<String, String> probe, int stream) {
        long n = 0;
        for (int i = 0; probe.containsKey("packets.packet." + i + ".stream_index"); i++) {
            if (probe.get("packets.packet." + i + ".stream_index").equals(Integer.toString(stream))
                    && probe.get("packets.packet." + i + ".flags").startsWith("K")) {
                n++;
            }
        }
        return n;
    }

    /** The presentation time of the last packet of {@code stream}. */
    static double lastPacketTime(Map<String, String> probe, int stream) {
        double last = -1;
        for (int i = 0; probe.containsKey("packets.packet." + i + ".stream_index"); i++) {
            String t = probe.get("packets.packet." + i + ".pts_time");
            if (probe.get("packets.packet." + i + ".stream_index").equals(Integer.toString(stream)) && !"N/A".equals(t)) {
                last = Math.max(last, Double.parseDouble(t));
            }
        }
        return last;
    }
    /**
     * When the picture of the file's video turns bright: the presentation times of the frames
     * whose mean luma ({@code signalstats} YAVG) is at least {@code minLuma} while the previous
     * frame's was below.
     */
    public static List<Double> brightFrameOnsets(Path file, double minLuma) throws IOException, InterruptedException {
        return onsets(file, "movie=" + filterPath(file) + ",signalstats", "lavfi.signalstats.YAVG", minLuma);
    }

    /**
     * When the file's audio turns loud: the start times of the 1 ms windows whose RMS level is at
     * least {@code minDb} dBFS while the previous window's was below. Decoding applies the Opus
     * pre-skip, so a time is where a listener hears it.
     */
    public static List<Double> loudAudioOnsets(Path file, double minDb) throws IOException, InterruptedException {
        return onsets(file, "amovie=" + filterPath(file) + ",asetnsamples=n=48,astats=metadata=1:reset=1",
                "lavfi.astats.Overall.RMS_level", minDb);
    }

    private static List<Double> onsets(Path file, String graph, String tag, double threshold)
            throws IOException, InterruptedException {
        String out = MediaFixtures.run(List.of("ffprobe", "-v", "error", "-f", "lavfi", "-i", graph,
                "-show_entries", "frame=pts_time:frame_tags=" + tag, "-of", "csv=p=0"));
        List<Double> onsets = new java.util.ArrayList<>();
        boolean above = false;
        for (String line : out.split("\n")) {
            String[] fields = line.strip().split(",");
            if (fields.length < 2 || fields[0].equals("N/A")) {
                continue;
            }
            double value = fields[1].equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(fields[1]);
            boolean now = value >= threshold;
            if (now && !above) {
                onsets.add(Double.parseDouble(fields[0]));
            }
            above = now;
        }
        return onsets;
    }

    /** The file as a filtergraph argument; temporary directories need no escaping, others are refused. */
    private static String filterPath(Path file) {
        String path = file.toAbsolutePath().toString();
        if (!path.matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException("path needs filtergraph escaping: " + path);
        }
        return path;
    }
}
