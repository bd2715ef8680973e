package io.catalog.graph.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.ProcessedEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Location rows: registration, removal (orphaning what they produced) and claims. Claims use
 * {@code FOR UPDATE SKIP LOCKED} plus a lease, so any number of instances share the refresh loop without a
 * coordinator and a crashed instance's claims expire.
 */
@ApplicationScoped
public class LocationStore {

    /** Raised when a location with the same type and target is already registered. */
    public static class AlreadyRegisteredException extends RuntimeException {
        private final UUID existingId;

        AlreadyRegisteredException(LocationSpec spec, UUID existingId) {
            super("Location " + spec + " already exists");
            this.existingId = existingId;
        }

        public UUID existingId() {
            return existingId;
        }
    }

    private static final String CLAIM_COLUMNS = "id, claim_token, type, target, source, origin, declared_by, content_hash, http_etag,"
            + " dependencies::text";
    /** Free to claim: nobody holds it, or the holder's lease ran out (it crashed or stalled). */
    private static final String UNLEASED = "(lease_until IS NULL OR lease_until < now())";

    private final DataSource dataSource;
    private final EntityStore entities;
    private final GraphChanges graphChanges;
    private final ObjectMapper json;

    public LocationStore(DataSource dataSource, EntityStore entities, GraphChanges graphChanges, ObjectMapper json) {
        this.dataSource = dataSource;
        this.entities = entities;
        this.graphChanges = graphChanges;
        this.json = json;
    }

    /** Registers a location with its generated Location entity; it is due for reading at once. */
    @Transactional
    public UUID register(LocationSpec spec, LocationSource source, ProcessedEntity locationEntity) {
        return register(spec, source, null, locationEntity);
    }

    /**
     * Registers a location, owned by {@code provider} when a provider found it (null otherwise), with its generated
     * Location entity; it is due for reading at once.
     */
    @Transactional
    public UUID register(LocationSpec spec, LocationSource source, String provider, ProcessedEntity locationEntity) {
        try (Connection c = dataSource.getConnection()) {
            UUID id = UUID.randomUUID();
            // ON CONFLICT: instances starting together may register the same configured location at once
            try (PreparedStatement s = c.prepareStatement("INSERT INTO locations (id, type, target, source, origin, declared_by, provider)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, target) DO NOTHING")) {
                s.setObject(1, id);
                s.setString(2, spec.type());
                s.setString(3, spec.target());
                s.setString(4, source.column());
                s.setString(5, spec.toString());
                s.setString(6, locationEntity.ref().toString());
                s.setString(7, provider);
                if (s.executeUpdate() == 0) {
                    throw new AlreadyRegisteredException(spec, idOf(c, spec).orElse(null));
                }
            }
            putGenerated(c, locationEntity, id);
            return id;
        } catch (SQLException e) {
            throw new StorageException("cannot register location " + spec, e);
        }
    }

    /**
     * Registers a location as {@link #register} does and claims it for {@code lease} in the same transaction: the
     * registering instance reads it first, and no other instance's loop reads it meanwhile (it would be read twice).
     */
    @Transactional
    public ClaimedLocation registerClaimed(LocationSpec spec, LocationSource source, ProcessedEntity locationEntity, Lease lease) {
        UUID id = register(spec, source, null, locationEntity);
        return claim(id, lease).orElseThrow(() -> new IllegalStateException("location " + spec + " was claimed before its registration committed"));
    }

    /**
     * Points a registered location at a new target, keeping its id: the generated Location entity is replaced, the
     * location is due at once and read in full; what the old target produced goes when the new read succeeds.
     */
    @Transactional
    public boolean update(UUID id, LocationSpec spec, ProcessedEntity locationEntity) {
        try (Connection c = dataSource.getConnection()) {
            String oldEntity;
            try (PreparedStatement s = c.prepareStatement("SELECT declared_by FROM locations WHERE id = ? AND source <> '" + LocationSource.ENTITY.column() + "' FOR UPDATE")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    oldEntity = rs.getString(1);
                }
            }
            Optional<UUID> taken = idOf(c, spec);
            if (taken.isPresent() && !taken.get().equals(id)) {
                throw new AlreadyRegisteredException(spec, taken.get());
            }
            deleteGenerated(c, oldEntity, id);
            try (PreparedStatement s = c.prepareStatement("""
                    WITH RECURSIVE subtree AS (
                        SELECT id FROM locations WHERE id = ?
                        UNION SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id)
                    UPDATE locations SET origin = ? WHERE id IN (SELECT id FROM subtree)""")) {
                s.setObject(1, id);
                s.setString(2, spec.toString());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE locations SET type = ?, target = ?, declared_by = ?, content_hash = NULL,"
                    + " http_etag = NULL, dependencies = '[]', status = 'pending', errors = '[]', next_refresh_at = now() WHERE id = ?")) {
                s.setString(1, spec.type());
                s.setString(2, spec.target());
                s.setString(3, locationEntity.ref().toString());
                s.setObject(4, id);
                s.executeUpdate();
            }
            putGenerated(c, locationEntity, id);
            return true;
        } catch (SQLException e) {
            throw new StorageException("cannot update location " + id, e);
        }
    }

    /**
     * Re-targets a location as {@link #update} does and claims it for {@code lease} in the same transaction, taking
     * the claim over from a worker that may be reading the old target (its commit is refused: that read is stale).
     * Empty when there is no such registered location.
     */
    @Transactional
    public Optional<ClaimedLocation> updateClaimed(UUID id, LocationSpec spec, ProcessedEntity locationEntity, Lease lease) {
        if (!update(id, spec, locationEntity)) {
            return Optional.empty();
        }
        return claim("SELECT id FROM locations WHERE id = ?", lease, (s, i) -> s.setObject(i, id)).stream().findFirst();
    }

    /** Writes the generated Location entity of a registered location, taking over a row of the same ref. */
    private void putGenerated(Connection c, ProcessedEntity locationEntity, UUID locationId) throws SQLException {
        WritePlan.Placed placed = new WritePlan.Placed(locationEntity, -1);
        Optional<UUID> existing = entities.idOf(c, locationEntity.ref().toString());
        if (existing.isEmpty()) {
            entities.insert(c, List.of(placed), locationId);
        } else {
            entities.replace(c, List.of(new WritePlan.Replacement(existing.get(), placed)), locationId);
        }
        graphChanges.record(c, List.of(locationEntity.ref().toString()));
    }

    /** Deletes a registered location's generated Location entity, if that location still holds it. */
    private void deleteGenerated(Connection c, String ref, UUID locationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM entities WHERE entity_ref = ? AND location_id = ?")) {
            s.setString(1, ref);
            s.setObject(2, locationId);
            if (s.executeUpdate() > 0) {
                graphChanges.record(c, List.of(ref));
            }
        }
    }

    /** Removes a location, the locations declared beneath it and its generated entity; what they produced is orphaned. */
    @Transactional
    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            String declaredBy = null;
            LocationSource source;
            try (PreparedStatement s = c.prepareStatement("SELECT declared_by, source FROM locations WHERE id = ? FOR UPDATE")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    declaredBy = rs.getString(1);
                    source = LocationSource.ofColumn(rs.getString(2));
                }
            }
            if (source.registered() && declaredBy != null) {
                deleteGenerated(c, declaredBy, id);
            }
            // what the subtree produced is only orphaned: it stays served with its relations, so the graph keeps it
            removeSubtrees(c, List.of(id));
            return true;
        } catch (SQLException e) {
            throw new StorageException("cannot delete location " + id, e);
        }
    }

    /** A location a provider owns, with the files its last read pulled in (placeholders, Location targets). */
    public record ProviderLocation(UUID id, LocationSpec spec, List<LocationSpec> dependencies) {
    }

    /** The locations {@code provider} registered, in target order. */
    public List<ProviderLocation> providerLocations(String provider) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, type, target, dependencies::text FROM locations"
                     + " WHERE provider = ? AND source = ? ORDER BY target")) {
            s.setString(1, provider);
            s.setString(2, LocationSource.PROVIDER.column());
            List<ProviderLocation> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new ProviderLocation(rs.getObject(1, UUID.class), new LocationSpec(rs.getString(2), rs.getString(3)),
                            dependencies(rs.getString(4))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StorageException("cannot list the locations of provider " + provider, e);
        }
    }

    /**
     * Removes locations, the locations declared beneath them, and every entity they produced (their generated Location
     * entities included): what a provider does when the source itself says the descriptors are gone, unlike
     * {@link #delete}, which orphans. Returns the number of entities removed.
     */
    @Transactional
    public int removeWithEntities(Collection<UUID> roots) {
        if (roots.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            List<UUID> produced = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    WITH RECURSIVE subtree AS (
                        SELECT id FROM locations WHERE id = ANY(?)
                        UNION SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id)
                    SELECT e.id FROM entities e WHERE e.location_id IN (SELECT id FROM subtree) FOR UPDATE OF e""")) {
                s.setArray(1, c.createArrayOf("uuid", roots.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        produced.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            graphChanges.recordRows(c, produced);
            entities.delete(c, produced);
            removeSubtrees(c, roots);
            return produced.size();
        } catch (SQLException e) {
            throw new StorageException("cannot remove locations " + roots, e);
        }
    }

    /** Deletes locations and their descendants, marking the entities they produced as orphans. */
    void removeSubtrees(Connection c, Collection<UUID> roots) throws SQLException {
        if (roots.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                WITH RECURSIVE subtree AS (
                    SELECT id FROM locations WHERE id = ANY(?)
                    UNION SELECT l.id FROM locations l JOIN subtree ON l.parent_id = subtree.id)
                UPDATE entities SET orphan = true, location_id = NULL, updated_at = now()
                WHERE location_id IN (SELECT id FROM subtree)""")) {
            s.setArray(1, c.createArrayOf("uuid", roots.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM locations WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", roots.toArray()));
            s.executeUpdate();
        }
    }

    /**
     * Claims up to {@code limit} due locations for {@code lease}; returns what this worker now holds. Only what a
     * worker is about to process should be claimed: the lease runs from now.
     */
    @Transactional
    public List<ClaimedLocation> claimDue(int limit, Lease lease) {
        return claim("SELECT id FROM locations WHERE next_refresh_at <= now() AND " + UNLEASED
                + " ORDER BY next_refresh_at LIMIT ? FOR UPDATE SKIP LOCKED", lease, (s, i) -> s.setInt(i, limit));
    }

    /** Claims one location now, whether due or not; empty when another worker holds it. */
    @Transactional
    public Optional<ClaimedLocation> claim(UUID id, Lease lease) {
        return claim("SELECT id FROM locations WHERE id = ? AND " + UNLEASED + " FOR UPDATE SKIP LOCKED", lease,
                (s, i) -> s.setObject(i, id)).stream().findFirst();
    }

    private interface Binder {
        void bind(PreparedStatement s, int firstIndex) throws SQLException;
    }

    /** A request for a read made before the claim is answered by the claimer's read, so it is cleared here. */
    private List<ClaimedLocation> claim(String select, Lease lease, Binder binder) {
        String sql = "UPDATE locations SET claim_token = gen_random_uuid(), lease_until = now() + ? * interval '1 millisecond',"
                + " claimed_by = ?, refresh_requested = false WHERE id IN (" + select + ") RETURNING " + CLAIM_COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lease.length().toMillis());
            s.setString(2, lease.holder());
            binder.bind(s, 3);
            List<ClaimedLocation> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedLocation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            new LocationSpec(rs.getString(3), rs.getString(4)), LocationSource.ofColumn(rs.getString(5)),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), dependencies(rs.getString(10))));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new StorageException("cannot claim locations", e);
        }
    }

    /** Gives a claim back unprocessed (the worker stopped): due again at once, for whoever comes next. */
    @Transactional
    public void release(ClaimedLocation claim) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET claim_token = NULL, lease_until = NULL"
                     + " WHERE id = ? AND claim_token = ?")) {
            s.setObject(1, claim.id());
            s.setObject(2, claim.token());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot release the claim on " + claim.spec(), e);
        }
    }

    /**
     * Asks for a read as soon as possible: due now when nobody holds the location, else due again right after the
     * holder commits (its read may have started before whatever prompted the request).
     */
    @Transactional
    public void requestRefresh(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET refresh_requested = (lease_until IS NOT NULL AND lease_until >= now()),"
                     + " next_refresh_at = LEAST(next_refresh_at, now()) WHERE id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot request a refresh of location " + id, e);
        }
    }

    public boolean exists(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM locations WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up location " + id, e);
        }
    }

    /** Schedules the next read of a location {@code delay} from now. */
    @Transactional
    public void makeDueIn(UUID id, Duration delay) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET next_refresh_at = now() + ? * interval '1 millisecond' WHERE id = ?")) {
            s.setLong(1, delay.toMillis());
            s.setObject(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot schedule location " + id, e);
        }
    }

    /** Locations registered from configuration (by any instance) that are not in {@code configured}. */
    public List<LocationSpec> configuredExcept(Collection<LocationSpec> configured) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT type, target FROM locations WHERE source = ? ORDER BY created_at, id")) {
            s.setString(1, LocationSource.CONFIG.column());
            List<LocationSpec> others = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocationSpec spec = new LocationSpec(rs.getString(1), rs.getString(2));
                    if (!configured.contains(spec)) {
                        others.add(spec);
                    }
                }
            }
            return others;
        } catch (SQLException e) {
            throw new StorageException("cannot list configured locations", e);
        }
    }

    /** ANALYZE of the catalog tables, so queries are planned for their real size after a large load. */
    public void analyzeCatalogTables() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("ANALYZE entities, search, relations, locations")) {
            s.execute();
        } catch (SQLException e) {
            throw new StorageException("cannot analyze the catalog tables", e);
        }
    }

    /** Locations never read yet (a first load still under way). */
    public long countPending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM locations WHERE status = 'pending'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StorageException("cannot count pending locations", e);
        }
    }

    public Optional<UUID> idOf(LocationSpec spec) {
        try (Connection c = dataSource.getConnection()) {
            return idOf(c, spec);
        } catch (SQLException e) {
            throw new StorageException("cannot look up location " + spec, e);
        }
    }

    private static Optional<UUID> idOf(Connection c, LocationSpec spec) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM locations WHERE type = ? AND target = ?")) {
            s.setString(1, spec.type());
            s.setString(2, spec.target());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The location whose read produced an entity, if it still exists. */
    public Optional<UUID> locationOfEntity(String entityRef) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT location_id FROM entities WHERE entity_ref = ? AND location_id IS NOT NULL")) {
            s.setString(1, entityRef);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up the location of " + entityRef, e);
        }
    }

    private List<LocationSpec> dependencies(String text) {
        List<String> specs = json.convertValue(Json.read(json, text), new TypeReference<List<String>>() { });
        return specs.stream().map(LocationSpec::parse).toList();
    }
}
