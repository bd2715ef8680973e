package io.catalog.graph.ingest;

/**
 * What a read returned. {@code notModified} means the source confirmed (HTTP 304) that the content behind
 * {@code etag} is unchanged, so {@code content} is empty.
 */
public record ReadResult(byte[] content, String etag, boolean notModified) {

    public static ReadResult notModified(String etag) {
        return new ReadResult(new byte[0], etag, true);
    }
}
