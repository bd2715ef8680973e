package io.catalog.graph.storage;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facet counts over the whole catalog, kept on write (V11): triggers on {@code search} append the change of every
 * statement to {@code facet_deltas}, for the keys in {@code facet_keys}; {@link #fold} moves the deltas into
 * {@code facet_counts}; a read adds both up, so it always counts exactly the committed entities, folded or not.
 * Writers only append, so concurrent location commits never wait on each other over a popular value.
 */
@ApplicationScoped
public class FacetCounts {

    private final DataSource dataSource;
    private volatile Set<String> keys;

    public FacetCounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether every one of these (lower-case) keys is counted on write. */
    boolean counts(Collection<String> facetKeys) {
        return keys().containsAll(facetKeys);
    }

    /** For each key, its values as written with the number of entities having each, ordered by key and value. */
    Map<String, List<EntityReader.FacetCount>> read(Connection c, List<String> facetKeys, int timeoutSeconds) throws SQLException {
        Map<String, List<EntityReader.FacetCount>> byKey = new LinkedHashMap<>();
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
                            .add(new EntityReader.FacetCount(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return byKey;
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
