package io.catalog.graph.github;

import io.catalog.graph.processing.RereadRequested;
import io.catalog.graph.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Descriptors as a scan read them ({@link DescriptorLookup}), by blob URL ({@code github_descriptor_texts}): the
 * refresh loop reads a discovered descriptor from here, at no cost to the rate limit, for as long as its repository
 * is unchanged. Each read of a repository replaces the repository's rows; a push naming a file, or a refresh asked
 * for by hand, empties its row, so the next read of that file asks GitHub. A row emptied after a scan's query started
 * is not filled by that query's (older) answer.
 */
@ApplicationScoped
public class DescriptorTexts {

    /** One descriptor's text as read from GitHub; {@code repository} is its repository's key. */
    record Text(String url, String repository, String oid, byte[] body) {
    }

    private final DataSource dataSource;

    public DescriptorTexts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The text of the descriptor at {@code url}, if the last read of its repository gave it. */
    public Optional<byte[]> body(String url) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT body FROM github_descriptor_texts WHERE url = ? AND body IS NOT NULL")) {
            s.setString(1, url);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty(); // read from GitHub instead
        }
    }

    /** The database's clock, which every replica shares: when a query starts, for {@link #replace}. */
    Instant now() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT clock_timestamp()");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new StorageException("cannot read the database's clock", e);
        }
    }

    /**
     * The repositories were read again by a query that started at {@code queried}: their texts are now {@code texts}
     * (none for a repository not named there), except where a row was emptied since.
     */
    void replace(String provider, Collection<String> repositories, Collection<Text> texts, Instant queried) {
        if (repositories.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(queried);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM github_descriptor_texts"
                    + " WHERE provider = ? AND repo_key = ANY (?) AND read_at < ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO github_descriptor_texts (url, provider, repo_key, oid, body, read_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET provider = EXCLUDED.provider,"
                         + " repo_key = EXCLUDED.repo_key, oid = EXCLUDED.oid, body = EXCLUDED.body, read_at = EXCLUDED.read_at"
                         + " WHERE github_descriptor_texts.read_at < EXCLUDED.read_at")) {
                delete.setString(1, provider);
                delete.setArray(2, c.createArrayOf("text", repositories.toArray()));
                delete.setTimestamp(3, at);
                delete.executeUpdate();
                for (Text text : texts) {
                    insert.setString(1, text.url());
                    insert.setString(2, provider);
                    insert.setString(3, text.repository());
                    insert.setString(4, text.oid());
                    insert.setBytes(5, text.body());
                    insert.setTimestamp(6, at);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store the descriptors read for " + provider, e);
        }
    }

    /** Files of the repository changed: their next read asks GitHub, whatever a scan that started before reads. */
    public void forget(String provider, String repository, Collection<String> urls) {
        if (urls.isEmpty()) {
            return;
        }
        update("INSERT INTO github_descriptor_texts (url, provider, repo_key) SELECT u, ?, ? FROM unnest(?::text[]) u"
                + " ON CONFLICT (url) DO UPDATE SET oid = NULL, body = NULL, read_at = clock_timestamp()", provider, repository, urls);
    }

    /** A refresh of the location was asked for by hand: its descriptor is read from GitHub. */
    void reread(@Observes RereadRequested requested) {
        update("UPDATE github_descriptor_texts SET oid = NULL, body = NULL, read_at = clock_timestamp() WHERE url = ANY (?)",
                null, null, List.of(requested.target()));
    }

    /** The repositories left the catalog, or were read again without a text to keep. */
    public void forgetRepositories(String provider, Collection<String> repositories) {
        if (repositories.isEmpty()) {
            return;
        }
        update("DELETE FROM github_descriptor_texts WHERE provider = ? AND repo_key = ANY (?)", provider, null, repositories);
    }

    private void update(String sql, String provider, String repository, Collection<String> values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (provider != null) {
                s.setString(i++, provider);
            }
            if (repository != null) {
                s.setString(i++, repository);
            }
            s.setArray(i, c.createArrayOf("text", values.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot forget descriptors read from GitHub", e);
        }
    }
}
