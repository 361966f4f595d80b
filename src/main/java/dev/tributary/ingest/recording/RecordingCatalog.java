package dev.tributary.ingest.recording;

import dev.tributary.ingest.storage.NoSuchKeyException;
import dev.tributary.ingest.storage.Spool;
import dev.tributary.ingest.storage.Storage;
import dev.tributary.ingest.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recordings: their manifests, and their media files from the spool while they are written and
 * uploaded, from {@link Storage} after that.
 *
 * <h2>Life of a recording</h2>
 * The recorder calls {@link #create} when a session starts recording and writes the media to the
 * local file {@link #mediaFile} names (in the {@link Spool}); it reports {@link #progress} every
 * few seconds (each call stores the manifest, which costs a PUT on S3) and {@link #tracks} when
 * they are known; and ends with {@link #complete} or {@link #fail}, which queue the file's upload.
 * If the process dies, {@link #start} at the next start marks every recording still {@code
 * recording} as {@code interrupted} and uploads what was written.
 *
 * <h2>Storage layout</h2>
 * The manifest of recording {@code id} is the object {@code <id>.json} and its media
 * {@code <id>.<container extension>}. All manifests are read once at start into memory; from then
 * on this catalog is the only writer of the storage it is given (one service instance per
 * bucket prefix or directory).
 *
 * <p>Thread-safe: calls for different recordings run in parallel, those for one are serialised.
 */
public final class RecordingCatalog {

    private static final Logger log = LoggerFactory.getLogger(RecordingCatalog.class);
    private static final String MANIFEST_SUFFIX = ".json";

    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE_SIZE = 500;

    private final Storage storage;
    private final Spool spool;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cursors cursors = new Cursors();
    private final Map<String, RecordingManifest> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Cursors.Position, RecordingManifest> newestFirst =
            new ConcurrentSkipListMap<>();
    private final Object[] locks = new Object[64];

    public RecordingCatalog(Storage storage, Spool spool, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Loads the manifests, marks the recordings a crash left {@code recording} as {@code
     * interrupted} (with the size and duration last written) and queues the upload of the files
     * left in the spool. Call once, before the first recording starts.
     */
    public void start() {
        int loaded = 0;
        for (String key : storage.list("")) {
            if (!key.endsWith(MANIFEST_SUFFIX) || !RecordingIds.isValid(idOf(key))) {
                continue;
            }
            RecordingManifest manifest;
            try (InputStream in = storage.open(key)) {
                manifest = json.readValue(in, RecordingManifest.class);
            } catch (IOException e) {
                throw new StorageException("cannot read " + key, e);
            } catch (JacksonException | CatalogException | IllegalArgumentException | NullPointerException e) {
                log.warn("Skipping unreadable recording manifest {}: {}", key, e.toString());
                continue;
            }
            if (!manifest.id().equals(idOf(key))) {
                log.warn("Skipping recording manifest {}: it names recording {}", key, manifest.id());
                continue;
            }
            if (manifest.state() == RecordingState.RECORDING) {
                Optional<Path> local = spool.local(manifest.mediaKey());
                long size = local.map(RecordingCatalog::sizeOf).orElse(manifest.sizeBytes());
                // the last progress figure is up to several seconds old: the file itself says how much plays
                long durationMs = local.map(MediaProbe::durationMicros).filter(OptionalLong::isPresent)
                        .map(d -> d.getAsLong() / 1000).orElse(manifest.durationMs());
                manifest = manifest.withProgress(durationMs, size).ended(RecordingState.INTERRUPTED,
                        manifest.startedAt().plusMillis(durationMs), null);
                write(manifest);
                log.info("Recording {} of stream {} was interrupted by a restart", manifest.id(),
                        manifest.streamKey());
            }
            index(manifest);
            loaded++;
        }
        spool.recover();
        log.info("Recording catalog: {} recording(s)", loaded);
    }

    /**
     * Starts a recording in state {@code recording}.
     *
     * @param tracks the tracks known so far (may be empty; see {@link #tracks})
     */
    public RecordingManifest create(String streamKey, ContainerFormat container, List<Track> tracks) {
        return create(newId(), streamKey, container, tracks);
    }

    /** A new recording id, for a recording {@link #create(String, String, ContainerFormat, List) created} later. */
    public String newId() {
        return RecordingIds.generate(clock.instant());
    }

    /**
     * Starts a recording in state {@code recording} under an id from {@link #newId()}.
     *
     * @throws CatalogException {@code INVALID_ID} if the id is malformed
     * @throws IllegalArgumentException if a recording with this id exists
     */
    public RecordingManifest create(String id, String streamKey, ContainerFormat container, List<Track> tracks) {
        Objects.requireNonNull(streamKey, "streamKey");
        RecordingIds.require(id);
        Instant now = clock.instant();
        RecordingManifest manifest = new RecordingManifest(id, streamKey, RecordingState.RECORDING, now, null, 0,
                container, 0, tracks, null, id + container.extension());
        synchronized (lock(id)) {
            if (find(id).isPresent()) {
                throw new IllegalArgumentException("recording " + id + " exists");
            }
            write(manifest);
            index(manifest);
        }
        return manifest;
    }

    /**
     * The local file the recorder writes recording {@code id} to. It stays there until uploaded.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}
     */
    public Path mediaFile(String id) {
        return spool.file(get(id).mediaKey());
    }

    /**
     * Records how much has been written: the duration given and the size of the local file.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code ENDED}
     */
    public RecordingManifest progress(String id, long durationMs) {
        return updateLive(id, m -> m.withProgress(durationMs, localSize(m)));
    }

    /**
     * Sets the recording's tracks (as they become known: a video track's size comes with its
     * first keyframe).
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code ENDED}
     */
    public RecordingManifest tracks(String id, List<Track> tracks) {
        return updateLive(id, m -> m.withTracks(tracks));
    }

    /**
     * Ends the recording normally and queues its upload.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code ENDED}
     */
    public RecordingManifest complete(String id, long durationMs) {
        RecordingManifest m = updateLive(id, r -> r.withProgress(durationMs, localSize(r))
                .ended(RecordingState.COMPLETE, clock.instant(), null));
        if (spool.local(m.mediaKey()).isPresent()) {
            spool.upload(m.mediaKey());
        }
        return m;
    }

    /**
     * Ends the recording as failed. What was written, if anything, is kept and uploaded.
     *
     * @param error why, for people
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code ENDED}
     */
    public RecordingManifest fail(String id, String error) {
        Objects.requireNonNull(error, "error");
        RecordingManifest m = updateLive(id, r -> r.withProgress(r.durationMs(), localSize(r))
                .ended(RecordingState.FAILED, clock.instant(), error));
        if (m.sizeBytes() > 0) {
            spool.upload(m.mediaKey());
        } else {
            spool.discard(m.mediaKey());
        }
        return m;
    }

    private interface Update {
        RecordingManifest apply(RecordingManifest m);
    }

    private RecordingManifest updateLive(String id, Update update) {
        synchronized (lock(RecordingIds.require(id))) {
            RecordingManifest current = get(id);
            if (current.state() != RecordingState.RECORDING) {
                throw new CatalogException(CatalogException.Reason.ENDED,
                        "recording " + id + " has ended (" + current.state().value() + ")");
            }
            RecordingManifest updated = update.apply(current);
            write(updated);
            index(updated);
            return updated;
        }
    }

    /**
     * The recording, if there is one.
     *
     * @throws CatalogException {@code INVALID_ID}
     */
    public Optional<RecordingManifest> find(String id) {
        return Optional.ofNullable(byId.get(RecordingIds.require(id)));
    }

    /**
     * The recording.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}
     */
    public RecordingManifest get(String id) {
        return find(id).orElseThrow(() -> new CatalogException(CatalogException.Reason.NOT_FOUND,
                "no recording " + id));
    }

    /**
     * A page of the recordings that match {@code query}, newest first (by start, then id). Pages
     * are stable under concurrent inserts: a recording started after the listing began appears on
     * no later page, and none is repeated or skipped.
     *
     * @param cursor null for the first page, else the {@link RecordingPage#nextCursor()} of the
     *     previous page of the same query
     * @param limit the page size, 1 to {@link #MAX_PAGE_SIZE}
     * @throws CatalogException {@code INVALID_CURSOR}
     */
    public RecordingPage list(RecordingQuery query, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_PAGE_SIZE + ": " + limit);
        }
        Map<Cursors.Position, RecordingManifest> rest = cursor == null ? newestFirst
                : newestFirst.tailMap(cursors.decode(cursor, query), false);
        List<RecordingManifest> items = new ArrayList<>(limit);
        boolean more = false;
        for (RecordingManifest m : rest.values()) {
            if (!query.matches(m)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(m);
        }
        String next = more ? cursors.encode(Cursors.Position.of(items.getLast()), query) : null;
        return new RecordingPage(items, next);
    }

    /**
     * Deletes the recording: its media (from the spool and storage), then its manifest.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code LIVE}
     */
    public void delete(String id) {
        synchronized (lock(RecordingIds.require(id))) {
            RecordingManifest m = get(id);
            if (m.state() == RecordingState.RECORDING) {
                throw new CatalogException(CatalogException.Reason.LIVE,
                        "recording " + id + " is live: end its session first");
            }
            spool.discard(m.mediaKey());
            storage.delete(m.mediaKey());
            storage.delete(manifestKey(id));
            byId.remove(id);
            newestFirst.remove(Cursors.Position.of(m));
        }
    }

    /**
     * The recording's media: the local file while it is in the spool (being written, or waiting
     * for its upload), else the object in storage.
     *
     * @throws CatalogException {@code INVALID_ID}, {@code NOT_FOUND}, {@code MEDIA_MISSING}
     */
    public MediaContent media(String id) {
        RecordingManifest m = get(id);
        String key = m.mediaKey();
        Optional<Path> local = spool.local(key);
        long size;
        if (local.isPresent()) {
            size = sizeOf(local.get());
        } else {
            try {
                size = storage.size(key);
            } catch (NoSuchKeyException e) {
                throw new CatalogException(CatalogException.Reason.MEDIA_MISSING,
                        "the media file of recording " + id + " is not in storage");
            }
        }
        return new MediaContent() {
            @Override
            public ContainerFormat container() {
                return m.container();
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open(long offset, long length) {
                if (local.isPresent()) {
                    try {
                        return spool.open(key, offset, length);
                    } catch (NoSuchKeyException uploadedMeanwhile) {
                        // The upload finished and removed the local file since the lookup.
                    }
                }
                return storage.open(key, offset, length);
            }
        };
    }

    private void write(RecordingManifest manifest) {
        storage.put(manifestKey(manifest.id()), json.writeValueAsBytes(manifest));
    }

    private void index(RecordingManifest manifest) {
        byId.put(manifest.id(), manifest);
        newestFirst.put(Cursors.Position.of(manifest), manifest);
    }

    private long localSize(RecordingManifest m) {
        return spool.local(m.mediaKey()).map(RecordingCatalog::sizeOf).orElse(m.sizeBytes());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }

    private static String manifestKey(String id) {
        return id + MANIFEST_SUFFIX;
    }

    private static String idOf(String manifestKey) {
        return manifestKey.substring(0, manifestKey.length() - MANIFEST_SUFFIX.length());
    }
}
