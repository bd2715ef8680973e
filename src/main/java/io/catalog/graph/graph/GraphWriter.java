package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies entity changes to Neo4j, a batch per transaction, with {@code UNWIND}. Idempotent: a change applied twice
 * leaves the graph as applying it once. Each entity owns the relationships its descriptor declared
 * ({@code origin}); applying its change replaces exactly those. A node that only relationships point at is a
 * placeholder ({@code exists: false}); it becomes real when its entity arrives and disappears when nothing points
 * at it any more.
 */
public final class GraphWriter {

    private final Driver driver;

    public GraphWriter(Driver driver) {
        this.driver = driver;
    }

    /** Applies the changes in one transaction; for a ref that appears more than once, the last change wins. */
    public void apply(List<EntityChange> changes) {
        Map<EntityRef, EntityChange> latest = new LinkedHashMap<>();
        changes.forEach(change -> latest.put(change.ref(), change));
        if (latest.isEmpty()) {
            return;
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> apply(tx, latest.values()));
        }
    }

    /** Removes every entity node and relationship (the schema stays), in batches: the first step of a rebuild. */
    public void clear() {
        try (var session = driver.session()) {
            session.run("MATCH (e:" + GraphModel.ENTITY_LABEL + ") CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
    }

    private static void apply(TransactionContext tx, Iterable<EntityChange> changes) {
        List<String> refs = new ArrayList<>();
        changes.forEach(change -> refs.add(change.ref().toString()));

        // 1. the relationships these entities declared before go; their far ends may be left as bare placeholders
        Set<String> touched = new LinkedHashSet<>(refs);
        tx.run("""
                UNWIND $refs AS ref
                MATCH (e:Entity {ref: ref})-[r]-(other)
                WHERE r.origin = ref
                DELETE r
                RETURN DISTINCT other.ref AS other""", Map.of("refs", refs))
                .forEachRemaining(row -> touched.add(row.get("other").asString()));

        // 2. nodes: present entities get their kind label and properties, gone ones become placeholders
        Map<String, List<Map<String, Object>>> presentByLabel = new HashMap<>();
        List<String> gone = new ArrayList<>();
        Map<String, List<Map<String, Object>>> edgesByType = new HashMap<>();
        for (EntityChange change : changes) {
            if (!change.exists()) {
                gone.add(change.ref().toString());
                continue;
            }
            String label = GraphModel.kindLabel(change.ref().kind()).orElse(GraphModel.ENTITY_LABEL);
            Map<String, Object> node = node(change.ref());
            node.put("title", change.title());
            presentByLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(node);
            Set<GraphModel.Edge> edges = new LinkedHashSet<>();
            change.relations().forEach(relation -> edges.add(GraphModel.edge(relation)));
            for (GraphModel.Edge edge : edges) {
                edgesByType.computeIfAbsent(edge.relationship(), t -> new ArrayList<>()).add(Map.of(
                        "source", node(edge.source()), "target", node(edge.target()), "origin", change.ref().toString()));
            }
        }
        presentByLabel.forEach((label, nodes) -> tx.run("""
                UNWIND $nodes AS n
                MERGE (e:Entity {ref: n.ref})
                SET e:%s, e.kind = n.kind, e.namespace = n.namespace, e.name = n.name, e.title = n.title, e.exists = true
                """.formatted(label), Map.of("nodes", nodes)).consume());
        if (!gone.isEmpty()) {
            // a placeholder carries only the Entity label, whether it was never an entity or no longer is one: the
            // graph then depends on the current state alone, and a rebuild gives exactly what changes applied gave
            tx.run("UNWIND $refs AS ref MATCH (e:Entity {ref: ref}) SET e.exists = false, e.title = null REMOVE e:"
                    + String.join(":", GraphModel.kindLabels()), Map.of("refs", gone)).consume();
        }

        // 3. the relationships they declare now: first every end not in the graph yet, as a placeholder (one MERGE per
        //    distinct ref, not two per relationship), then the relationships between ends that now all exist
        Map<String, Map<String, Object>> ends = new HashMap<>();
        edgesByType.values().forEach(edges -> edges.forEach(edge -> {
            for (String end : List.of("source", "target")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> node = (Map<String, Object>) edge.get(end);
                ends.putIfAbsent((String) node.get("ref"), node);
            }
        }));
        if (!ends.isEmpty()) {
            tx.run("""
                    UNWIND $nodes AS n
                    MERGE (e:Entity {ref: n.ref})
                      ON CREATE SET e.kind = n.kind, e.namespace = n.namespace, e.name = n.name, e.exists = false
                    """, Map.of("nodes", List.copyOf(ends.values()))).consume();
        }
        edgesByType.forEach((type, edges) -> tx.run("""
                UNWIND $edges AS x
                MATCH (s:Entity {ref: x.source.ref})
                MATCH (t:Entity {ref: x.target.ref})
                CREATE (s)-[:%s {origin: x.origin}]->(t)
                """.formatted(type), Map.of("edges", edges)).consume());

        // 4. placeholders nothing points at any more are gone for good
        tx.run("""
                UNWIND $refs AS ref
                MATCH (e:Entity {ref: ref})
                WHERE e.exists = false AND NOT (e)--()
                DELETE e""", Map.of("refs", List.copyOf(touched))).consume();
    }

    private static Map<String, Object> node(EntityRef ref) {
        Map<String, Object> node = new HashMap<>();
        node.put("ref", ref.toString());
        node.put("kind", ref.kind());
        node.put("namespace", ref.namespace());
        node.put("name", ref.name());
        return node;
    }
}
