/**
 * Interop tests: real publishers (headless Chromium and Firefox ESR, Pion's {@code whip-publish},
 * FFmpeg 8's WHIP muxer) against our side, run by {@code mvn -Pinterop verify} and excluded from
 * the unit tests.
 *
 * <p>Our side plugs in as an {@link dev.tributary.interop.OfferHandler}: {@link
 * dev.tributary.interop.SignalingServer} hands it each offer posted to {@code /whip/{key}} and
 * sends back its answer, or the 4xx of an {@link dev.tributary.interop.OfferRejectedException}.
 * A browser publishes by itself from {@link dev.tributary.interop.SignalingServer#publishPage}
 * ({@link dev.tributary.interop.Browsers#launch}) and reports every step (connection states,
 * outbound packet counts, errors) to {@code /report}; Pion's tool is run by {@link
 * dev.tributary.interop.PionPublisher} and prints one JSON line per publisher; the {@code ffmpeg}
 * bundled with the {@code org.bytedeco:ffmpeg} dependency is run by {@link
 * dev.tributary.interop.FfmpegWhip} and publishes to the whole service; GStreamer's webrtcbin and
 * aiortc publish to it from Python scripts beside this package's resources ({@link
 * dev.tributary.interop.GstreamerPublisher}, {@link dev.tributary.interop.AiortcPublisher}), each
 * a {@link dev.tributary.interop.PublisherProcess} printing one JSON event a line, aiortc also
 * through a coturn relay ({@link dev.tributary.interop.Coturn}). Test classes are
 * named {@code *InteropTest}; {@code HarnessSelfTest} checks the harness itself with a handler
 * that refuses every offer. Real offers from each peer are kept in {@code offers/} beside the page.
 *
 * <p>Everything listens and connects on 127.0.0.1. To make sure a browser can reach nothing else,
 * run the whole build in a network namespace of its own, with dependencies already downloaded
 * (the namespace has no route out): {@code unshare -n sh -c 'ip link set lo up && exec mvn -o
 * -Pinterop verify'} (as root). The tests then also check that peers offer loopback candidates
 * only ({@link dev.tributary.interop.Browsers#networkIsolated}).
 */
package dev.tributary.interop;
