package dev.tributary.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GStreamer's webrtcbin as a WHIP publisher: {@code gst_whip_publish.py} beside this class's
 * resources, run with Debian's {@code /usr/bin/python3} and PyGObject. It speaks WHIP as
 * Meetecho's {@code simple-whip-client} does (trickled candidates in PATCHes with If-Match, or
 * candidates in the offer; DELETE on SIGINT or SIGTERM); that client itself aborts on Debian 12
 * before it sends anything (see the script). The script prints one JSON event a line; {@link
 * PublisherProcess} collects them as they come.
 */
final class GstreamerPublisher {

    private static final Path PYTHON = PublisherProcess.PYTHON;
    private static final Path SCRIPT = PublisherProcess.script("gst_whip_publish.py");

    /** The Debian packages the script needs, for the message of a skipped test. */
    static final String PACKAGES = "python3-gi gir1.2-gst-plugins-bad-1.0 gstreamer1.0-plugins-base "
            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-nice";

    private GstreamerPublisher() {}

    /**
     * Skips the calling test unless the script can make pipelines with these GStreamer elements
     * (webrtcbin, libnice and DTLS-SRTP are always checked).
     */
    static void assumeAvailable(String... elements) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), "--check"));
        command.addAll(List.of(elements));
        PublisherProcess.Check check = PublisherProcess.check(command);
        assumeTrue(check.exitCode() == 0, "GStreamer's webrtcbin is not usable from Python (" + check.output()
                + "); Debian packages: " + PACKAGES);
    }

    /**
     * Starts publishing.
     *
     * @param whip the WHIP endpoint
     * @param token the bearer token
     * @param audio the audio pipeline, ending in an RTP payloader and its caps
     * @param video the video pipeline, likewise
     * @param trickle whether candidates are trickled in PATCHes (else they go in the offer)
     * @param iceAddress the only local address to gather candidates on
     * @return the running publisher; close it
     */
    static PublisherProcess start(URI whip, String token, String audio, String video, boolean trickle,
            String iceAddress) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(),
                "-u", whip.toString(), "-t", token, "-A", audio, "-V", video, "--ice-address", iceAddress,
                "--open-valves"));
        if (!trickle) {
            command.add("-n");
        }
        return PublisherProcess.start(command, "gst-whip-publish");
    }
}
