package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.ProcessingError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Executes {@link WritePlan}s: one transaction per read of a location, taken only while this worker's claim on it
 * still holds. What to write is decided by the planner it is handed; this class only runs SQL.
 */
@ApplicationScoped
public class CatalogWriter {

    /** Decides the plan from what the location produced before; called again with what the database refused. */
    @FunctionalInterface
    public interface Planner {
        WritePlan plan(LocationSnapshot before, Map<String, String> refusedByDatabase);
    }

    private final DataSource dataSource;
    private final EntityStore entities;
    private final LocationStore locations;
    private final GraphChanges graphChanges;
    private final ObjectMapper json;

    public CatalogWriter(DataSource dataSource, EntityStore entities, LocationStore locations, GraphChanges graphChanges,
                         ObjectMapper json) {
        this.dataSource = dataSource;
        this.entities = entities;
        this.locations = locations;
        this.graphChanges = graphChanges;
        this.json = json;
    }

    /**
     * Plans and commits one read of a claimed location. An entity the database refuses is planned again as rejected,
     * so that the rest of the read commits.
     *
     * @param producedRefs the refs the read produced, so that their current holders are part of the snapshot
     * @throws ClaimLostException when another worker has claimed the location since: nothing is written
     */
    @Transactional
    public void commit(ClaimedLocation claim, Collection<String> producedRefs, Planner planner) {
        try (Connection c = dataSource.getConnection()) {
            lockClaim(c, claim);
            LocationSnapshot before = snapshot(c, claim, producedRefs);
            WritePlan plan = planner.plan(before, Map.of());
            savepoint(c, "plan");
            try {
                execute(c, claim, plan);
            } catch (SQLException refused) {
                rollbackTo(c, "plan");
                Map<String, String> unstorable = probe(c, claim, plan);
                if (unstorable.isEmpty()) {
                    throw refused;
                }
                execute(c, claim, planner.plan(before, unstorable));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store what was read from " + claim.spec(), e);
        }
    }

    /** Records a read that changed nothing the location produced (unchanged input): no snapshot is taken. */
    @Transactional
    public void commitLocationOnly(ClaimedLocation claim, WritePlan plan) {
        try (Connection c = dataSource.getConnection()) {
            lockClaim(c, claim);
            execute(c, claim, plan);
        } catch (SQLException e) {
            throw new StorageException("cannot record the read of " + claim.spec(), e);
        }
    }

    /**
     * The commit itself failed: the location is marked failed with the database's message and read again after a
     * delay that doubles with each consecutive failure, up to {@code maxDelay}. What it produced stays served.
     */
    @Transactional
    public void commitFailed(ClaimedLocation claim, String message, Duration firstDelay, Duration maxDelay) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET status = 'failed', errors = ?::jsonb, last_read_at = now(),"
                     + " next_refresh_at = now() + LEAST(? * power(2, LEAST(failed_commits, 20)), ?) * interval '1 millisecond',"
                     + " failed_commits = failed_commits + 1, claim_token = NULL, lease_until = NULL, refresh_requested = false"
                     + " WHERE id = ? AND claim_token = ?")) {
            s.setString(1, Json.write(json, List.of(ProcessingError.read("the catalog could not store what was read from "
                    + claim.spec() + ": " + message))));
            s.setLong(2, firstDelay.toMillis());
            s.setLong(3, maxDelay.toMillis());
            s.setObject(4, claim.id());
            s.setObject(5, claim.token());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot record the failed commit of " + claim.spec(), e);
        }
    }

    /**
     * Deletes one entity. If a location still produces it, that location forgets its content hash so the next
     * refresh reads it in full and the entity comes back, as in Backstage.
     */
    @Transactional
    public boolean deleteEntity(UUID uid) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM entities WHERE id = ? RETURNING location_id, entity_ref")) {
            s.setObject(1, uid);
            UUID locationId;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                locationId = rs.getObject(1, UUID.class);
                graphChanges.record(c, List.of(rs.getString(2)));
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

    /** Locks the location row for this transaction, if the claim still holds. */
    private static void lockClaim(Connection c, ClaimedLocation claim) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM locations WHERE id = ? AND claim_token = ? FOR UPDATE")) {
            s.setObject(1, claim.id());
            s.setObject(2, claim.token());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ClaimLostException(claim.spec());
                }
            }
        }
    }

    private LocationSnapshot snapshot(Connection c, ClaimedLocation claim, Collection<String> producedRefs) throws SQLException {
        Map<String, LocationSnapshot.OwnedEntity> owned = entities.ownedBy(c, claim.id());
        List<String> notOwned = producedRefs.stream().filter(ref -> !owned.containsKey(ref)).toList();
        Map<String, LocationSnapshot.OtherHolder> others = notOwned.isEmpty() ? Map.of() : entities.holders(c, notOwned);
        return new LocationSnapshot(owned, children(c, claim.id()), others);
    }

    private void execute(Connection c, ClaimedLocation claim, WritePlan plan) throws SQLException {
        // the graph outbox, from the plan: what is deleted, inserted or given new content (errors, positions and
        // orphaning leave the entity and its relations as the graph has them)
        graphChanges.recordRows(c, plan.deletes());
        graphChanges.record(c, plan.written().stream().map(p -> p.entity().ref().toString()).toList());
        entities.delete(c, plan.deletes());
        entities.insert(c, plan.inserts(), claim.id());
        entities.replace(c, plan.replacements(), claim.id());
        entities.setErrors(c, plan.errors());
        entities.setPositions(c, plan.positions());
        addChildren(c, claim, plan.childrenToAdd());
        locations.removeSubtrees(c, plan.childrenToRemove());
        writeLocationState(c, claim, plan.location());
    }

    /** Writes each entity of a refused plan on its own, to find the ones the database refuses; then undoes all. */
    private Map<String, String> probe(Connection c, ClaimedLocation claim, WritePlan plan) throws SQLException {
        Map<String, String> refused = new LinkedHashMap<>();
        savepoint(c, "probe");
        for (WritePlan.Placed placed : plan.inserts()) {
            tryAlone(c, placed, refused, () -> entities.insert(c, List.of(placed), claim.id()));
        }
        for (WritePlan.Replacement replacement : plan.replacements()) {
            tryAlone(c, replacement.with(), refused, () -> entities.replace(c, List.of(replacement), claim.id()));
        }
        rollbackTo(c, "probe");
        return refused;
    }

    private interface Write {
        void run() throws SQLException;
    }

    private static void tryAlone(Connection c, WritePlan.Placed placed, Map<String, String> refused, Write write) throws SQLException {
        savepoint(c, "one");
        try {
            write.run();
            rollbackTo(c, "one"); // it could be written; undo it, the refused plan is planned again as a whole
        } catch (SQLException e) {
            rollbackTo(c, "one");
            refused.put(placed.entity().ref().toString(), e.getMessage());
        }
    }

    /*
     * Savepoints as SQL: the pool refuses Connection.rollback(Savepoint) on a connection enlisted in the JTA
     * transaction, and the statements do the same thing.
     */
    private static void savepoint(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT " + name);
        }
    }

    private static void rollbackTo(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT " + name);
        }
    }

    private void writeLocationState(Connection c, ClaimedLocation claim, WritePlan.LocationState state) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE locations SET status = ?, errors = COALESCE(CAST(? AS jsonb), errors),"
                + " last_read_at = now(), failed_commits = 0, claim_token = NULL, lease_until = NULL,"
                + " next_refresh_at = CASE WHEN refresh_requested THEN now() ELSE ? END, refresh_requested = false");
        if (state.succeeded()) {
            sql.append(", last_success_at = now()");
        }
        if (state.content() != null) {
            sql.append(", content_hash = ?, http_etag = ?, dependencies = ?::jsonb");
        } else if (state.httpEtag() != null) {
            sql.append(", http_etag = ?");
        }
        sql.append(" WHERE id = ?");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setString(i++, state.status() == WritePlan.Status.OK ? "ok" : "failed");
            s.setString(i++, state.errors() == null ? null : Json.write(json, state.errors()));
            s.setTimestamp(i++, Timestamp.from(state.nextRefresh()));
            if (state.content() != null) {
                s.setString(i++, state.content().hash());
                s.setString(i++, state.content().httpEtag());
                s.setString(i++, Json.write(json, state.content().dependencies().stream().map(LocationSpec::toString).toList()));
            } else if (state.httpEtag() != null) {
                s.setString(i++, state.httpEtag());
            }
            s.setObject(i, claim.id());
            s.executeUpdate();
        }
    }

    private static List<LocationSnapshot.ChildLocationRow> children(Connection c, UUID parent) throws SQLException {
        List<LocationSnapshot.ChildLocationRow> children = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, type, target, declared_by FROM locations WHERE parent_id = ?")) {
            s.setObject(1, parent);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.add(new LocationSnapshot.ChildLocationRow(rs.getObject(1, UUID.class),
                            new LocationSpec(rs.getString(2), rs.getString(3)), rs.getString(4)));
                }
            }
        }
        return children;
    }

    /** Newly declared child locations are due at once; one already registered elsewhere is left as it is. */
    private static void addChildren(Connection c, ClaimedLocation parent, List<WritePlan.NewChild> children) throws SQLException {
        if (children.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO locations (id, type, target, source, parent_id, origin, declared_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, target) DO NOTHING")) {
            for (WritePlan.NewChild child : children) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, child.spec().type());
                insert.setString(3, child.spec().target());
                insert.setString(4, LocationSource.ENTITY.column());
                insert.setObject(5, parent.id());
                insert.setString(6, parent.origin());
                insert.setString(7, child.declaredBy());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
