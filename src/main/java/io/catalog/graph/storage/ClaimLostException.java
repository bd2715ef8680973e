package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSpec;

/**
 * The worker's claim on a location no longer holds (its lease ran out and another worker claimed it): what this
 * worker read is older than what the other may commit, so it is not written.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(LocationSpec location) {
        super("the claim on " + location + " was taken over by another worker; this read is not committed");
    }
}
