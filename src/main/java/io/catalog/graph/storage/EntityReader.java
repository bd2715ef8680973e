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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves entities as Backstage shows them: the stored body plus {@code metadata.uid}, {@code metadata.etag},
 * {@code relations} (both directions, whoever declared them) and {@code status.items} (processing errors of the
 * entity and of the location it stands for). Stitching happens here, at read time, in one query per page.
 */
@ApplicationScoped
public class EntityReader {

    /**
     * @param first position of the first item (null when empty)
     * @param last  position of the last item (null when empty)
     * @param more  whether more items lie beyond the page in the direction it was read
     */
    public record Page(List<ObjectNode> items, EntityQuery.Cursor first, EntityQuery.Cursor last, boolean more) {
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

    /** The entities with these refs that match {@code filter}, by canonical ref. */
    public Map<String, ObjectNode> byRefs(Collection<String> refs, Predicate filter) {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT " + ASSEMBLY_COLUMNS + " FROM entities p WHERE p.entity_ref = ANY(" + sql.param(refs.toArray(String[]::new))
                + ") AND EXISTS (SELECT 1 FROM entities e WHERE e.id = p.id AND " + FilterSql.where(filter, sql) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepare(c, text)) {
            Map<String, ObjectNode> found = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(2), assemble(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StorageException("cannot read entities by ref", e);
        }
    }

    /** One facet value and how many matching entities have it. */
    public record FacetCount(String value, long count) {
    }

    /**
     * For each facet (a flattened field such as {@code kind} or {@code metadata.tags}), the values among entities
     * matching {@code filter}, as written, with counts; most frequent first.
     */
    public Map<String, List<FacetCount>> facets(List<String> facets, Predicate filter) {
        SqlBuilder sql = new SqlBuilder();
        List<String> keys = facets.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        // search rows are distinct per entity, key and value, so count(*) counts entities
        String keyMatch = "s.key = ANY(" + sql.param(keys.toArray(String[]::new)) + ")";
        String restriction = filter.equals(Predicate.MATCH_ALL) ? ""
                : " AND s.entity_id IN (SELECT e.id FROM entities e WHERE " + FilterSql.where(filter, sql) + ")";
        String text = "SELECT s.key, s.original_value, count(*) FROM search s WHERE " + keyMatch
                + " AND s.original_value IS NOT NULL" + restriction + " GROUP BY s.key, s.original_value ORDER BY 3 DESC, 2";
        Map<String, List<FacetCount>> byKey = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepare(c, text)) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new FacetCount(rs.getString(2), rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot compute facets", e);
        }
        Map<String, List<FacetCount>> result = new LinkedHashMap<>();
        for (int i = 0; i < facets.size(); i++) {
            result.put(facets.get(i), byKey.getOrDefault(keys.get(i), List.of()));
        }
        return result;
    }

    /**
     * The chain of entities an entity descends from: its location's Location entity, that one's, and so on up to
     * the Location entity of the registered location. Each ref maps to its parents (none for the root).
     */
    public Map<String, List<String>> ancestry(EntityRef ref) {
        String text = """
                SELECT l.declared_by FROM entities e JOIN locations l ON l.id = e.location_id
                WHERE e.entity_ref = ? AND l.declared_by IS NOT NULL AND l.declared_by <> e.entity_ref""";
        Map<String, List<String>> parents = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(text)) {
            String current = ref.toString();
            while (current != null && !parents.containsKey(current)) {
                s.setString(1, current);
                String parent = null;
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        parent = rs.getString(1);
                    }
                }
                parents.put(current, parent == null ? List.of() : List.of(parent));
                current = parent;
            }
            return parents;
        } catch (SQLException e) {
            throw new StorageException("cannot read the ancestry of " + ref, e);
        }
    }

    /** One page of entities, in the query's order, with the positions of its first and last item. */
    public Page page(EntityQuery query) {
        SqlBuilder sql = new SqlBuilder();
        List<String> sortExpressions = new ArrayList<>();
        for (EntityQuery.Order order : query.order()) {
            sortExpressions.add(sortExpression(order.field(), sql));
        }
        // Only ids and sort keys go through filtering and sorting; bodies are joined in for the page alone.
        StringBuilder inner = new StringBuilder("SELECT e.id, e.entity_ref");
        for (int i = 0; i < sortExpressions.size(); i++) {
            inner.append(", ").append(sortExpressions.get(i)).append(" AS s").append(i);
        }
        inner.append(" FROM entities e WHERE ").append(where(query, sql));

        // Reading backward walks the reversed order from the position, then turns the page around.
        boolean backward = query.backward();
        StringBuilder page = new StringBuilder("SELECT * FROM (").append(inner).append(") q");
        if (query.position() != null) {
            page.append(" WHERE ").append(keyset(query, sql));
        }
        page.append(orderBy(query.order(), "q", backward));
        if (query.limit() != null) {
            page.append(" LIMIT ").append(sql.param(query.limit() + 1)); // one more tells whether another page exists
        }
        if (query.offset() > 0) {
            page.append(" OFFSET ").append(sql.param(query.offset()));
        }
        StringBuilder outer = new StringBuilder("WITH k AS (").append(page).append(") SELECT ").append(ASSEMBLY_COLUMNS);
        for (int i = 0; i < sortExpressions.size(); i++) {
            outer.append(", k.s").append(i);
        }
        outer.append(" FROM k JOIN entities p ON p.id = k.id").append(orderBy(query.order(), "k", backward));

        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepare(c, outer.toString())) {
            List<ObjectNode> items = new ArrayList<>();
            List<EntityQuery.Cursor> positions = new ArrayList<>();
            boolean more = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (query.limit() != null && items.size() == query.limit()) {
                        more = true; // the extra row: there is more in this direction
                        break;
                    }
                    items.add(assemble(rs));
                    List<String> values = new ArrayList<>(); // sort values may be null when the field is missing
                    for (int i = 0; i < sortExpressions.size(); i++) {
                        values.add(rs.getString("s" + i));
                    }
                    positions.add(new EntityQuery.Cursor(Collections.unmodifiableList(values), rs.getString(2)));
                }
                if (backward) {
                    Collections.reverse(items);
                    Collections.reverse(positions);
                }
                return new Page(items, positions.isEmpty() ? null : positions.get(0),
                        positions.isEmpty() ? null : positions.get(positions.size() - 1), more);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot list entities", e);
        }
    }

    /** How many entities match the query's filter and full-text term. */
    public long count(EntityQuery query) {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT count(*) FROM entities e WHERE " + where(query, sql);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepare(c, text)) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count entities", e);
        }
    }

    private static String where(EntityQuery query, SqlBuilder sql) {
        String filter = FilterSql.where(query.filter(), sql);
        EntityQuery.FullText fullText = query.fullText();
        if (fullText == null || fullText.term().isEmpty()) {
            return filter;
        }
        String fields = fullText.fields().isEmpty() ? "" : " AND s.key = ANY(" + sql.param(fullText.fields().toArray(String[]::new)) + ")";
        String like = "%" + FilterSql.escapeLike(fullText.term()) + "%";
        return filter + " AND e.id IN (SELECT s.entity_id FROM search s WHERE TRUE" + fields + " AND s.value LIKE " + sql.param(like) + ")";
    }

    /** Sort key of a field: a column for the ref parts, else the smallest indexed value (fields may be arrays). */
    private static String sortExpression(String field, SqlBuilder sql) {
        String column = FilterSql.REF_COLUMNS.get(field);
        return column != null ? column
                : "(SELECT min(s.value) FROM search s WHERE s.entity_id = e.id AND s.key = " + sql.param(field) + ")";
    }

    /**
     * Missing values sort last in either direction; the entity ref breaks ties so every order is total. The ref
     * columns are never missing, so they sort plainly and an index on them can serve the order.
     */
    private static String orderBy(List<EntityQuery.Order> order, String alias, boolean reversed) {
        StringBuilder by = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            boolean descending = order.get(i).descending() != reversed;
            if (nullable(order.get(i))) {
                by.append(alias).append(".s").append(i).append(" IS NULL").append(reversed ? " DESC, " : ", ");
            }
            by.append(alias).append(".s").append(i).append(descending ? " DESC, " : " ASC, ");
        }
        return by.append(alias).append(".entity_ref").append(reversed ? " DESC" : " ASC").toString();
    }

    private static boolean nullable(EntityQuery.Order order) {
        return !FilterSql.REF_COLUMNS.containsKey(order.field());
    }

    /** Rows strictly beyond the position in the direction of travel: (a > x) OR (a = x AND b > y) ... */
    private static String keyset(EntityQuery query, SqlBuilder sql) {
        EntityQuery.Cursor cursor = query.position();
        boolean reversed = query.backward();
        List<String[]> components = new ArrayList<>(); // expression, comparison operator, bound value
        for (int i = 0; i < query.order().size(); i++) {
            String value = i < cursor.values().size() ? cursor.values().get(i) : null;
            boolean descending = query.order().get(i).descending() != reversed;
            if (nullable(query.order().get(i))) {
                components.add(new String[] {"(q.s" + i + " IS NULL)", reversed ? "<" : ">", Boolean.toString(value == null)});
                components.add(new String[] {"coalesce(q.s" + i + ", '')", descending ? "<" : ">", value == null ? "" : value});
            } else {
                components.add(new String[] {"q.s" + i, descending ? "<" : ">", value == null ? "" : value});
            }
        }
        components.add(new String[] {"q.entity_ref", reversed ? "<" : ">", cursor.entityRef()});
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

    /**
     * Parameters collected while SQL text is assembled in any order: {@link #param} returns a numbered marker, and
     * {@link #prepare} turns markers into {@code ?} and binds values in the order the markers appear in the text.
     */
    static final class SqlBuilder {
        private static final Pattern MARKER = Pattern.compile("\u0001(\\d+)\u0001");
        private final List<Object> parameters = new ArrayList<>();

        String param(Object value) {
            parameters.add(value);
            return "\u0001" + (parameters.size() - 1) + "\u0001";
        }

        PreparedStatement prepare(Connection c, String text) throws SQLException {
            List<Object> ordered = new ArrayList<>();
            Matcher marker = MARKER.matcher(text);
            StringBuilder sql = new StringBuilder();
            while (marker.find()) {
                ordered.add(parameters.get(Integer.parseInt(marker.group(1))));
                marker.appendReplacement(sql, "?");
            }
            marker.appendTail(sql);
            PreparedStatement s = c.prepareStatement(sql.toString());
            try {
                for (int i = 0; i < ordered.size(); i++) {
                    Object value = ordered.get(i);
                    if (value instanceof String[] array) {
                        s.setArray(i + 1, c.createArrayOf("text", array));
                    } else {
                        s.setObject(i + 1, value);
                    }
                }
                return s;
            } catch (SQLException e) {
                s.close();
                throw e;
            }
        }
    }
}
