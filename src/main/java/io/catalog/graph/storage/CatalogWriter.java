package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.ingest.LocationSpec;
import io.catalog.graph.processing.LocationProcessor;
import io.catalog.graph.processing.ProcessedEntity;
import io.catalog.graph.processing.ProcessingError;
import io.catalog.graph.processing.RejectedDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Commits the outcome of reading one location in one transaction: entities added, changed, kept with errors
 * or removed; child locations declared or dropped; the location's own state. Only a successful read removes anything.
 */
@ApplicationScoped
public class CatalogWriter {

    private final DataSource dataSource;
    private final EntityStore entities;
    private final LocationStore locations;
    private final ObjectMapper json;

    public CatalogWriter(DataSource dataSource, EntityStore entities, LocationStore locations, ObjectMapper json) {
        this.dataSource = dataSource;
        this.entities = entities;
        this.locations = locations;
        this.json = json;
    }

    @Transactional
    public void unchanged(ClaimedLocation location, String httpEtag, Instant nextRefresh) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET http_etag = ?, status = 'ok', last_read_at = now(),"
                     + " last_success_at = now(), next_refresh_at = ? WHERE id = ?")) {
            s.setString(1, httpEtag);
            s.setTimestamp(2, Timestamp.from(nextRefresh));
            s.setObject(3, location.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot record the refresh of " + location.spec(), e);
        }
    }

    /** The read or parse failed: everything the location produced stays served, with the error attached. */
    @Transactional
    public void failed(ClaimedLocation location, ProcessingError error, Instant nextRefresh) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, EntityStore.Existing> owned = entities.ownedBy(c, location.id());
            Map<UUID, List<ProcessingError>> errors = new HashMap<>();
            owned.values().stream()
                    .filter(e -> !e.ref().equals(location.declaredBy()) || !location.registered())
                    .forEach(e -> errors.put(e.id(), List.of(error)));
            entities.setErrors(c, errors);
            try (PreparedStatement s = c.prepareStatement("UPDATE locations SET status = 'failed', errors = ?::jsonb,"
                    + " last_read_at = now(), next_refresh_at = ? WHERE id = ?")) {
                s.setString(1, Json.write(json, List.of(error)));
                s.setTimestamp(2, Timestamp.from(nextRefresh));
                s.setObject(3, location.id());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot record the failure of " + location.spec(), e);
        }
    }

    @Transactional
    public void processed(ClaimedLocation location, LocationProcessor.Processed outcome, Instant nextRefresh) {
        try (Connection c = dataSource.getConnection()) {
            List<ProcessingError> locationErrors = new ArrayList<>(outcome.problems());
            Map<String, EntityStore.Existing> owned = entities.ownedBy(c, location.id());

            List<ProcessedEntity> fresh = new ArrayList<>();
            List<UUID> changedIds = new ArrayList<>();
            List<ProcessedEntity> changed = new ArrayList<>();
            Map<UUID, List<ProcessingError>> errorUpdates = new HashMap<>();
            for (ProcessedEntity entity : outcome.entities()) {
                EntityStore.Existing mine = owned.get(entity.ref().toString());
                if (mine == null) {
                    fresh.add(entity);
                } else if (!mine.hash().equals(entity.hash())) {
                    changedIds.add(mine.id());
                    changed.add(entity);
                } else if (mine.hasErrors()) {
                    errorUpdates.put(mine.id(), List.of());
                }
            }

            // An entity ref owned by another live location stays with it; an orphan is taken over.
            Map<String, EntityStore.Existing> elsewhere = fresh.isEmpty() ? Map.of()
                    : entities.byRefs(c, fresh.stream().map(e -> e.ref().toString()).toList());
            List<ProcessedEntity> inserts = new ArrayList<>();
            for (ProcessedEntity entity : fresh) {
                EntityStore.Existing other = elsewhere.get(entity.ref().toString());
                if (other == null) {
                    inserts.add(entity);
                } else if (other.locationId() == null) {
                    changedIds.add(other.id());
                    changed.add(entity);
                } else {
                    locationErrors.add(ProcessingError.conflict("entity " + entity.ref() + " is already provided by another location ("
                            + locationLabel(c, other.locationId()) + "); it was not taken over", entity.ref().toString()));
                }
            }

            Set<String> keep = new HashSet<>();
            outcome.entities().forEach(e -> keep.add(e.ref().toString()));
            if (location.registered() && location.declaredBy() != null) {
                keep.add(location.declaredBy());
            }
            for (RejectedDocument rejected : outcome.rejected()) {
                EntityStore.Existing mine = rejected.ref() == null ? null : owned.get(rejected.ref().toString());
                if (mine != null && !keep.contains(mine.ref())) {
                    keep.add(mine.ref());
                    errorUpdates.put(mine.id(), rejected.errors());
                } else {
                    locationErrors.addAll(rejected.errors());
                }
            }
            List<UUID> removed = owned.values().stream().filter(e -> !keep.contains(e.ref())).map(EntityStore.Existing::id).toList();

            entities.delete(c, removed);
            entities.insert(c, inserts, location.id());
            entities.replace(c, changedIds, changed, location.id());
            entities.setErrors(c, errorUpdates);
            syncChildren(c, location, outcome.children(), locationErrors);
            boolean conflicted = locationErrors.stream().anyMatch(e -> e.name().equals("ConflictError"));
            try (PreparedStatement s = c.prepareStatement("UPDATE locations SET status = 'ok', errors = ?::jsonb, content_hash = ?,"
                    + " http_etag = ?, dependencies = ?::jsonb, last_read_at = now(), last_success_at = now(), next_refresh_at = ?"
                    + " WHERE id = ?")) {
                s.setString(1, Json.write(json, locationErrors));
                // A conflict may resolve when the other location lets go; re-process rather than skip as unchanged.
                s.setString(2, conflicted ? null : outcome.contentHash());
                s.setString(3, outcome.httpEtag());
                s.setString(4, Json.write(json, outcome.dependencies().stream().map(LocationSpec::toString).toList()));
                s.setTimestamp(5, Timestamp.from(nextRefresh));
                s.setObject(6, location.id());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store what was read from " + location.spec(), e);
        }
    }

    /**
     * Deletes one entity. If a location still produces it, that location forgets its content hash so the next
     * refresh reads it in full and the entity comes back, as in Backstage.
     */
    @Transactional
    public boolean deleteEntity(UUID uid) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM entities WHERE id = ? RETURNING location_id")) {
            s.setObject(1, uid);
            UUID locationId;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                locationId = rs.getObject(1, UUID.class);
            }
            if (locationId != null) {
                try (PreparedStatement forget = c.prepareStatement("UPDATE locations SET content_hash = NULL, http_etag = NULL WHERE id = ?")) {
                    forget.setObject(1, locationId);
                    forget.executeUpdate();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new StorageException("cannot delete entity " + uid, e);
        }
    }

    /** Adds newly declared child locations (due at once) and removes those no longer declared. */
    private void syncChildren(Connection c, ClaimedLocation parent, List<LocationProcessor.ChildLocation> declared,
                              List<ProcessingError> errors) throws SQLException {
        Map<LocationSpec, UUID> existing = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, type, target FROM locations WHERE parent_id = ?")) {
            s.setObject(1, parent.id());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    existing.put(new LocationSpec(rs.getString(2), rs.getString(3)), rs.getObject(1, UUID.class));
                }
            }
        }
        Set<LocationSpec> wanted = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO locations (id, type, target, source, parent_id, origin, declared_by)"
                + " VALUES (?, ?, ?, 'entity', ?, ?, ?) ON CONFLICT (type, target) DO NOTHING")) {
            for (LocationProcessor.ChildLocation child : declared) {
                if (!wanted.add(child.spec()) || existing.containsKey(child.spec())) {
                    continue;
                }
                if (child.spec().equals(parent.spec())) {
                    errors.add(ProcessingError.input("location " + child.spec() + " declares itself as its own target", child.declaredBy().toString(), null));
                    continue;
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, child.spec().type());
                insert.setString(3, child.spec().target());
                insert.setObject(4, parent.id());
                insert.setString(5, parent.origin());
                insert.setString(6, child.declaredBy().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<UUID> dropped = existing.entrySet().stream().filter(e -> !wanted.contains(e.getKey())).map(Map.Entry::getValue).toList();
        locations.removeSubtrees(c, dropped);
    }

    private static String locationLabel(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT type || ':' || target FROM locations WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : id.toString();
            }
        }
    }
}
