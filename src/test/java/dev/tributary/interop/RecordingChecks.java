package dev.tributary.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import tools.jackson.databind.JsonNode;

/** What the publish interop tests check of a complete recording of video + Opus. */
final class RecordingChecks {

    /** How far a recording's length may be from the time published. */
    static final Offset<Double> LENGTH_TOLERANCE = Offset.offset(0.5);

    private RecordingChecks() {}

    /**
     * Checks a complete recording as the API lists it and its media as ffprobe and a full decode
     * see it: the container the service picked, the video codec and Opus, a length within {@link
     * #LENGTH_TOLERANCE} of what was published, and no decode error.
     *
     * @param api the recordings API the recording came from
     * @param recording the recording as the API lists it
     * @param label names the publish in what is printed
     * @param container the container the API names ({@code mp4}, {@code webm})
     * @param formatName how ffprobe's {@code format_name} starts ({@code mov,mp4}, {@code matroska,webm})
     * @param videoCodec the video codec, as the API and ffprobe name it ({@code h264}, {@code vp8})
     * @param publishedSeconds how long the publisher sent media
     */
    static void assertPlayable(RecordingsClient api, JsonNode recording, String label, String container,
            String formatName, String videoCodec, double publishedSeconds) throws Exception {
        assertThat(recording.path("container").stringValue("")).isEqualTo(container);
        assertThat(recording.path("tracks").findValuesAsString("codec")).map(String::toLowerCase)
                .containsExactlyInAnyOrder(videoCodec, "opus");

        Path media = api.download(recording.path("id").stringValue(""), "." + container);
        try {
            JsonNode probe = Ffprobe.probe(media);
            assertThat(probe.path("format").path("format_name").stringValue("")).startsWith(formatName);
            assertThat(probe.path("streams").findValuesAsString("codec_name"))
                    .containsExactlyInAnyOrder(videoCodec, "opus");
            double duration = probe.path("format").path("duration").asDouble();
            System.out.printf("%s: recording of %.3f s for %.3f s published (manifest: %d ms, %d bytes)%n",
                    label, duration, publishedSeconds, recording.path("durationMs").asLong(),
                    recording.path("sizeBytes").asLong());
            assertThat(duration).isCloseTo(publishedSeconds, LENGTH_TOLERANCE);
            assertThat(Ffprobe.decodeErrors(media)).isEmpty();
        } finally {
            Files.deleteIfExists(media);
        }
    }
}
