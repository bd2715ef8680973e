package io.catalog.graph.storage;

import io.catalog.graph.model.CatalogAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.Hashing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Assembles the served entity: the stored body plus {@code metadata.uid}, {@code metadata.etag}, {@code relations}
 * (both directions, whoever declared them) and {@code status.items} (processing errors of the entity and of the
 * location it stands for). Reads take the text {@link ServedEntities} stitched on write when it is current, and
 * assemble from the live rows when it is not.
 */
final class Stitching {

    private static final String RELATIONS = """
            (SELECT coalesce(json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref) ORDER BY r.type, r.target_ref), '[]')::text
               FROM (SELECT DISTINCT type, target_ref FROM relations WHERE source_ref = p.entity_ref) r)""";
    private static final String LOCATION_ERRORS = """
            (SELECT coalesce(json_agg(x.err), '[]')::text
               FROM locations l CROSS JOIN LATERAL jsonb_array_elements(l.errors) AS x(err)
              WHERE l.declared_by = p.entity_ref)""";

    /** What an entity is assembled from, selected from {@code entities p}; the entity ref is column 2. */
    static final String LIVE_COLUMNS = "p.id, p.entity_ref, p.body::text, p.hash, p.errors::text, p.orphan, "
            + RELATIONS + " AS relations, " + LOCATION_ERRORS + " AS location_errors";

    /**
     * Selected from {@code entities p} {@link #SERVED_JOIN}: the columns of {@link #LIVE_COLUMNS}, read only when the
     * stitched text (column 9) is missing or stale, so a current entity costs an index lookup and its stored text.
     */
    static final String COLUMNS = "p.id, p.entity_ref, " + unlessServed("p.body::text") + ", p.hash, p.errors::text, p.orphan, "
            + unlessServed(RELATIONS) + " AS relations, " + unlessServed(LOCATION_ERRORS) + " AS location_errors, sv.served";

    /** Joins the stitched text of {@code p}, when no stale mark names the entity (V14). */
    static final String SERVED_JOIN = " LEFT JOIN LATERAL (SELECT s.served FROM served_entities s"
            + " WHERE s.entity_ref = p.entity_ref AND s.entity_id = p.id"
            + " AND NOT EXISTS (SELECT 1 FROM stale_entities st WHERE st.entity_ref = p.entity_ref)) sv ON true";

    private final ObjectMapper json;

    Stitching(ObjectMapper json) {
        this.json = json;
    }

    private static String unlessServed(String expression) {
        return "CASE WHEN sv.served IS NULL THEN " + expression + " END";
    }

    /** The entity of a row of {@link #COLUMNS}: its stitched text when current, assembled from the live rows otherwise. */
    ObjectNode served(ResultSet rs) throws SQLException {
        String served = rs.getString(9);
        return served != null ? (ObjectNode) Json.read(json, served) : assemble(rs);
    }

    /** The same as text: the stitched text as stored, or the assembled entity written out. */
    String servedText(ResultSet rs) throws SQLException {
        String served = rs.getString(9);
        return served != null ? served : Json.write(json, assemble(rs));
    }

    /** The entity of a row of {@link #LIVE_COLUMNS} (or of {@link #COLUMNS} without stitched text). */
    ObjectNode assemble(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        String body = rs.getString(3);
        String hash = rs.getString(4);
        String errors = rs.getString(5);
        boolean orphan = rs.getBoolean(6);
        String relations = rs.getString(7);
        String locationErrors = rs.getString(8);

        ObjectNode entity = (ObjectNode) Json.read(json, body);
        ObjectNode metadata = (ObjectNode) entity.get("metadata");
        metadata.put("uid", id.toString());
        metadata.put("etag", etag(hash, relations, errors, locationErrors, orphan));
        if (orphan) {
            ObjectNode annotations = metadata.has("annotations") ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
            annotations.put(CatalogAnnotations.ORPHAN, "true");
        }
        entity.set("relations", Json.read(json, relations));
        ArrayNode items = json.createArrayNode();
        addStatusItems(items, Json.read(json, errors));
        addStatusItems(items, Json.read(json, locationErrors));
        if (!items.isEmpty()) {
            entity.putObject("status").set("items", items);
        }
        return entity;
    }

    /** Processing errors in Backstage's status item shape. */
    private static void addStatusItems(ArrayNode items, JsonNode errors) {
        for (JsonNode error : errors) {
            ObjectNode item = items.addObject();
            item.put("type", "backstage.io/catalog-processing");
            item.put("level", "error");
            item.put("message", error.path("name").asText() + ": " + error.path("message").asText());
            ObjectNode cause = item.putObject("error");
            cause.put("name", error.path("name").asText());
            cause.put("message", error.path("message").asText());
            if (error.hasNonNull("line")) {
                cause.put("line", error.get("line").asInt());
            }
        }
    }

    /** Changes whenever anything served for the entity changes: content, relations, errors, orphan state. */
    private static String etag(String hash, String relations, String errors, String locationErrors, boolean orphan) {
        MessageDigest digest = Hashing.sha256();
        for (String part : new String[] {hash, relations, errors, locationErrors, Boolean.toString(orphan)}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 20);
    }
}
