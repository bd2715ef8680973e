package io.catalog.graph.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The catalog's size and the refresh loop's backlog at one moment, as operators watch them.
 *
 * @param locationsByStatus every location status ({@link #LOCATION_STATUSES}) with its count, zero included
 * @param refreshLag        how long the oldest due location has been waiting; zero when none is due
 * @param entitiesByKind    entities per kind (lower case, as stored), orphans included: they are still served
 * @param staleMarks        marks of entities whose stitched text is out of date, not stitched yet (a ref may have several)
 */
public record CatalogCounts(Map<String, Long> locationsByStatus, Duration refreshLag, Map<String, Long> entitiesByKind,
                            long staleMarks) {

    /** The statuses the locations table allows (its CHECK constraint). */
    public static final List<String> LOCATION_STATUSES = List.of("pending", "ok", "failed");

    public CatalogCounts {
        locationsByStatus = Map.copyOf(locationsByStatus);
        entitiesByKind = Map.copyOf(entitiesByKind);
    }
}
