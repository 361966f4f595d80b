package dev.tributary.ingest.session;

import dev.tributary.ingest.recording.CatalogException;
import dev.tributary.ingest.recording.ContainerFormat;
import dev.tributary.ingest.recording.RecordingCatalog;
import dev.tributary.ingest.recording.RecordingListener;
import dev.tributary.ingest.recording.RecordingManifest;
import dev.tributary.ingest.recording.RecordingWriter;
import dev.tributary.ingest.recording.Track;
import dev.tributary.ingest.recording.TrackFormat;
import dev.tributary.webrtc.ParseException;
import dev.tributary.webrtc.media.H264Sps;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions' recordings in the {@link RecordingCatalog}; the listeners (webhooks) hear of each
 * recording's start and end once the catalog has it.
 */
final class CatalogRecordings implements Recordings {

    private static final Logger log = LoggerFactory.getLogger(CatalogRecordings.class);

    private final RecordingCatalog catalog;
    private final List<RecordingListener> listeners;

    CatalogRecordings(RecordingCatalog catalog, List<RecordingListener> listeners) {
        this.catalog = catalog;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public String newId() {
        return catalog.newId();
    }

    @Override
    public Path start(String recordingId, String streamKey, ContainerFormat container, List<TrackFormat> tracks) {
        RecordingManifest manifest = catalog.create(recordingId, streamKey, container,
                tracks.stream().map(CatalogRecordings::track).toList());
        tell(listener -> listener.started(manifest));
        return catalog.mediaFile(recordingId);
    }

    @Override
    public void progress(String recordingId, long durationMs) {
        try {
            catalog.progress(recordingId, durationMs);
        } catch (CatalogException e) {
            log.debug("Recording {}: no progress update: {}", recordingId, e.getMessage());
        }
    }

    @Override
    public void finish(String recordingId, RecordingWriter.Result result, String failure) {
        if (failure == null) {
            RecordingManifest manifest = catalog.complete(recordingId, result.durationMicros() / 1000);
            tell(listener -> listener.completed(manifest));
        } else {
            RecordingManifest manifest = catalog.fail(recordingId, failure);
            tell(listener -> listener.failed(manifest));
        }
    }

    private void tell(Consumer<RecordingListener> event) {
        for (RecordingListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.error("Recording listener {} failed", listener, e);
            }
        }
    }

    private static Track track(TrackFormat format) {
        return switch (format) {
            case TrackFormat.H264 h264 -> {
                Integer width = null;
                Integer height = null;
                try {
                    H264Sps sps = H264Sps.parse(h264.sps(), 0, h264.sps().length);
                    width = sps.width();
                    height = sps.height();
                } catch (ParseException e) {
                    log.debug("unreadable SPS: {}", e.getMessage());
                }
                yield Track.video("h264", width, height);
            }
            case TrackFormat.Vp8 vp8 -> Track.video("vp8", vp8.width(), vp8.height());
            case TrackFormat.Vp9 vp9 -> Track.video("vp9", vp9.width(), vp9.height());
            case TrackFormat.Av1 av1 -> Track.video("av1", null, null);
            case TrackFormat.Opus opus -> Track.audio("opus", 48_000, opus.channels());
        };
    }
}
