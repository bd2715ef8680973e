package io.catalog.graph.storage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many entities match, and facets: from the counts kept on write ({@link FacetCounts}) when they can answer,
 * else counted from the rows, under the same read timeout as {@link EntityReader}.
 */
@ApplicationScoped
public class EntityCounts {

    /** One facet value and how many matching entities have it. */
    public record FacetCount(String value, long count) {
    }

    private final DataSource dataSource;
    private final FacetCounts counts;
    private final int timeoutSeconds;

    public EntityCounts(DataSource dataSource, FacetCounts counts,
                        @ConfigProperty(name = "catalog.limits.read-timeout") Duration readTimeout) {
        this.dataSource = dataSource;
        this.counts = counts;
        this.timeoutSeconds = EntityReader.timeoutSeconds(readTimeout);
    }

    /**
     * For each facet (a flattened field such as {@code kind} or {@code metadata.tags}), the values among entities
     * matching {@code filter}, as written, with counts; ordered by value as Backstage orders them.
     */
    public Map<String, List<FacetCount>> facets(List<String> facets, Predicate filter) {
        List<String> keys = facets.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
        if (filter.equals(Predicate.MATCH_ALL) && counts.counts(keys)) {
            try (Connection c = dataSource.getConnection()) {
                return byFacet(facets, keys, counts.read(c, keys, timeoutSeconds));
            } catch (SQLException e) {
                throw new StorageException("cannot read the facet counts", e);
            }
        }
        SqlBuilder sql = new SqlBuilder();
        // search rows are distinct per entity, key and value, so count(*) counts entities
        String keyMatch = "s.key = ANY(" + sql.param(keys.toArray(String[]::new)) + ")";
        String restriction = filter.equals(Predicate.MATCH_ALL) ? ""
                : " AND s.entity_id IN (SELECT e.id FROM entities e WHERE " + FilterSql.where(filter, sql) + ")";
        String text = "SELECT s.key, s.original_value, count(*) FROM search s WHERE " + keyMatch
                + " AND s.original_value IS NOT NULL" + restriction + " GROUP BY s.key, s.original_value ORDER BY 1, 2";
        Map<String, List<FacetCount>> byKey = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepareForValues(c, text, timeoutSeconds);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new FacetCount(rs.getString(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot compute facets", e);
        }
        return byFacet(facets, keys, byKey);
    }

    /** The counts of each facet as asked for (its own spelling), none where no entity has the field. */
    private static Map<String, List<FacetCount>> byFacet(List<String> facets, List<String> keys, Map<String, List<FacetCount>> byKey) {
        Map<String, List<FacetCount>> result = new LinkedHashMap<>();
        for (int i = 0; i < facets.size(); i++) {
            result.put(facets.get(i), byKey.getOrDefault(keys.get(i), List.of()));
        }
        return result;
    }

    /** How many entities match the query's filter and full-text term: from the facet counts when they can say. */
    public long count(EntityQuery query) {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT count(*) FROM entities e WHERE " + EntityReader.where(query, sql);
        try (Connection c = dataSource.getConnection()) {
            boolean noTerm = query.fullText() == null || query.fullText().term().isEmpty();
            OptionalLong kept = noTerm ? counts.entitiesMatching(c, query.filter(), timeoutSeconds) : OptionalLong.empty();
            if (kept.isPresent()) {
                return kept.getAsLong();
            }
            try (PreparedStatement s = sql.prepareForValues(c, text, timeoutSeconds); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count entities", e);
        }
    }

}
