package dev.tributary.ingest.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.ingest.storage.FileSystemStorage;
import dev.tributary.ingest.storage.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingCatalogTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock();
    final List<Spool> spools = new ArrayList<>();

    @AfterEach
    void closeSpools() {
        spools.forEach(Spool::close);
    }

    FileSystemStorage storage() {
        return new FileSystemStorage(tmp.resolve("store"));
    }

    RecordingCatalog catalog(FileSystemStorage storage) {
        Spool spool = new Spool(tmp.resolve("spool"), storage, Duration.ofMillis(10), Duration.ofMillis(50));
        spools.add(spool);
        RecordingCatalog catalog = new RecordingCatalog(storage, spool, clock);
        catalog.start();
        return catalog;
    }

    static final List<Track> TRACKS = List.of(Track.video("VP8", 1280, 720), Track.audio("opus", 48_000, 2));

    @Test
    void aRecordingGoesFromRecordingToCompleteAndIsUploaded() throws IOException {
        FileSystemStorage storage = storage();
        RecordingCatalog catalog = catalog(storage);
        RecordingManifest created = catalog.create("cam1", ContainerFormat.WEBM, List.of());
        assertThat(RecordingIds.isValid(created.id())).isTrue();
        assertThat(created.state()).isEqualTo(RecordingState.RECORDING);
        assertThat(created.mediaKey()).isEqualTo(created.id() + ".webm");
        assertThat(storage.exists(created.id() + ".json")).isTrue();

        Path file = catalog.mediaFile(created.id());
        Files.write(file, new byte[3000]);
        clock.now = T0.plusSeconds(3);
        assertThat(catalog.progress(created.id(), 3000).sizeBytes()).isEqualTo(3000);
        assertThat(catalog.tracks(created.id(), TRACKS).tracks()).isEqualTo(TRACKS);
        Files.write(file, new byte[5000]);
        clock.now = T0.plusSeconds(5);
        RecordingManifest done = catalog.complete(created.id(), 5000);
        assertThat(done.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(done.endedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.sizeBytes()).isEqualTo(5000);
        assertThat(done.durationMs()).isEqualTo(5000);

        await().atMost(Duration.ofSeconds(10)).until(() -> storage.exists(done.mediaKey()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.notExists(file));
        assertThat(catalog.media(done.id()).size()).isEqualTo(5000);
        try (InputStream in = catalog.media(done.id()).open(4990, 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        assertThatThrownBy(() -> catalog.progress(done.id(), 6000)).isInstanceOf(CatalogException.class)
                .extracting(e -> ((CatalogException) e).reason()).isEqualTo(CatalogException.Reason.ENDED);

        String json = new String(storage.open(done.id() + ".json").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"state\":\"complete\"", "\"container\":\"webm\"", "\"codec\":\"VP8\"",
                "\"startedAt\":\"2026-03-01T10:00:00Z\"", "\"mediaKey\":\"" + done.mediaKey() + "\"");
        assertThat(catalog(storage).get(done.id())).as("reloaded from storage").isEqualTo(done);
    }

    @Test
    void mediaOfALiveRecordingIsServedFromTheSpool() throws IOException {
        RecordingCatalog catalog = catalog(storage());
        RecordingManifest r = catalog.create("cam1", ContainerFormat.FRAGMENTED_MP4, TRACKS);
        Files.writeString(catalog.mediaFile(r.id()), "0123456789");
        MediaContent media = catalog.media(r.id());
        assertThat(media.size()).isEqualTo(10);
        assertThat(media.container().mediaType()).isEqualTo("video/mp4");
        try (InputStream in = media.open(2, 3)) {
            assertThat(in).hasContent("234");
        }
    }

    @Test
    void failedRecordingsKeepTheirErrorAndWhatWasWritten() throws IOException {
        FileSystemStorage storage = storage();
        RecordingCatalog catalog = catalog(storage);
        RecordingManifest empty = catalog.create("cam1", ContainerFormat.MATROSKA, TRACKS);
        Files.write(catalog.mediaFile(empty.id()), new byte[0]);
        RecordingManifest failed = catalog.fail(empty.id(), "muxer refused the codec");
        assertThat(failed.state()).isEqualTo(RecordingState.FAILED);
        assertThat(failed.error()).isEqualTo("muxer refused the codec");
        assertThat(catalog.mediaFile(empty.id())).doesNotExist();

        RecordingManifest partial = catalog.create("cam1", ContainerFormat.MATROSKA, TRACKS);
        Files.write(catalog.mediaFile(partial.id()), new byte[100]);
        catalog.fail(partial.id(), "disk full");
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.exists(partial.mediaKey()));
    }

    @Test
    void aRestartMarksOpenRecordingsInterruptedAndUploadsThem() throws IOException {
        FileSystemStorage storage = storage();
        Path spoolDir = tmp.resolve("spool");
        // A process that dies while recording: its spool never uploads anything.
        Spool dead = new Spool(spoolDir, storage, Duration.ofHours(1), Duration.ofHours(1));
        RecordingCatalog before = new RecordingCatalog(storage, dead, clock);
        before.start();
        RecordingManifest live = before.create("cam1", ContainerFormat.WEBM, TRACKS);
        Files.write(before.mediaFile(live.id()), new byte[4096]);
        before.progress(live.id(), 2000);
        Files.write(before.mediaFile(live.id()), new byte[8192]);
        RecordingManifest finished = before.create("cam2", ContainerFormat.FRAGMENTED_MP4, TRACKS);
        before.complete(finished.id(), 1000);
        dead.close();

        clock.now = T0.plusSeconds(3600);
        RecordingCatalog after = catalog(storage);
        RecordingManifest interrupted = after.get(live.id());
        assertThat(interrupted.state()).isEqualTo(RecordingState.INTERRUPTED);
        assertThat(interrupted.sizeBytes()).as("what was on disk, not the last progress").isEqualTo(8192);
        assertThat(interrupted.endedAt()).isEqualTo(interrupted.startedAt().plusMillis(2000));
        assertThat(after.get(finished.id()).state()).isEqualTo(RecordingState.COMPLETE);
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.exists(live.mediaKey()));
        assertThat(storage.size(live.mediaKey())).isEqualTo(8192);
        assertThat(new String(storage.open(live.id() + ".json").readAllBytes(), StandardCharsets.UTF_8))
                .contains("\"state\":\"interrupted\"");
        after.delete(live.id());
        assertThat(storage.exists(live.mediaKey())).isFalse();
    }

    @Test
    void listsNewestFirstWithFiltersAndPagesThatNeitherRepeatNorSkip() {
        RecordingCatalog catalog = catalog(storage());
        List<RecordingManifest> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            clock.now = T0.plusSeconds(i / 2); // pairs share a start instant: the id breaks the tie
            RecordingManifest r = catalog.create(i % 3 == 0 ? "a" : "b", ContainerFormat.WEBM, TRACKS);
            if (i % 5 == 0) {
                r = catalog.complete(r.id(), 10);
            }
            all.add(r);
        }
        List<String> expected = all.stream()
                .sorted((x, y) -> x.startedAt().equals(y.startedAt()) ? y.id().compareTo(x.id())
                        : y.startedAt().compareTo(x.startedAt()))
                .map(RecordingManifest::id).toList();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RecordingPage page = catalog.list(RecordingQuery.ALL, cursor, 7);
            page.items().forEach(m -> paged.add(m.id()));
            cursor = page.nextCursor();
            pages++;
            if (pages == 2) {
                clock.now = T0.plusSeconds(1000);
                catalog.create("a", ContainerFormat.WEBM, TRACKS); // newer: must not show up on later pages
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(paged).isEqualTo(expected);

        RecordingQuery onlyA = new RecordingQuery("a", null, null, null);
        assertThat(catalog.list(onlyA, null, 100).items()).hasSize(10).allMatch(m -> m.streamKey().equals("a"));
        RecordingQuery completeB = new RecordingQuery("b", RecordingState.COMPLETE, null, null);
        assertThat(catalog.list(completeB, null, 100).items()).extracting(RecordingManifest::id)
                .containsExactlyInAnyOrderElementsOf(all.stream()
                        .filter(m -> m.streamKey().equals("b") && m.state() == RecordingState.COMPLETE)
                        .map(RecordingManifest::id).toList());
        RecordingQuery window = new RecordingQuery(null, null, T0.plusSeconds(2), T0.plusSeconds(4));
        assertThat(catalog.list(window, null, 100).items()).hasSize(4)
                .allMatch(m -> !m.startedAt().isBefore(T0.plusSeconds(2)) && m.startedAt().isBefore(T0.plusSeconds(4)));

        RecordingPage firstA = catalog.list(onlyA, null, 3);
        assertThat(catalog.list(onlyA, firstA.nextCursor(), 3).items()).hasSize(3)
                .doesNotContainAnyElementsOf(firstA.items());
    }

    @Test
    void tamperedOrForeignCursorsAreRejected() {
        RecordingCatalog catalog = catalog(storage());
        for (int i = 0; i < 5; i++) {
            clock.now = T0.plusSeconds(i);
            catalog.create("a", ContainerFormat.WEBM, TRACKS);
        }
        String cursor = catalog.list(RecordingQuery.ALL, null, 2).nextCursor();
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        raw[3] ^= 1; // move the position by a few seconds
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        for (String bad : List.of(tampered, cursor.substring(1), "!!!", "", cursor + "AA")) {
            assertThatThrownBy(() -> catalog.list(RecordingQuery.ALL, bad, 2))
                    .isInstanceOf(CatalogException.class)
                    .extracting(e -> ((CatalogException) e).reason())
                    .isEqualTo(CatalogException.Reason.INVALID_CURSOR);
        }
        assertThatThrownBy(() -> catalog.list(new RecordingQuery("a", null, null, null), cursor, 2))
                .as("a cursor of another query").isInstanceOf(CatalogException.class);
        assertThatThrownBy(() -> catalog(storage()).list(RecordingQuery.ALL, cursor, 2))
                .as("a cursor of an earlier process").isInstanceOf(CatalogException.class);
    }

    @Test
    void liveRecordingsCannotBeDeletedEndedOnesTakeTheirFilesAlong() throws IOException {
        FileSystemStorage storage = storage();
        RecordingCatalog catalog = catalog(storage);
        RecordingManifest r = catalog.create("cam1", ContainerFormat.WEBM, TRACKS);
        Files.write(catalog.mediaFile(r.id()), new byte[10]);
        assertThatThrownBy(() -> catalog.delete(r.id())).isInstanceOf(CatalogException.class)
                .extracting(e -> ((CatalogException) e).reason()).isEqualTo(CatalogException.Reason.LIVE);
        catalog.complete(r.id(), 1);
        catalog.delete(r.id());
        assertThat(catalog.find(r.id())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !storage.exists(r.mediaKey()));
        assertThat(storage.exists(r.id() + ".json")).isFalse();
    }

    @Test
    void idsAreStrict() {
        RecordingCatalog catalog = catalog(storage());
        for (String bad : new String[] {"../etc/passwd", "", "ABCDEFGHJKMNPQRSTVWXYZ0123", "01hqz", "0".repeat(27),
                "0".repeat(25) + "/", "0".repeat(25) + "u", "0".repeat(25) + "i"}) {
            assertThatThrownBy(() -> catalog.get(bad)).isInstanceOf(CatalogException.class)
                    .extracting(e -> ((CatalogException) e).reason())
                    .isEqualTo(CatalogException.Reason.INVALID_ID);
        }
        assertThat(catalog.find("0".repeat(26))).isEmpty();
        String a = RecordingIds.generate(T0);
        String b = RecordingIds.generate(T0.plusMillis(1));
        assertThat(a).isNotEqualTo(RecordingIds.generate(T0)).matches("[0-9a-z]{26}");
        assertThat(a.substring(0, 10)).isLessThan(b.substring(0, 10));
    }
}
