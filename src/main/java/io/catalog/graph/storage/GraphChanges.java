package io.catalog.graph.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Writes the graph outbox ({@code graph_changes}) on the caller's connection, so a change row commits or rolls back
 * with the entity change it describes. Each write is one statement however many refs it carries: a first load of a
 * 10,000-entity file adds one round trip, not 10,000.
 */
@ApplicationScoped
public class GraphChanges {

    private final Event<EntitiesChanged> changed;

    public GraphChanges(Event<EntitiesChanged> changed) {
        this.changed = changed;
    }

    /** Records that these entity refs changed (created, given new content, or deleted). */
    public void record(Connection c, Collection<String> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO graph_changes (entity_ref) SELECT unnest(?::text[])")) {
            s.setArray(1, c.createArrayOf("text", refs.toArray()));
            notify(s.executeUpdate());
        }
    }

    /** Records the refs of these entity rows; called before the rows are deleted, while their refs can be read. */
    public void recordRows(Connection c, Collection<UUID> entityIds) throws SQLException {
        if (entityIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO graph_changes (entity_ref) SELECT entity_ref FROM entities WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", entityIds.toArray()));
            notify(s.executeUpdate());
        }
    }

    private void notify(int rows) {
        if (rows > 0) {
            // inside a transaction, transactional observers hear this only once it commits
            changed.fire(new EntitiesChanged(rows));
        }
    }
}
