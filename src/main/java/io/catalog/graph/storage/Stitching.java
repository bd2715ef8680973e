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
 * Assembles the served entity from a row of {@link #COLUMNS}: the stored body plus {@code metadata.uid},
 * {@code metadata.etag}, {@code relations} (both directions, whoever declared them) and {@code status.items}
 * (processing errors of the entity and of the location it stands for).
 */
final class Stitching {

    /** Selected from {@code entities p}; the entity ref is column 2. */
    static final String COLUMNS = """
            p.id, p.entity_ref, p.body::text, p.hash, p.errors::text, p.orphan,
            (SELECT coalesce(json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref) ORDER BY r.type, r.target_ref), '[]')::text
               FROM (SELECT DISTINCT type, target_ref FROM relations WHERE source_ref = p.entity_ref) r) AS relations,
            (SELECT coalesce(json_agg(x.err), '[]')::text
               FROM locations l CROSS JOIN LATERAL jsonb_array_elements(l.errors) AS x(err)
              WHERE l.declared_by = p.entity_ref) AS location_errors""";

    private final ObjectMapper json;

    Stitching(ObjectMapper json) {
        this.json = json;
    }

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
