package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.ProcessingError;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the catalog knows about one location it reads: where it came from, its last read, status and errors. */
public record LocationState(UUID id, String type, String target, LocationSource source, UUID parentId, String origin,
                            String declaredBy, String status, List<ProcessingError> errors, OffsetDateTime lastReadAt,
                            OffsetDateTime lastSuccessAt, OffsetDateTime nextRefreshAt, OffsetDateTime createdAt) {

    public LocationSpec spec() {
        return new LocationSpec(type, target);
    }
}
