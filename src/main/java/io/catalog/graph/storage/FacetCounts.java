package io.catalog.graph.storage;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Facet counts over the whole catalog, kept on write (V11): the change of every statement on {@code search} is
 * appended to {@code facet_deltas}, for the keys in {@code facet_keys}, by the writer for the rows it inserts
 * ({@link #added}, V17) and by triggers for rows deleted or updated; {@link #fold} moves the deltas into
 * {@code facet_counts}; a read adds both up, so it always counts exactly the committed entities, folded or not.
 * Writers only append, so concurrent location commits never wait on each other over a popular value.
 */
@ApplicationScoped
public class FacetCounts {

    /** Counted keys an entity has at most one value of, so counts of several values add up to entities. */
    private static final Set<String> SINGLE_VALUED = Set.of("kind", "metadata.namespace", "spec.type", "spec.lifecycle",
            "spec.owner", "spec.system", "spec.domain");

    private final DataSource dataSource;
    private volatile Set<String> keys;

    public FacetCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A tally of the facet values of search rows about to be inserted, appended in the same transaction. */
    Added added() {
        return new Added(keys());
    }

    /** The facet deltas of inserted search rows, counted in the JVM as the rows are built. */
    static final class Added {

        private final Set<String> keys;
        private final Map<String, Map<String, Long>> counts = new HashMap<>();

        private Added(Set<String> keys) {
            this.keys = keys;
        }

        void row(SearchIndex.Row row) {
            if (row.originalValue() != null && keys.contains(row.key())) {
                counts.computeIfAbsent(row.key(), k -> new HashMap<>()).merge(row.originalValue(), 1L, Long::sum);
            }
        }

        void append(Connection c) throws SQLException {
            if (counts.isEmpty()) {
                return;
            }
            List<String> keyColumn = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<Long> entities = new ArrayList<>();
            counts.forEach((key, byValue) -> byValue.forEach((value, n) -> {
                keyColumn.add(key);
                values.add(value);
                entities.add(n);
            }));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO facet_deltas (key, original_value, entities)"
                    + " SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[])")) {
                s.setArray(1, c.createArrayOf("text", keyColumn.toArray()));
                s.setArray(2, c.createArrayOf("text", values.toArray()));
                s.setArray(3, c.createArrayOf("bigint", entities.toArray()));
                s.executeUpdate();
            }
        }
    }

    /** Whether every one of these (lower-case) keys is counted on write. */
    boolean counts(Collection<String> facetKeys) {
        return keys().containsAll(facetKeys);
    }

    /** For each key, its values as written with the number of entities having each, ordered by key and value. */
    Map<String, List<EntityCounts.FacetCount>> read(Connection c, List<String> facetKeys, int timeoutSeconds) throws SQLException {
        Map<String, List<EntityCounts.FacetCount>> byKey = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT key, original_value, sum(entities) FROM (
                  SELECT key, original_value, entities FROM facet_counts WHERE key = ANY(?)
                  UNION ALL
                  SELECT key, original_value, entities FROM facet_deltas WHERE key = ANY(?)) x
                GROUP BY key, original_value HAVING sum(entities) > 0 ORDER BY 1, 2""")) {
            s.setQueryTimeout(timeoutSeconds);
            var array = c.createArrayOf("text", facetKeys.toArray());
            s.setArray(1, array);
            s.setArray(2, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new EntityCounts.FacetCount(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return byKey;
    }

    /**
     * How many entities match {@code filter}, when the counts kept on write can say so exactly: a filter on one counted
     * key's values (one value, or several of a key an entity has at most once). Empty otherwise, and also when a value
     * of that key is not ASCII (then PostgreSQL's {@code lower()} and the index's lower-casing could disagree), so
     * the caller counts the rows.
     */
    OptionalLong entitiesMatching(Connection c, Predicate filter, int timeoutSeconds) throws SQLException {
        if (!(filter instanceof Predicate.In in) || !keys().contains(in.key())
                || (in.values().size() > 1 && !SINGLE_VALUED.contains(in.key()))
                || !in.values().stream().allMatch(v -> v.chars().allMatch(ch -> ch > 0 && ch < 0x80))) {
            return OptionalLong.empty();
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT coalesce(sum(entities) FILTER (WHERE lower(original_value) = ANY(?)), 0),
                       coalesce(bool_or(original_value ~ '[^\\x01-\\x7f]'), false)
                  FROM (SELECT original_value, entities FROM facet_counts WHERE key = ?
                        UNION ALL
                        SELECT original_value, entities FROM facet_deltas WHERE key = ?) x""")) {
            s.setQueryTimeout(timeoutSeconds);
            s.setArray(1, c.createArrayOf("text", in.values().toArray()));
            s.setString(2, in.key());
            s.setString(3, in.key());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(2) ? OptionalLong.empty() : OptionalLong.of(rs.getLong(1));
            }
        }
    }

    /**
     * Moves the committed deltas into the counts (one statement, so atomically); values no entity has any more go.
     * Safe to run on several replicas at once: each delta row is deleted, and so counted, once. Returns the count rows
     * written.
     */
    public int fold() {
        try (Connection c = dataSource.getConnection()) {
            int moved;
            try (PreparedStatement s = c.prepareStatement("""
                    WITH moved AS (DELETE FROM facet_deltas RETURNING key, original_value, entities)
                    INSERT INTO facet_counts (key, original_value, entities)
                    SELECT key, original_value, sum(entities) FROM moved GROUP BY key, original_value ORDER BY 1, 2
                    ON CONFLICT (key, original_value) DO UPDATE SET entities = facet_counts.entities + excluded.entities""")) {
                moved = s.executeUpdate();
            }
            if (moved > 0) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM facet_counts WHERE entities <= 0")) {
                    s.executeUpdate();
                }
            }
            return moved;
        } catch (SQLException e) {
            throw new StorageException("cannot fold the facet counts", e);
        }
    }

    private Set<String> keys() {
        Set<String> known = keys;
        if (known == null) {
            known = new HashSet<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT key FROM facet_keys");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new StorageException("cannot read the counted facet keys", e);
            }
            keys = Set.copyOf(known);
        }
        return known;
    }
}
