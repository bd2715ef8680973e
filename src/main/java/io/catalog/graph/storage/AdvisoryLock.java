package io.catalog.graph.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session-level advisory lock, held on its own connection until closed (or until that connection dies):
 * one holder among all replicas (the graph projector, the scan of a GitHub provider). A session lock, not a
 * transaction's, so it spans long work without a transaction open across it.
 */
public final class AdvisoryLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The key of {@code name} in a space of keys of one kind (the high 32 bits). */
    public static long key(int space, String name) {
        return ((long) space << 32) | (name.hashCode() & 0xffffffffL);
    }

    /** Takes the lock if nobody holds it; empty when someone does. {@code what} names it in an error. */
    public static Optional<AdvisoryLock> tryTake(DataSource dataSource, long key, String what) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        AdvisoryLock lock = new AdvisoryLock(c, key);
                        c = null;
                        return Optional.of(lock);
                    }
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot take " + what, e);
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // nothing was held on it
                }
            }
        }
    }

    @Override
    public void close() {
        try (Connection c = connection; PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        } catch (SQLException e) {
            // the connection is closed either way, and a session lock ends with its session
        }
    }
}
