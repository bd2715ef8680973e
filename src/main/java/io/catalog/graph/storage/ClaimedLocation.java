package io.catalog.graph.storage;

import io.catalog.graph.ingest.LocationSpec;
import io.catalog.graph.processing.LocationProcessor;

import java.util.UUID;

/** A location this instance holds the lease on and is about to read. */
public record ClaimedLocation(UUID id, LocationSpec spec, String source, String origin, String declaredBy,
                              LocationProcessor.Previous previous) {

    /** Registered (not declared inside a descriptor): it has a generated Location entity of its own. */
    public boolean registered() {
        return !"entity".equals(source);
    }
}
