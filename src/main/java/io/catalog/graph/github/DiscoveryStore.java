package io.catalog.graph.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.storage.AdvisoryLock;
import io.catalog.graph.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery's own tables: what each provider's scans remembered of each repository ({@code github_repositories}),
 * the last scans ({@code github_scans}), and the lock that lets one replica at a time scan a provider.
 */
@ApplicationScoped
public class DiscoveryStore {

    /** Scans kept per provider; older ones are deleted when a scan starts. */
    static final int SCANS_KEPT = 20;
    /** First half of the two-part advisory lock key: "GitHub scan"; the second is the provider key's hash. */
    private static final int SCAN_LOCK_CLASS = 0x67687363; // "ghsc"
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<OrganizationSync.Summary>> ORGANIZATIONS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public DiscoveryStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    // ---- the scan lock ----

    /** The provider's scan lock, if no scan of it runs anywhere. */
    public Optional<AdvisoryLock> tryLock(String provider) {
        return AdvisoryLock.tryTake(dataSource, AdvisoryLock.key(SCAN_LOCK_CLASS, provider), "the scan lock of " + provider);
    }

    // ---- repositories ----

    /** What the provider's scans remember, by repository key. */
    public Map<String, KnownRepository> repositories(String provider) {
        return query(provider, null);
    }

    public Optional<KnownRepository> repository(String provider, String fullName) {
        String key = ListedRepository.keyOf(fullName);
        return Optional.ofNullable(query(provider, key).get(key));
    }

    private Map<String, KnownRepository> query(String provider, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT repo_key, repository_id, organization, facts::text, matched, branch,"
                     + " descriptors::text, read_status, read_error, catalog_path FROM github_repositories WHERE provider = ?"
                     + (key == null ? "" : " AND repo_key = ?"))) {
            s.setString(1, provider);
            if (key != null) {
                s.setString(2, key);
            }
            Map<String, KnownRepository> known = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(2);
                    known.put(rs.getString(1), new KnownRepository(rs.getString(1), rs.wasNull() ? null : id, rs.getString(3),
                            json.readValue(rs.getString(4), RepositoryFacts.class), rs.getBoolean(5), rs.getString(6), rs.getString(10),
                            json.readValue(rs.getString(7), STRINGS), rs.getString(8), rs.getString(9)));
                }
            }
            return known;
        } catch (SQLException | JsonProcessingException e) {
            throw new StorageException("cannot read the repositories of " + provider, e);
        }
    }

    /** The organisations whose repositories the provider's scans remember (an App's installations, as last seen). */
    public List<String> organizations(String provider) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT organization FROM github_repositories WHERE provider = ? ORDER BY 1")) {
            s.setString(1, provider);
            List<String> organizations = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    organizations.add(rs.getString(1));
                }
            }
            return organizations;
        } catch (SQLException e) {
            throw new StorageException("cannot list the organisations of " + provider, e);
        }
    }

    /** Remembers repositories (inserted or replaced). */
    public void save(String provider, Collection<KnownRepository> repositories) {
        if (repositories.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO github_repositories (provider, repo_key, repository_id, organization, facts, matched, branch,
                         descriptors, read_status, read_error, read_at, catalog_path)
                     VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, CASE WHEN ? THEN now() END, ?)
                     ON CONFLICT (provider, repo_key) DO UPDATE SET repository_id = EXCLUDED.repository_id,
                         organization = EXCLUDED.organization, facts = EXCLUDED.facts, matched = EXCLUDED.matched,
                         branch = EXCLUDED.branch, descriptors = EXCLUDED.descriptors, read_status = EXCLUDED.read_status,
                         read_error = EXCLUDED.read_error, read_at = COALESCE(EXCLUDED.read_at, github_repositories.read_at),
                         catalog_path = EXCLUDED.catalog_path""")) {
            for (KnownRepository r : repositories) {
                s.setString(1, provider);
                s.setString(2, r.key());
                if (r.id() == null) {
                    s.setNull(3, Types.BIGINT);
                } else {
                    s.setLong(3, r.id());
                }
                s.setString(4, r.organization());
                s.setString(5, json.writeValueAsString(r.facts()));
                s.setBoolean(6, r.matched());
                s.setString(7, r.branch());
                s.setString(8, json.writeValueAsString(r.descriptors()));
                s.setString(9, r.readStatus());
                s.setString(10, r.readError());
                s.setBoolean(11, !KnownRepository.UNREAD.equals(r.readStatus()));
                s.setString(12, r.catalogPath());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new StorageException("cannot store the repositories of " + provider, e);
        }
    }

    public void forget(String provider, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM github_repositories WHERE provider = ? AND repo_key = ANY(?)")) {
            s.setString(1, provider);
            s.setArray(2, c.createArrayOf("text", keys.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot forget repositories of " + provider, e);
        }
    }

    // ---- scans ----

    /**
     * Records a scan as running; returns its id. The caller holds the scan lock, so a scan still marked running was cut
     * short (its replica stopped) and is marked so. Older scans beyond {@link #SCANS_KEPT} go.
     */
    public long startScan(String provider, Instant startedAt) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE github_scans SET status = ?, finished_at = now()"
                    + " WHERE provider = ? AND status = ?")) {
                s.setString(1, ScanSummary.INTERRUPTED);
                s.setString(2, provider);
                s.setString(3, ScanSummary.RUNNING);
                s.executeUpdate();
            }
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO github_scans (provider, started_at, status) VALUES (?, ?, ?) RETURNING id")) {
                s.setString(1, provider);
                s.setTimestamp(2, Timestamp.from(startedAt));
                s.setString(3, ScanSummary.RUNNING);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM github_scans WHERE provider = ? AND id NOT IN"
                    + " (SELECT id FROM github_scans WHERE provider = ? ORDER BY id DESC LIMIT ?)")) {
                s.setString(1, provider);
                s.setString(2, provider);
                s.setInt(3, SCANS_KEPT);
                s.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new StorageException("cannot record a scan of " + provider, e);
        }
    }

    public void finishScan(ScanSummary scan) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE github_scans SET finished_at = ?, status = ?, repositories_seen = ?,"
                     + " repositories_matched = ?, repositories_read = ?, locations = ?, requests = ?, not_modified = ?,"
                     + " rate_limit_remaining = ?, rate_limit_reset = ?, blocked_until = ?, errors = ?::jsonb, organizations = ?::jsonb WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(scan.finishedAt()));
            s.setString(2, scan.status());
            s.setInt(3, scan.repositoriesSeen());
            s.setInt(4, scan.repositoriesMatched());
            s.setInt(5, scan.repositoriesRead());
            s.setInt(6, scan.locations());
            s.setLong(7, scan.requests());
            s.setLong(8, scan.notModified());
            s.setObject(9, scan.rateLimitRemaining(), Types.BIGINT);
            s.setTimestamp(10, scan.rateLimitReset() == null ? null : Timestamp.from(scan.rateLimitReset()));
            s.setTimestamp(11, scan.blockedUntil() == null ? null : Timestamp.from(scan.blockedUntil()));
            s.setString(12, json.writeValueAsString(scan.errors()));
            s.setString(13, json.writeValueAsString(scan.organizations()));
            s.setLong(14, scan.id());
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new StorageException("cannot record the end of scan " + scan.id(), e);
        }
    }

    /** The provider's last scans, newest first. */
    public List<ScanSummary> scans(String provider, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, started_at, finished_at, status, repositories_seen, repositories_matched,"
                     + " repositories_read, locations, requests, not_modified, rate_limit_remaining, rate_limit_reset, blocked_until,"
                     + " errors::text, organizations::text FROM github_scans WHERE provider = ? ORDER BY id DESC LIMIT ?")) {
            s.setString(1, provider);
            s.setInt(2, limit);
            List<ScanSummary> scans = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long remaining = rs.getLong(11);
                    Long rateLimitRemaining = rs.wasNull() ? null : remaining;
                    scans.add(new ScanSummary(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getLong(10), rateLimitRemaining,
                            instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), json.readValue(rs.getString(14), STRINGS),
                            json.readValue(rs.getString(15), ORGANIZATIONS)));
                }
            }
            return scans;
        } catch (SQLException | JsonProcessingException e) {
            throw new StorageException("cannot read the scans of " + provider, e);
        }
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
