package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Entities read from an open server-side cursor as the caller iterates ({@link EntityReader#stream}); holds a
 * connection in a read-only transaction until closed. Failures while reading are {@link StorageException}s.
 */
public final class EntityCursor implements Iterator<ObjectNode>, AutoCloseable {

    /** Turns the current row into an entity. */
    interface RowReader {
        ObjectNode read(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowReader reader;
    private Boolean ahead;

    EntityCursor(Connection connection, PreparedStatement statement, ResultSet rows, RowReader reader) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.reader = reader;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            try {
                ahead = rows.next();
            } catch (SQLException e) {
                throw new StorageException("cannot read the next entity", e);
            }
        }
        return ahead;
    }

    @Override
    public ObjectNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = null;
        try {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new StorageException("cannot read the next entity", e);
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            // the connection goes back below either way
        }
        release(connection);
    }

    /** Ends the cursor's transaction and gives the connection back as the pool lent it. */
    static void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool finds out and drops it
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing more to do
            }
        }
    }
}
