package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.processing.Hashing;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves entities as Backstage shows them: the stored body plus {@code metadata.uid}, {@code metadata.etag},
 * {@code relations} (both directions, whoever declared them) and {@code status.items} (processing errors of the
 * entity and of the location it stands for). Stitching happens here, at read time, in one query per page.
 */
@ApplicationScoped
public class EntityReader {

    public record Page(List<ObjectNode> items, EntityQuery.Cursor next) {
    }

    private static final String ASSEMBLY_COLUMNS = """
            p.id, p.entity_ref, p.body::text, p.hash, p.errors::text, p.orphan,
            (SELECT coalesce(json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref) ORDER BY r.type, r.target_ref), '[]')::text
               FROM (SELECT DISTINCT type, target_ref FROM relations WHERE source_ref = p.entity_ref) r) AS relations,
            (SELECT coalesce(json_agg(x.err), '[]')::text
               FROM locations l CROSS JOIN LATERAL jsonb_array_elements(l.errors) AS x(err)
              WHERE l.declared_by = p.entity_ref) AS location_errors""";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public EntityReader(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<ObjectNode> byRef(EntityRef ref) {
        return single("p.entity_ref = ?", ref.toString());
    }

    public Optional<ObjectNode> byUid(UUID uid) {
        return single("p.id = ?", uid);
    }

    private Optional<ObjectNode> single(String condition, Object value) {
        String sql = "SELECT " + ASSEMBLY_COLUMNS + " FROM entities p WHERE " + condition;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(assemble(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read entity", e);
        }
    }

    public Page page(EntityQuery query) {
        SqlBuilder sql = new SqlBuilder();
        List<String> sortExpressions = new ArrayList<>();
        for (EntityQuery.Order order : query.order()) {
            sortExpressions.add(sortExpression(order.field(), sql));
        }
        StringBuilder inner = new StringBuilder("SELECT e.id, e.entity_ref, e.body, e.hash, e.errors, e.orphan");
        for (int i = 0; i < sortExpressions.size(); i++) {
            inner.append(", ").append(sortExpressions.get(i)).append(" AS s").append(i);
        }
        inner.append(" FROM entities e WHERE ").append(FilterSql.where(query.filter(), sql));

        StringBuilder page = new StringBuilder("SELECT * FROM (").append(inner).append(") q");
        if (query.after() != null) {
            page.append(" WHERE ").append(keyset(query, sql));
        }
        String orderBy = orderBy(query.order(), "q");
        page.append(orderBy);
        if (query.limit() != null) {
            page.append(" LIMIT ").append(sql.param(query.limit()));
        }
        if (query.offset() > 0) {
            page.append(" OFFSET ").append(sql.param(query.offset()));
        }
        StringBuilder outer = new StringBuilder("WITH p AS (").append(page).append(") SELECT ").append(ASSEMBLY_COLUMNS);
        for (int i = 0; i < sortExpressions.size(); i++) {
            outer.append(", p.s").append(i);
        }
        outer.append(" FROM p").append(orderBy(query.order(), "p"));

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(outer.toString())) {
            sql.bind(s);
            List<ObjectNode> items = new ArrayList<>();
            List<String> lastValues = new ArrayList<>();
            String lastRef = null;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(assemble(rs));
                    lastRef = rs.getString(2);
                    lastValues.clear();
                    for (int i = 0; i < sortExpressions.size(); i++) {
                        lastValues.add(rs.getString("s" + i));
                    }
                }
            }
            boolean full = query.limit() != null && items.size() == query.limit() && query.limit() > 0;
            // sort values may be null (field missing): List.copyOf would refuse them
            return new Page(items, full ? new EntityQuery.Cursor(java.util.Collections.unmodifiableList(new ArrayList<>(lastValues)), lastRef) : null);
        } catch (SQLException e) {
            throw new StorageException("cannot list entities", e);
        }
    }

    /** Sort key of a field: a column for the ref parts, else the smallest indexed value (fields may be arrays). */
    private static String sortExpression(String field, SqlBuilder sql) {
        String column = FilterSql.REF_COLUMNS.get(field);
        return column != null ? column
                : "(SELECT min(s.value) FROM search s WHERE s.entity_id = e.id AND s.key = " + sql.param(field) + ")";
    }

    /** Missing values sort last in either direction; the entity ref breaks ties so every order is total. */
    private static String orderBy(List<EntityQuery.Order> order, String alias) {
        StringBuilder by = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            by.append(alias).append(".s").append(i).append(" IS NULL, ")
                    .append(alias).append(".s").append(i).append(order.get(i).descending() ? " DESC, " : " ASC, ");
        }
        return by.append(alias).append(".entity_ref ASC").toString();
    }

    /** Rows strictly after the cursor in the page order: (a > x) OR (a = x AND b > y) ... */
    private static String keyset(EntityQuery query, SqlBuilder sql) {
        EntityQuery.Cursor cursor = query.after();
        List<String[]> components = new ArrayList<>(); // expression, comparison operator, bound value
        for (int i = 0; i < query.order().size(); i++) {
            String value = i < cursor.values().size() ? cursor.values().get(i) : null;
            components.add(new String[] {"(q.s" + i + " IS NULL)", ">", Boolean.toString(value == null)});
            components.add(new String[] {"coalesce(q.s" + i + ", '')", query.order().get(i).descending() ? "<" : ">",
                    value == null ? "" : value});
        }
        components.add(new String[] {"q.entity_ref", ">", cursor.entityRef()});
        List<String> alternatives = new ArrayList<>();
        for (int j = 0; j < components.size(); j++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int i = 0; i < j; i++) {
                alternative.append(components.get(i)[0]).append(" = ").append(bound(components.get(i), sql)).append(" AND ");
            }
            String[] last = components.get(j);
            alternative.append(last[0]).append(' ').append(last[1]).append(' ').append(bound(last, sql)).append(')');
            alternatives.add(alternative.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String bound(String[] component, SqlBuilder sql) {
        return component[0].endsWith("IS NULL)") ? sql.param(Boolean.parseBoolean(component[2])) : sql.param(component[2]);
    }

    private ObjectNode assemble(ResultSet rs) throws SQLException {
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
            annotations.put(EntityProcessor.ORPHAN, "true");
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
    private void addStatusItems(ArrayNode items, JsonNode errors) {
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

    /** Positional parameters collected while SQL text is assembled. */
    static final class SqlBuilder {
        private final List<Object> parameters = new ArrayList<>();

        String param(Object value) {
            parameters.add(value);
            return "?";
        }

        void bind(PreparedStatement s) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof String[] array) {
                    s.setArray(i + 1, s.getConnection().createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, value);
                }
            }
        }
    }
}
