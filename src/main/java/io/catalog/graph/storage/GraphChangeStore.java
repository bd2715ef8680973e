package io.catalog.graph.storage;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The projector's side of the graph outbox: pending change rows, the current state of the entities they name, the
 * lock that makes one projector at a time across replicas, and the counts a consistency check compares. Every call
 * runs on its own autocommit connection (the lock on a dedicated one), so the projector never holds a PostgreSQL
 * transaction open while it talks to Neo4j.
 */
@ApplicationScoped
public class GraphChangeStore {

    /** The advisory lock key of the projector; any fixed number no other part of the catalog uses. */
    static final long PROJECTOR_LOCK_KEY = 0x63617467726170L; // "catgrap"
    /** Monitoring reads give up long before an HTTP client or a scraper does. */
    private static final int QUERY_TIMEOUT_SECONDS = 10;
    /**
     * The consistency check's counts and sample read every relation row (~10 million at a million entities, where they
     * took more than 10 s): an operator's check, asked rarely, so it may take longer than a monitoring read.
     */
    private static final int CONSISTENCY_TIMEOUT_SECONDS = 120;

    /** Pending rows read at once: their ids (to delete exactly these once applied) and their distinct refs, in id order. */
    public record PendingBatch(List<Long> ids, List<String> refs) {
        public PendingBatch {
            ids = List.copyOf(ids);
            refs = List.copyOf(refs);
        }

        public boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    /** An entity as the graph should show it now: present with its title and the relations it declared, or gone. */
    public record EntityState(EntityRef ref, boolean exists, String title, List<Relation> relations) {
        public EntityState {
            relations = List.copyOf(relations);
        }
    }

    /** How many change rows wait, and how long the oldest has waited (zero when none). */
    public record PendingSummary(long count, Duration oldest) {
    }

    /**
     * How one catalog relation type is stored as a graph relationship: {@code ownerOf} is {@code OWNED_BY} walked
     * backwards. Handed in by the graph package, which owns that mapping.
     */
    public record EdgeType(String relationType, String relationship, boolean forward) {
    }

    /** Entities per kind and distinct relationships (source, type, target) per relationship type. */
    public record Shape(Map<String, Long> kinds, Map<String, Long> relationships) {
        public Shape {
            kinds = new TreeMap<>(kinds);
            relationships = new TreeMap<>(relationships);
        }
    }

    private final DataSource dataSource;

    public GraphChangeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the projector lock if no other projector (this or another replica) holds it; empty when one does. A
     * session lock, not a transaction's: it spans many batches without a transaction open across Neo4j writes.
     */
    public Optional<AdvisoryLock> tryLock() {
        return AdvisoryLock.tryTake(dataSource, PROJECTOR_LOCK_KEY, "the graph projector lock");
    }

    /** The oldest pending change rows, in id order. */
    public PendingBatch pending(int limit) {
        List<Long> ids = new ArrayList<>();
        Set<String> refs = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, entity_ref FROM graph_changes ORDER BY id LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    refs.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read pending graph changes", e);
        }
        return new PendingBatch(ids, List.copyOf(refs));
    }

    /**
     * Deletes exactly these change rows. Not "every id up to the highest": ids come from a sequence and commit out of
     * order, so a row with a lower id may have committed after the batch was read, and must stay to be applied.
     */
    public void delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM graph_changes WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot delete applied graph changes", e);
        }
    }

    /** The current state of each ref, in the order given; a ref no entity has is gone. */
    public List<EntityState> states(Collection<String> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, List<Relation>> relations = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            var array = c.createArrayOf("text", refs.toArray());
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT entity_ref, body->'metadata'->>'title' FROM entities WHERE entity_ref = ANY(?)")) {
                s.setArray(1, array);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        titles.put(rs.getString(1), rs.getString(2));
                        relations.put(rs.getString(1), new ArrayList<>());
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT e.entity_ref, r.source_ref, r.type, r.target_ref"
                    + " FROM entities e JOIN relations r ON r.originating_entity_id = e.id WHERE e.entity_ref = ANY(?)")) {
                s.setArray(1, array);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        relations.get(rs.getString(1)).add(new Relation(ref(rs.getString(2)), rs.getString(3), ref(rs.getString(4))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the entities to project", e);
        }
        List<EntityState> states = new ArrayList<>(refs.size());
        for (String ref : refs) {
            states.add(relations.containsKey(ref)
                    ? new EntityState(ref(ref), true, titles.get(ref), relations.get(ref))
                    : new EntityState(ref(ref), false, null, List.of()));
        }
        return states;
    }

    /** Up to {@code limit} entity refs after {@code after} (null: from the start), in ref order: a rebuild's pages. */
    public List<String> refsAfter(String after, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT entity_ref FROM entities WHERE entity_ref > ? ORDER BY entity_ref LIMIT ?")) {
            s.setString(1, after == null ? "" : after);
            s.setInt(2, limit);
            List<String> refs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    refs.add(rs.getString(1));
                }
            }
            return refs;
        } catch (SQLException e) {
            throw new StorageException("cannot list entity refs", e);
        }
    }

    /** Found through the primary key: the oldest row has the lowest id, give or take commit order. */
    public PendingSummary summary() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = prepare(c, "SELECT count(*), coalesce((extract(epoch FROM now() - min(created_at)) * 1000)::bigint, 0)"
                     + " FROM graph_changes");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new PendingSummary(rs.getLong(1), Duration.ofMillis(Math.max(0, rs.getLong(2))));
        } catch (SQLException e) {
            throw new StorageException("cannot count pending graph changes", e);
        }
    }

    /**
     * Entities per kind, and distinct relationships per type as the graph stores them: both directions of a relation,
     * and the same relation declared by both of its ends, count once.
     */
    public Shape shape(List<EdgeType> edgeTypes) {
        Map<String, Long> kinds = new TreeMap<>();
        Map<String, Long> relationships = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = prepare(c, CONSISTENCY_TIMEOUT_SECONDS, "SELECT kind, count(*) FROM entities GROUP BY kind");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement s = prepare(c, CONSISTENCY_TIMEOUT_SECONDS, """
                    SELECT relationship, count(*) FROM (
                        SELECT DISTINCT m.relationship,
                               CASE WHEN m.forward THEN r.source_ref ELSE r.target_ref END,
                               CASE WHEN m.forward THEN r.target_ref ELSE r.source_ref END
                        FROM relations r
                        JOIN unnest(?::text[], ?::text[], ?::boolean[]) AS m(type, relationship, forward) ON m.type = r.type
                    ) edges GROUP BY relationship""")) {
                s.setArray(1, c.createArrayOf("text", edgeTypes.stream().map(EdgeType::relationType).toArray()));
                s.setArray(2, c.createArrayOf("text", edgeTypes.stream().map(EdgeType::relationship).toArray()));
                s.setArray(3, c.createArrayOf("boolean", edgeTypes.stream().map(EdgeType::forward).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        relationships.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count the catalog's entities and relations", e);
        }
        return new Shape(kinds, relationships);
    }

    /** Up to {@code limit} relation rows picked at random. */
    public List<Relation> sampleRelations(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = prepare(c, CONSISTENCY_TIMEOUT_SECONDS, "SELECT source_ref, type, target_ref FROM relations ORDER BY random() LIMIT ?")) {
            s.setInt(1, limit);
            List<Relation> sample = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sample.add(new Relation(ref(rs.getString(1)), rs.getString(2), ref(rs.getString(3))));
                }
            }
            return sample;
        } catch (SQLException e) {
            throw new StorageException("cannot sample relations", e);
        }
    }

    private static EntityRef ref(String text) {
        return EntityRef.parse(text, null, EntityRef.DEFAULT_NAMESPACE);
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return prepare(c, QUERY_TIMEOUT_SECONDS, sql);
    }

    private static PreparedStatement prepare(Connection c, int timeoutSeconds, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(timeoutSeconds);
        return s;
    }
}
