package io.catalog.graph.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.Hashing;
import io.catalog.graph.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The last complete read of each organisation, per provider ({@code github_organizations}). Replaced only by a
 * complete read or by a webhook's targeted change, never by a failed read.
 */
@ApplicationScoped
public class OrganizationSnapshotStore {

    /** A stored snapshot; {@code digest} changes whenever the snapshot does. */
    public record Stored(String provider, OrganizationSnapshot snapshot, String digest, Instant readAt) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;

    public OrganizationSnapshotStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Stored> load(String provider, String organization) {
        try (Connection c = dataSource.getConnection()) {
            return load(c, provider, organization, false);
        } catch (SQLException e) {
            throw new StorageException("cannot read the snapshot of organisation " + organization, e);
        }
    }

    /** The snapshot of {@code organization} (any case) stored by the first of {@code providers} that has one. */
    public Optional<Stored> find(Collection<String> providers, String organization) {
        for (String provider : providers) {
            Optional<Stored> stored = load(provider, organization);
            if (stored.isPresent()) {
                return stored;
            }
        }
        return Optional.empty();
    }

    /** Stores a complete read; true when it differs from what was stored. */
    @Transactional
    public boolean save(String provider, OrganizationSnapshot snapshot) {
        String organization = snapshot.org().login();
        try (Connection c = dataSource.getConnection()) {
            Optional<Stored> before = load(c, provider, organization, true);
            return write(c, provider, snapshot, before);
        } catch (SQLException e) {
            throw new StorageException("cannot store the snapshot of organisation " + organization, e);
        }
    }

    /**
     * Applies a change to the stored snapshot under a row lock, so two changes (a webhook and a scan) never lose one
     * another. Nothing happens when there is no snapshot yet: the next complete read brings everything.
     *
     * @return whether the snapshot changed
     */
    @Transactional
    public boolean update(String provider, String organization, UnaryOperator<OrganizationSnapshot> change) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Stored> before = load(c, provider, organization, true);
            if (before.isEmpty()) {
                return false;
            }
            return write(c, provider, change.apply(before.get().snapshot()), before);
        } catch (SQLException e) {
            throw new StorageException("cannot change the snapshot of organisation " + organization, e);
        }
    }

    private boolean write(Connection c, String provider, OrganizationSnapshot snapshot, Optional<Stored> before) throws SQLException {
        byte[] body = serialize(snapshot);
        String digest = Hashing.sha256(body);
        if (before.isPresent() && before.get().digest().equals(digest)) {
            try (PreparedStatement s = c.prepareStatement("UPDATE github_organizations SET read_at = now()"
                    + " WHERE provider = ? AND lower(organization) = lower(?)")) {
                s.setString(1, provider);
                s.setString(2, snapshot.org().login());
                s.executeUpdate();
            }
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM github_organizations WHERE provider = ? AND lower(organization) = lower(?)")) {
            s.setString(1, provider);
            s.setString(2, snapshot.org().login());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO github_organizations (provider, organization, snapshot, digest, read_at)"
                + " VALUES (?, ?, ?::jsonb, ?, now())")) {
            s.setString(1, provider);
            s.setString(2, snapshot.org().login());
            s.setString(3, new String(body, java.nio.charset.StandardCharsets.UTF_8));
            s.setString(4, digest);
            s.executeUpdate();
        }
        return true;
    }

    private Optional<Stored> load(Connection c, String provider, String organization, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT snapshot::text, digest, read_at FROM github_organizations"
                + " WHERE provider = ? AND lower(organization) = lower(?)" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, provider);
            s.setString(2, organization);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OrganizationSnapshot snapshot = json.readValue(rs.getString(1), OrganizationSnapshot.class);
                Timestamp readAt = rs.getTimestamp(3);
                return Optional.of(new Stored(provider, snapshot, rs.getString(2), readAt.toInstant()));
            } catch (JsonProcessingException e) {
                throw new SQLException("stored snapshot of " + organization + " is not readable: " + e.getOriginalMessage(), e);
            }
        }
    }

    private byte[] serialize(OrganizationSnapshot snapshot) {
        try {
            return json.writeValueAsBytes(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
