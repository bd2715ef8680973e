package io.catalog.graph.storage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves entities as Backstage shows them ({@link Stitching}), one query per page. Every query is stopped by the
 * driver after {@code catalog.limits.read-timeout}, so a pathological filter or a lock cannot hold a request (and
 * its connection) for ever.
 */
@ApplicationScoped
public class EntityReader {

    /**
     * @param first position of the first item (null when empty)
     * @param last  position of the last item (null when empty)
     * @param more  whether more items lie beyond the page in the direction it was read
     */
    public record Page<T>(List<T> items, EntityQuery.Cursor first, EntityQuery.Cursor last, boolean more) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Stitching stitching;
    private final int timeoutSeconds;

    public EntityReader(DataSource dataSource, ObjectMapper json,
                        @ConfigProperty(name = "catalog.limits.read-timeout") Duration readTimeout) {
        this.dataSource = dataSource;
        this.json = json;
        this.stitching = new Stitching(json);
        this.timeoutSeconds = timeoutSeconds(readTimeout);
    }

    /** The driver counts whole seconds; rounded up, so a short timeout never becomes "none" (0). */
    static int timeoutSeconds(Duration readTimeout) {
        return (int) Math.max(1, (readTimeout.toMillis() + 999) / 1000);
    }

    public Optional<ObjectNode> byRef(EntityRef ref) {
        return single("p.entity_ref = ", ref.toString());
    }

    public Optional<ObjectNode> byUid(UUID uid) {
        return single("p.id = ", uid);
    }

    private Optional<ObjectNode> single(String condition, Object value) {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT " + Stitching.COLUMNS + " FROM entities p" + Stitching.SERVED_JOIN + " WHERE " + condition + sql.param(value);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepare(c, text, timeoutSeconds);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(stitching.served(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new StorageException("cannot read entity", e);
        }
    }

    /** The entities with these refs that match {@code filter}, by canonical ref. */
    public Map<String, ObjectNode> byRefs(Collection<String> refs, Predicate filter) {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT " + Stitching.COLUMNS + " FROM entities p" + Stitching.SERVED_JOIN + " WHERE p.entity_ref = ANY(" + sql.param(refs.toArray(String[]::new))
                + ") AND EXISTS (SELECT 1 FROM entities e WHERE e.id = p.id AND " + FilterSql.where(filter, sql) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepareForValues(c, text, timeoutSeconds);
             ResultSet rs = s.executeQuery()) {
            Map<String, ObjectNode> found = new HashMap<>();
            while (rs.next()) {
                found.put(rs.getString(2), stitching.served(rs));
            }
            return found;
        } catch (SQLException e) {
            throw new StorageException("cannot read entities by ref", e);
        }
    }

    /**
     * The chain of entities an entity descends from: its location's Location entity, that one's, and so on up to
     * the Location entity of the registered location. Each ref maps to its parents (none for the top); the entity
     * asked about comes first.
     */
    public Map<String, List<String>> ancestry(EntityRef ref) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            String current = ref.toString();
            while (current != null && !parents.containsKey(current)) {
                SqlBuilder sql = new SqlBuilder();
                String text = "SELECT l.declared_by FROM entities e JOIN locations l ON l.id = e.location_id WHERE e.entity_ref = "
                        + sql.param(current) + " AND l.declared_by IS NOT NULL AND l.declared_by <> e.entity_ref";
                String parent = null;
                try (PreparedStatement s = sql.prepare(c, text, timeoutSeconds); ResultSet rs = s.executeQuery()) {
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
    public Page<ObjectNode> page(EntityQuery query) {
        return page(query, stitching::served);
    }

    /**
     * The same page, each entity as the JSON text served for it: a stitched text is copied as stored, never parsed,
     * for callers that answer with whole entities.
     */
    public Page<String> pageOfTexts(EntityQuery query) {
        return page(query, stitching::servedText);
    }

    /** One entity from a row of {@link Stitching#COLUMNS}, in the shape a caller wants it. */
    @FunctionalInterface
    private interface Shaper<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Page<T> page(EntityQuery query, Shaper<T> entity) {
        SqlBuilder sql = new SqlBuilder();
        String outer = select(query, Stitching.COLUMNS, Stitching.SERVED_JOIN, sql);
        int sorts = query.order().size();
        boolean backward = query.backward();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepareForValues(c, outer, timeoutSeconds);
             ResultSet rs = s.executeQuery()) {
            List<T> items = new ArrayList<>();
            List<EntityQuery.Cursor> positions = new ArrayList<>();
            boolean more = false;
            while (rs.next()) {
                if (query.limit() != null && items.size() == query.limit()) {
                    more = true; // the extra row: there is more in this direction
                    break;
                }
                items.add(entity.read(rs));
                List<String> values = new ArrayList<>(); // sort values may be null when the field is missing
                for (int i = 0; i < sorts; i++) {
                    values.add(rs.getString("s" + i));
                }
                positions.add(new EntityQuery.Cursor(Collections.unmodifiableList(values), rs.getString(2)));
            }
            if (backward) {
                Collections.reverse(items);
                Collections.reverse(positions);
            }
            return new Page<>(items, positions.isEmpty() ? null : positions.get(0),
                    positions.isEmpty() ? null : positions.get(positions.size() - 1), more);
        } catch (SQLException e) {
            throw new StorageException("cannot list entities", e);
        }
    }

    /** What {@link #stream} gives of each entity. */
    public enum Shape {
        /** As the catalog API serves it: with {@code relations}, {@code status}, uid and etag. */
        SERVED,
        /** The body as stored, nothing added: for callers that need none of the rest, at a fraction of the cost. */
        STORED
    }

    /**
     * Every entity the query matches (its limit is ignored), in its order, read as the caller iterates through a
     * server-side cursor, {@code fetchSize} rows per round trip, all from one read-only snapshot of the catalog: memory
     * stays bounded however many match. The query runs before this returns, so an unreachable database is a
     * {@link StorageException} here rather than halfway through the caller's answer; later failures are
     * {@link StorageException}s from the iterator. Close it.
     */
    public EntityCursor stream(EntityQuery query, Shape shape, int fetchSize) {
        SqlBuilder sql = new SqlBuilder();
        EntityQuery all = new EntityQuery(query.filter(), query.fullText(), query.order(), null, query.offset(), query.position(),
                query.backward());
        String text = shape == Shape.SERVED ? select(all, Stitching.COLUMNS, Stitching.SERVED_JOIN, sql)
                : select(all, "p.id, p.entity_ref, p.body::text", "", sql);
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false); // a cursor lives in a transaction; without one the driver reads every row at once
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            PreparedStatement s = sql.prepareForValues(c, text, timeoutSeconds);
            s.setFetchSize(Math.max(1, fetchSize));
            EntityCursor.RowReader read = shape == Shape.SERVED ? stitching::served
                    : rows -> (ObjectNode) Json.read(json, rows.getString(3));
            return new EntityCursor(c, s, s.executeQuery(), read);
        } catch (SQLException e) {
            EntityCursor.release(c);
            throw new StorageException("cannot list entities", e);
        }
    }

    /**
     * The query's entities in its order, from its position and offset, at most its limit plus one (the extra row tells
     * whether more lie beyond): {@code columns} from {@code entities p}, then each sort value as {@code s0, s1, …}.
     * Only ids and sort keys go through filtering and sorting; the columns (and what {@code join} adds to {@code p})
     * are joined in for the rows kept alone.
     */
    private static String select(EntityQuery query, String columns, String join, SqlBuilder sql) {
        List<String> sortExpressions = new ArrayList<>();
        for (EntityQuery.Order order : query.order()) {
            sortExpressions.add(KeysetSql.sortExpression(order.field(), sql));
        }
        StringBuilder inner = new StringBuilder("SELECT e.id, e.entity_ref");
        for (int i = 0; i < sortExpressions.size(); i++) {
            inner.append(", ").append(sortExpressions.get(i)).append(" AS s").append(i);
        }
        inner.append(" FROM entities e WHERE ").append(where(query, sql));

        // Reading backward walks the reversed order from the position, then turns the page around.
        boolean backward = query.backward();
        StringBuilder page = new StringBuilder("SELECT * FROM (").append(inner).append(") q");
        if (query.position() != null) {
            page.append(" WHERE ").append(KeysetSql.beyond(query, sql));
        }
        page.append(KeysetSql.orderBy(query.order(), "q", backward));
        if (query.limit() != null) {
            page.append(" LIMIT ").append(sql.param(query.limit() + 1L));
        }
        if (query.offset() > 0) {
            page.append(" OFFSET ").append(sql.param(query.offset()));
        }
        StringBuilder outer = new StringBuilder("WITH k AS (").append(page).append(") SELECT ").append(columns);
        for (int i = 0; i < sortExpressions.size(); i++) {
            outer.append(", k.s").append(i);
        }
        return outer.append(" FROM k JOIN entities p ON p.id = k.id").append(join).append(KeysetSql.orderBy(query.order(), "k", backward)).toString();
    }

    /** The query's filter and full-text term as a condition on {@code entities e}. */
    static String where(EntityQuery query, SqlBuilder sql) {
        String filter = FilterSql.where(query.filter(), sql);
        EntityQuery.FullText fullText = query.fullText();
        if (fullText == null || fullText.term().isEmpty()) {
            return filter;
        }
        String fields = fullText.fields().isEmpty() ? "" : " AND s.key = ANY(" + sql.param(fullText.fields().toArray(String[]::new)) + ")";
        String like = "%" + FilterSql.escapeLike(fullText.term()) + "%";
        return filter + " AND e.id IN (SELECT s.entity_id FROM search s WHERE TRUE" + fields + " AND s.value LIKE " + sql.param(like) + ")";
    }
}
