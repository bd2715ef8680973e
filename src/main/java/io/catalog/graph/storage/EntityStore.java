package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.Relation;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.model.ProcessingError;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Entity rows and what hangs off them (relations, search rows), written in batches on the caller's connection so
 * that a whole location's outcome commits or rolls back together.
 */
@ApplicationScoped
public class EntityStore {

    private final ObjectMapper json;
    private final FacetCounts facets;

    public EntityStore(ObjectMapper json, FacetCounts facets) {
        this.json = json;
        this.facets = facets;
    }

    Map<String, LocationSnapshot.OwnedEntity> ownedBy(Connection c, UUID locationId) throws SQLException {
        Map<String, LocationSnapshot.OwnedEntity> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, entity_ref, hash, errors <> '[]'::jsonb, document_index FROM entities WHERE location_id = ?")) {
            s.setObject(1, locationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    var e = new LocationSnapshot.OwnedEntity(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getObject(5, Integer.class));
                    found.put(e.ref(), e);
                }
            }
        }
        return found;
    }

    /** Who holds each of these refs now, with a label of the holding location for messages. */
    Map<String, LocationSnapshot.OtherHolder> holders(Connection c, Collection<String> refs) throws SQLException {
        Map<String, LocationSnapshot.OtherHolder> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.entity_ref, e.id, e.location_id, l.type || ':' || l.target"
                + " FROM entities e LEFT JOIN locations l ON l.id = e.location_id WHERE e.entity_ref = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", refs.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new LocationSnapshot.OtherHolder(rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4)));
                }
            }
        }
        return found;
    }

    /** The row id holding an entity ref, if any. */
    Optional<UUID> idOf(Connection c, String ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM entities WHERE entity_ref = ?")) {
            s.setString(1, ref);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Inserts new entities; returns the ids given to them, in order. */
    List<UUID> insert(Connection c, List<WritePlan.Placed> entities, UUID locationId) throws SQLException {
        List<UUID> ids = entities.stream().map(e -> UUID.randomUUID()).toList();
        CopyIn rows = new CopyIn("entities (id, entity_ref, kind, namespace, name, location_id, body, hash, document_index)");
        for (int i = 0; i < entities.size(); i++) {
            ProcessedEntity e = entities.get(i).entity();
            rows.value(ids.get(i)).value(e.ref()).value(e.ref().kind()).value(e.ref().namespace()).value(e.ref().name())
                    .value(locationId).value(e.json()).value(e.hash()).value(position(entities.get(i))).endRow();
        }
        rows.execute(c);
        insertDerived(c, ids, entities.stream().map(WritePlan.Placed::entity).toList());
        return ids;
    }

    /**
     * Replaces the content of existing entities (and moves them to {@code locationId}); errors are cleared. An entity
     * deleted since the plan was made (a user's delete by uid) stays deleted: nothing of it is written.
     */
    void replace(Connection c, List<WritePlan.Replacement> replacements, UUID locationId) throws SQLException {
        if (replacements.isEmpty()) {
            return;
        }
        List<WritePlan.Replacement> updated = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("UPDATE entities SET body = ?::json, hash = ?, errors = '[]', location_id = ?,"
                + " document_index = ?, orphan = false, updated_at = now() WHERE id = ?")) {
            for (WritePlan.Replacement r : replacements) {
                s.setString(1, r.with().entity().json());
                s.setString(2, r.with().entity().hash());
                s.setObject(3, locationId);
                s.setObject(4, position(r.with()));
                s.setObject(5, r.id());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) { // the row is there, and locked by this transaction until it commits
                    updated.add(replacements.get(i));
                }
            }
        }
        // derived rows only for rows this transaction holds: no foreign key checks them (V13)
        List<UUID> ids = updated.stream().map(WritePlan.Replacement::id).toList();
        deleteDerived(c, ids);
        insertDerived(c, ids, updated.stream().map(r -> r.with().entity()).toList());
    }

    /** Records where in their file unchanged entities now stand. */
    void setPositions(Connection c, Map<UUID, Integer> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE entities SET document_index = ? WHERE id = ?")) {
            for (Map.Entry<UUID, Integer> entry : positions.entrySet()) {
                s.setInt(1, entry.getValue());
                s.setObject(2, entry.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Integer position(WritePlan.Placed placed) {
        return placed.documentIndex() < 0 ? null : placed.documentIndex();
    }

    /** Sets the processing errors shown in {@code status.items}, leaving the last good content served. */
    void setErrors(Connection c, Map<UUID, List<ProcessingError>> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE entities SET errors = ?::jsonb, updated_at = now() WHERE id = ?")) {
            for (Map.Entry<UUID, List<ProcessingError>> entry : errors.entrySet()) {
                s.setString(1, Json.write(json, entry.getValue()));
                s.setObject(2, entry.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    void delete(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM entities WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    private void deleteDerived(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        // the entities the removed relation rows started from no longer show them (V14)
        try (PreparedStatement s = c.prepareStatement("WITH gone AS (DELETE FROM relations WHERE originating_entity_id = ANY(?)"
                + " RETURNING source_ref) INSERT INTO stale_entities (entity_ref) SELECT DISTINCT source_ref FROM gone")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM search WHERE entity_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    private void insertDerived(Connection c, List<UUID> ids, List<ProcessedEntity> entities) throws SQLException {
        CopyIn relations = new CopyIn("relations (originating_entity_id, source_ref, type, target_ref)");
        CopyIn search = new CopyIn("search (entity_id, key, value, original_value)");
        FacetCounts.Added facetDeltas = facets.added();
        Set<String> stale = new HashSet<>(); // the entities written, and those their relation rows start from
        for (int i = 0; i < entities.size(); i++) {
            UUID id = ids.get(i);
            stale.add(entities.get(i).ref().toString());
            for (Relation r : entities.get(i).relations()) {
                relations.value(id).value(r.source()).value(r.type()).value(r.target()).endRow();
                stale.add(r.source().toString());
            }
            search.value(id).value("metadata.uid").value(id).value(id).endRow();
            for (SearchIndex.Row row : SearchIndex.rows(entities.get(i).body())) {
                search.value(id).value(row.key()).value(row.value()).value(row.originalValue()).endRow();
                facetDeltas.row(row);
            }
        }
        relations.execute(c);
        search.execute(c);
        facetDeltas.append(c);
        markStale(c, stale);
    }

    /**
     * Marks entities whose served text this transaction changes (V14). Every write of relation rows goes through this
     * class (and the delete trigger of {@code entities}), so every entity a relation row starts from is marked here.
     */
    private static void markStale(Connection c, Collection<String> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO stale_entities (entity_ref) SELECT unnest(?::text[])")) {
            s.setArray(1, c.createArrayOf("text", refs.toArray()));
            s.executeUpdate();
        }
    }
}
