package dev.tributary.ingest.recording;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param items the recordings of this page
 * @param nextCursor the cursor of the next page, or null if this is the last
 */
public record RecordingPage(List<RecordingManifest> items, String nextCursor) {

    public RecordingPage {
        items = List.copyOf(items);
    }
}
