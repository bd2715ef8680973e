package io.catalog.graph.ingest;

import java.net.URI;

/**
 * Reads the URLs of one source through that source's own API (GitHub's contents API for a blob URL) instead of a
 * plain HTTP GET. Implemented by a provider; the {@link LocationReader} asks each one before fetching a URL itself.
 */
public interface SourceReader {

    /** Whether this reader answers for {@code url}. */
    boolean reads(URI url);

    /**
     * Reads {@code url}, within {@code policy}'s size bound. The source is trusted as configured by the operator, so
     * the policy's host allow-list does not apply; its byte limit does.
     */
    ReadResult read(URI url, ReadPolicy policy, String ifNoneMatch) throws LocationReadException;
}
