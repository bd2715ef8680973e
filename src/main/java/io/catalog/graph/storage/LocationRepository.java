package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the small {@code locations} table through Hibernate ORM with Panache; answers are plain values. */
@ApplicationScoped
public class LocationRepository implements PanacheRepositoryBase<LocationRecord, UUID> {

    private static final List<LocationSource> LISTED = Arrays.stream(LocationSource.values()).filter(LocationSource::listed).toList();

    /** Locations registered through configuration or the API, oldest first. */
    public List<LocationState> listed() {
        return states(list("source in ?1 order by createdAt, id", LISTED));
    }

    /** Every location the catalog reads, registered or declared by a Location entity. */
    public List<LocationState> all() {
        return states(list("order by origin, type, target"));
    }

    /** A location registered through configuration or the API (not a provider's, nor one declared by a Location entity). */
    public Optional<LocationState> listed(UUID id) {
        return findByIdOptional(id).filter(r -> r.source.listed()).map(LocationRecord::state);
    }

    private static List<LocationState> states(List<LocationRecord> records) {
        return records.stream().map(LocationRecord::state).toList();
    }
}
