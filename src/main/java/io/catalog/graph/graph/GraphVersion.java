package io.catalog.graph.graph;

import org.neo4j.driver.SimpleQueryRunner;

/**
 * A counter kept in the graph itself, {@code (:GraphState {key: 'graph'}).version}, raised in the same transaction as
 * every write to the graph. An answer computed when the counter read {@code v} is the answer for as long as it still
 * reads {@code v}, on every replica, whichever replica's projector wrote: that is what lets answers be reused
 * ({@link GraphAnswerCache}) without any replica telling the others.
 */
final class GraphVersion {

    static final String LABEL = "GraphState";

    private GraphVersion() {
    }

    /** Raises the version; call inside the transaction that changes the graph. */
    static void bump(SimpleQueryRunner tx) {
        tx.run("MERGE (s:" + LABEL + " {key: 'graph'}) SET s.version = coalesce(s.version, 0) + 1").consume();
    }

    /** The current version; 0 for a graph never written. */
    static long read(SimpleQueryRunner tx) {
        return tx.run("OPTIONAL MATCH (s:" + LABEL + " {key: 'graph'}) RETURN s.version AS version").single()
                .get("version").asLong(0);
    }
}
