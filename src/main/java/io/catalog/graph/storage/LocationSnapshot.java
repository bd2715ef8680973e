package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a location produced before, read under its lock at the start of a commit: the input a write planner
 * decides from.
 *
 * @param owned    the entities the location produced, by entity ref
 * @param children the locations declared by its Location entities
 * @param others   the current holders of entity refs the new read produces but the location does not own
 */
public record LocationSnapshot(Map<String, OwnedEntity> owned, List<ChildLocationRow> children, Map<String, OtherHolder> others) {

    /** An entity the location produced; {@code documentIndex} is null for rows written before positions were kept. */
    public record OwnedEntity(UUID id, String ref, String hash, boolean hasErrors, Integer documentIndex) {
    }

    public record ChildLocationRow(UUID id, LocationSpec spec, String declaredBy) {
    }

    /** Who holds an entity ref now: an orphan ({@code locationId} null) or another location. */
    public record OtherHolder(UUID entityId, UUID locationId, String locationLabel) {
        public boolean orphan() {
            return locationId == null;
        }
    }

    public static final LocationSnapshot EMPTY = new LocationSnapshot(Map.of(), List.of(), Map.of());

    public Optional<OwnedEntity> ownedAt(int documentIndex) {
        return owned.values().stream().filter(e -> e.documentIndex() != null && e.documentIndex() == documentIndex).findFirst();
    }
}
