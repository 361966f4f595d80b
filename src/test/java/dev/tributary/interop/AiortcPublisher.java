package dev.tributary.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * aiortc as a WHIP publisher: {@code aiortc_whip_publish.py} beside this class's resources, run
 * with Debian's {@code /usr/bin/python3} and its aiortc 1.4. It sends a synthetic H264 or VP8
 * video and an Opus tone with every candidate in the offer, for a given time once media flows,
 * then DELETEs its session and exits; optionally through a TURN server, relayed candidates only.
 * The script prints one JSON event a line; {@link PublisherProcess} collects them.
 */
final class AiortcPublisher {

    private static final Path PYTHON = PublisherProcess.PYTHON;
    private static final Path SCRIPT = PublisherProcess.script("aiortc_whip_publish.py");

    /** The video codec the publisher offers (besides RTX). */
    enum Codec { H264, VP8 }

    private AiortcPublisher() {}

    /** Skips the calling test unless aiortc can encode H264, VP8 and Opus. */
    static void assumeAvailable() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed");
        PublisherProcess.Check check = PublisherProcess.check(List.of(PYTHON.toString(), SCRIPT.toString(),
                "--check"));
        assumeTrue(check.exitCode() == 0, "aiortc is not usable (" + check.output()
                + "); Debian package: python3-aiortc");
    }

    /**
     * Starts publishing.
     *
     * @param whip the WHIP endpoint
     * @param token the bearer token
     * @param codec the video codec
     * @param seconds how long to publish once both tracks make media
     * @param iceAddress the only local address to gather host candidates on
     * @param turn a TURN server to publish through with relayed candidates only, or null for host candidates
     * @return the running publisher; close it
     */
    static PublisherProcess start(URI whip, String token, Codec codec, double seconds, String iceAddress,
            Coturn turn) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(),
                "-u", whip.toString(), "-t", token, "--codec", codec.name(),
                "--secs", String.format(Locale.ROOT, "%.3f", seconds), "--ice-address", iceAddress));
        if (turn != null) {
            command.addAll(List.of("--turn", turn.url(), "--turn-user", turn.username(),
                    "--turn-pass", turn.password(), "--relay-only"));
        }
        return PublisherProcess.start(command, "aiortc-whip-publish");
    }
}
