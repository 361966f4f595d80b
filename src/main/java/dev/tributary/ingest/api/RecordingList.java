package dev.tributary.ingest.api;

import dev.tributary.ingest.recording.RecordingManifest;
import java.util.List;

/**
 * A page of recordings, newest first.
 *
 * @param items the recordings
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record RecordingList(List<RecordingManifest> items, String nextCursor) {}
