package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.Relation;
import io.catalog.graph.processing.ProcessedEntity;
import io.catalog.graph.processing.ProcessingError;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Entity rows and what hangs off them (relations, search rows), written in batches on the caller's connection so
 * that a whole location's outcome commits or rolls back together.
 */
@ApplicationScoped
public class EntityStore {

    /** What the store already holds for an entity ref. */
    public record Existing(UUID id, String ref, String hash, boolean hasErrors, UUID locationId) {
    }

    private final ObjectMapper json;

    public EntityStore(ObjectMapper json) {
        this.json = json;
    }

    Map<String, Existing> ownedBy(Connection c, UUID locationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, entity_ref, hash, errors <> '[]'::jsonb, location_id FROM entities WHERE location_id = ?")) {
            s.setObject(1, locationId);
            return existing(s);
        }
    }

    Map<String, Existing> byRefs(Connection c, Collection<String> refs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, entity_ref, hash, errors <> '[]'::jsonb, location_id FROM entities WHERE entity_ref = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", refs.toArray()));
            return existing(s);
        }
    }

    private static Map<String, Existing> existing(PreparedStatement s) throws SQLException {
        Map<String, Existing> found = new HashMap<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Existing e = new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5, UUID.class));
                found.put(e.ref(), e);
            }
        }
        return found;
    }

    /** Inserts new entities; returns the ids given to them, in order. */
    List<UUID> insert(Connection c, List<ProcessedEntity> entities, UUID locationId) throws SQLException {
        List<UUID> ids = entities.stream().map(e -> UUID.randomUUID()).toList();
        CopyIn rows = new CopyIn("entities (id, entity_ref, kind, namespace, name, location_id, body, hash)");
        for (int i = 0; i < entities.size(); i++) {
            ProcessedEntity e = entities.get(i);
            rows.value(ids.get(i)).value(e.ref()).value(e.ref().kind()).value(e.ref().namespace()).value(e.ref().name())
                    .value(locationId).value(Json.write(json, e.body())).value(e.hash()).endRow();
        }
        rows.execute(c);
        insertDerived(c, ids, entities);
        return ids;
    }

    /** Replaces the content of existing entities (and moves them to {@code locationId}); errors are cleared. */
    void replace(Connection c, List<UUID> ids, List<ProcessedEntity> entities, UUID locationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE entities SET body = ?::json, hash = ?, errors = '[]', location_id = ?,"
                + " orphan = false, updated_at = now() WHERE id = ?")) {
            for (int i = 0; i < entities.size(); i++) {
                s.setString(1, Json.write(json, entities.get(i).body()));
                s.setString(2, entities.get(i).hash());
                s.setObject(3, locationId);
                s.setObject(4, ids.get(i));
                s.addBatch();
            }
            s.executeBatch();
        }
        deleteDerived(c, ids);
        insertDerived(c, ids, entities);
    }

    /** Sets the processing errors shown in {@code status.items}, leaving the last good content served. */
    void setErrors(Connection c, Map<UUID, List<ProcessingError>> errors) throws SQLException {
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
        for (String table : List.of("relations WHERE originating_entity_id", "search WHERE entity_id")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                s.executeUpdate();
            }
        }
    }

    private void insertDerived(Connection c, List<UUID> ids, List<ProcessedEntity> entities) throws SQLException {
        CopyIn relations = new CopyIn("relations (originating_entity_id, source_ref, type, target_ref)");
        CopyIn search = new CopyIn("search (entity_id, key, value, original_value)");
        for (int i = 0; i < entities.size(); i++) {
            UUID id = ids.get(i);
            for (Relation r : entities.get(i).relations()) {
                relations.value(id).value(r.source()).value(r.type()).value(r.target()).endRow();
            }
            search.value(id).value("metadata.uid").value(id).value(id).endRow();
            for (SearchIndex.Row row : SearchIndex.rows(entities.get(i).body())) {
                search.value(id).value(row.key()).value(row.value()).value(row.originalValue()).endRow();
            }
        }
        relations.execute(c);
        search.execute(c);
    }
}
