package dev.tributary.ingest.recording;

import java.io.InputStream;

/** The bytes of a recording's media file, as of when it was looked up. */
public interface MediaContent {

    /** The container, which gives the media type. */
    ContainerFormat container();

    /**
     * The size in bytes. For a recording still being written this is what had been written when
     * the content was looked up; reads stay within it.
     */
    long size();

    /**
     * Opens {@code length} bytes from {@code offset}, both within {@link #size()}, streamed; the
     * caller closes the stream.
     */
    InputStream open(long offset, long length);
}
