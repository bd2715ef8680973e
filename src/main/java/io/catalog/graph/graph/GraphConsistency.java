package io.catalog.graph.graph;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.model.Relation;
import io.catalog.graph.model.RelationTypes;
import io.catalog.graph.storage.GraphChangeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the graph with PostgreSQL: entities per kind, distinct relationships per type (the graph's view of the
 * relation rows: both directions of a relation and the same relation declared by both ends count once), and a random
 * sample of relation rows looked up as relationships. Consistent only when nothing is pending and all of it agrees.
 */
@ApplicationScoped
public class GraphConsistency {

    /** Counts on one side. */
    public record Counts(Map<String, Long> kinds, Map<String, Long> relations) {
    }

    /** The answer of {@code GET /api/graph/consistency}; the top-level names are a contract. */
    public record Report(boolean consistent, long pendingChanges, long oldestPendingSeconds, Counts postgres, Counts neo4j) {
    }

    private static final Logger LOG = Logger.getLogger(GraphConsistency.class);
    private static final List<GraphChangeStore.EdgeType> EDGE_TYPES = edgeTypes();

    private final GraphChangeStore store;
    private final Driver driver;
    private final int sampleSize;

    @Inject
    public GraphConsistency(GraphChangeStore store, Driver driver, CatalogConfig config) {
        this(store, driver, config.graph().consistencySample());
    }

    public GraphConsistency(GraphChangeStore store, Driver driver, int sampleSize) {
        this.store = store;
        this.driver = driver;
        this.sampleSize = sampleSize;
    }

    /**
     * Reads both stores now. Auto-commit Neo4j queries, not managed transactions: those retry for the driver's retry
     * time, and a check against an unreachable Neo4j should fail fast.
     *
     * @throws org.neo4j.driver.exceptions.Neo4jException when Neo4j cannot be read
     */
    public Report check() {
        GraphChangeStore.PendingSummary pending = store.summary();
        GraphChangeStore.Shape postgres = store.shape(EDGE_TYPES);
        List<GraphModel.Edge> sample = store.sampleRelations(sampleSize).stream().map(GraphModel::edge).distinct().toList();
        Counts neo4j;
        int missing;
        try (Session session = driver.session()) {
            neo4j = new Counts(count(session, "MATCH (e:Entity) WHERE e.exists = true RETURN e.kind AS key, count(*) AS n"),
                    // distinct per source node, then summed: one DISTINCT over every relationship of a 1M catalog
                    // held millions of rows in memory at once and outlasted any client
                    count(session, "MATCH (s:Entity) CALL (s) { MATCH (s)-[r]->(t:Entity) WITH DISTINCT type(r) AS key, t"
                            + " RETURN key, count(*) AS n } RETURN key, sum(n) AS n"));
            missing = missing(session, sample);
        }
        Counts pg = new Counts(postgres.kinds(), postgres.relationships());
        boolean consistent = pending.count() == 0 && pg.equals(neo4j) && missing == 0;
        if (missing > 0) {
            // the answer's shape is fixed; with equal counts this line is what tells an operator why it is false
            LOG.warnf("graph consistency: %d of %d sampled relations are missing in Neo4j", missing, sample.size());
        }
        return new Report(consistent, pending.count(), pending.oldest().toSeconds(), pg, neo4j);
    }

    private static Map<String, Long> count(Session session, String cypher) {
        Map<String, Long> counts = new TreeMap<>();
        session.run(cypher).forEachRemaining((Record r) -> counts.put(r.get("key").asString(), r.get("n").asLong()));
        return counts;
    }

    private static int missing(Session session, List<GraphModel.Edge> sample) {
        if (sample.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (GraphModel.Edge edge : sample) {
            Map<String, Object> e = new HashMap<>();
            e.put("s", edge.source().toString());
            e.put("type", edge.relationship());
            e.put("t", edge.target().toString());
            edges.add(e);
        }
        long found = session.run("""
                UNWIND $edges AS x
                MATCH (s:Entity {ref: x.s})
                WHERE EXISTS { MATCH (s)-[r]->(t:Entity {ref: x.t}) WHERE type(r) = x.type }
                RETURN count(*) AS n""", Map.of("edges", edges)).single().get("n").asLong();
        return (int) (edges.size() - found);
    }

    private static List<GraphChangeStore.EdgeType> edgeTypes() {
        List<GraphChangeStore.EdgeType> types = new ArrayList<>();
        for (String type : RelationTypes.all()) {
            GraphModel.Step step = GraphModel.step(type);
            types.add(new GraphChangeStore.EdgeType(type, step.relationship(), step.forward()));
        }
        return types;
    }
}
