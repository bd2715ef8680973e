package io.catalog.graph.ingest;

/** A location could not be read (missing, refused by policy, too large, unreachable). Nothing is deleted because of it. */
public class LocationReadException extends Exception {

    public LocationReadException(String message) {
        super(message);
    }

    public LocationReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
