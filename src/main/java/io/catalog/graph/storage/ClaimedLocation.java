package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.LocationSource;

import java.util.List;
import java.util.UUID;

/**
 * A location this worker holds the claim on and is about to read: only a commit carrying {@code token} is accepted.
 *
 * @param contentHash  hash of the last input that was processed, null when the next read must process in full
 * @param httpEtag     ETag of the last read, for a conditional request
 * @param dependencies the files the last read's placeholders pulled in
 */
public record ClaimedLocation(UUID id, UUID token, LocationSpec spec, LocationSource source, String origin, String declaredBy,
                              String contentHash, String httpEtag, List<LocationSpec> dependencies) {

    /** Registered (not declared inside a descriptor): it has a generated Location entity of its own. */
    public boolean registered() {
        return source.registered();
    }
}
