package io.catalog.graph.storage;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts behind the operator's gauges, read in one go on one connection. */
@ApplicationScoped
public class CatalogStatistics {

    /**
     * A monitoring read must give up long before a scraper does (Prometheus waits 10 s by default): a gauge that
     * cannot be read shows as missing, a scrape that times out loses every other metric with it.
     */
    private static final int QUERY_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;

    public CatalogStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The counts as the database has them now. */
    public CatalogCounts read() {
        try (Connection c = dataSource.getConnection()) {
            return new CatalogCounts(locationsByStatus(c), refreshLag(c), entitiesByKind(c), staleMarks(c));
        } catch (SQLException e) {
            throw new StorageException("cannot count the catalog", e);
        }
    }

    private static Map<String, Long> locationsByStatus(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        CatalogCounts.LOCATION_STATUSES.forEach(status -> counts.put(status, 0L));
        try (PreparedStatement s = prepare(c, "SELECT status, count(*) FROM locations GROUP BY status");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Found through the next_refresh_at index; locations being read right now still count, they are not done. */
    private static Duration refreshLag(Connection c) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT coalesce((extract(epoch FROM now() - min(next_refresh_at)) * 1000)::bigint, 0)"
                + " FROM locations WHERE next_refresh_at <= now()");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return Duration.ofMillis(Math.max(0, rs.getLong(1)));
        }
    }

    /** An index-only scan of entities_kind_name when the visibility map is fresh; still the costliest count here. */
    private static Map<String, Long> entitiesByKind(Connection c) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = prepare(c, "SELECT kind, count(*) FROM entities GROUP BY kind");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static long staleMarks(Connection c) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT count(*) FROM stale_entities"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return s;
    }
}
