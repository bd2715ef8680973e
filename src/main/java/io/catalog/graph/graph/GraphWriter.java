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
 * leaves the graph as applying it once. Each entity owns the relationships its descriptor declared (those leaving
 * it, and those arriving at it marked {@value GraphModel#DECLARED_BY_TARGET}); applying its change replaces exactly
 * those. A node that only relationships point at is a placeholder ({@code exists: false}); it becomes real when its
 * entity arrives and disappears when nothing points at it any more.
 */
public final class GraphWriter {

    private final Driver driver;
    private final GraphAnswerCache answers;

    public GraphWriter(Driver driver) {
        this(driver, GraphAnswerCache.disabled());
    }

    /** @param answers told after every committed write, so that this instance's answers show it at once */
    public GraphWriter(Driver driver, GraphAnswerCache answers) {
        this.driver = driver;
        this.answers = answers;
    }

    /**
     * Applies the changes in one transaction; for a ref that appears more than once, the last change wins. A change
     * the graph already shows (same fingerprint, or gone and not an entity there) writes nothing: a re-read that
     * changed a description, or a change row applied twice, leaves the graph and its version as they were. Returns
     * how many entities were written.
     */
    public int apply(List<EntityChange> changes) {
        Map<EntityRef, EntityChange> latest = new LinkedHashMap<>();
        changes.forEach(change -> latest.put(change.ref(), change));
        if (latest.isEmpty()) {
            return 0;
        }
        try (var session = driver.session()) {
            int written = session.executeWrite(tx -> {
                Map<String, String> shown = shown(tx, latest.keySet());
                List<EntityChange> needed = latest.values().stream().filter(change -> !shows(shown, change)).toList();
                if (!needed.isEmpty()) {
                    apply(tx, needed, shown.keySet());
                }
                return needed.size();
            });
            if (written > 0) {
                answers.written();
            }
            return written;
        }
    }

    /** Whether the graph already shows {@code change}, given the fingerprint of each entity node it holds. */
    static boolean shows(Map<String, String> shown, EntityChange change) {
        String ref = change.ref().toString();
        return change.exists() ? change.fingerprint().equals(shown.get(ref)) : !shown.containsKey(ref);
    }

    /** The fingerprint of each of these refs that is an entity in the graph ("" for one written before fingerprints). */
    private static Map<String, String> shown(TransactionContext tx, Set<EntityRef> refs) {
        Map<String, String> shown = new HashMap<>();
        tx.run("""
                UNWIND $refs AS ref
                MATCH (e:Entity {ref: ref})
                WHERE e.exists
                RETURN e.ref AS ref, coalesce(e.fingerprint, '') AS fingerprint""",
                Map.of("refs", refs.stream().map(EntityRef::toString).toList()))
                .forEachRemaining(row -> shown.put(row.get("ref").asString(), row.get("fingerprint").asString()));
        return shown;
    }

    /** Removes every entity node and relationship (the schema stays), in batches: the first step of a rebuild. */
    public void clear() {
        try (var session = driver.session()) {
            session.run("MATCH (e:" + GraphModel.ENTITY_LABEL + ") CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS").consume();
            // the batches commit on their own; an answer kept while they ran is of a half-empty graph
            session.executeWriteWithoutResult(GraphVersion::bump);
        } finally {
            answers.written(); // batches may have committed before a failure
        }
    }

    /** @param entityNodes the refs of these changes that are entity nodes now: only those have declared anything */
    private static void apply(TransactionContext tx, Iterable<EntityChange> changes, Set<String> entityNodes) {
        List<String> declaredBefore = new ArrayList<>();
        changes.forEach(change -> {
            if (entityNodes.contains(change.ref().toString())) {
                declaredBefore.add(change.ref().toString());
            }
        });

        // 1. the relationships these entities declared before go; their far ends may be left as bare placeholders.
        //    Only an entity node has declared any (going, an entity's declared relationships go with it), so new
        //    entities, most of a first load, skip this walk over every relationship of their node. A relationship
        //    written before graph-schema V2 names its declaring entity in origin instead: read so until V2 has
        //    rewritten it (V2 runs beside the projector) or while a replica of an older version still writes.
        Set<String> orphanable = new LinkedHashSet<>();
        if (!declaredBefore.isEmpty()) {
            tx.run("""
                    UNWIND $refs AS ref
                    MATCH (e:Entity {ref: ref})
                    CALL (e) {
                      MATCH (e)-[r]->(other) WHERE r.%1$s IS NULL AND coalesce(r.origin, e.ref) = e.ref DELETE r RETURN other
                      UNION ALL
                      MATCH (e)<-[r]-(other) WHERE r.%1$s OR r.origin = e.ref DELETE r RETURN other
                    }
                    RETURN DISTINCT other.ref AS other""".formatted(GraphModel.DECLARED_BY_TARGET), Map.of("refs", declaredBefore))
                    .forEachRemaining(row -> orphanable.add(row.get("other").asString()));
        }

        // 2. nodes: present entities get their kind label and properties, gone ones become placeholders
        Map<String, List<Map<String, Object>>> presentByLabel = new HashMap<>();
        List<String> gone = new ArrayList<>();
        // per relationship type and direction, per declaring entity: the far ends of what it declares
        Map<String, List<Map<String, Object>>> declared = new HashMap<>();
        for (EntityChange change : changes) {
            String self = change.ref().toString();
            if (!change.exists()) {
                gone.add(self);
                continue;
            }
            String label = GraphModel.kindLabel(change.ref().kind()).orElse(GraphModel.ENTITY_LABEL);
            Map<String, Object> node = node(change.ref());
            node.put("title", change.title());
            node.put("fingerprint", change.fingerprint());
            presentByLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(node);
            Map<String, List<Map<String, Object>>> ends = new HashMap<>();
            Set<GraphModel.Edge> edges = new LinkedHashSet<>();
            change.relations().forEach(relation -> edges.add(GraphModel.edge(relation)));
            for (GraphModel.Edge edge : edges) {
                boolean outgoing = edge.source().equals(change.ref());
                if (!outgoing && !edge.target().equals(change.ref())) {
                    continue; // never happens: the catalog derives each relation an entity declares from that entity
                }
                ends.computeIfAbsent(edge.relationship() + (outgoing ? ">" : "<"), k -> new ArrayList<>())
                        .add(node(outgoing ? edge.target() : edge.source()));
            }
            ends.forEach((key, far) -> declared.computeIfAbsent(key, k -> new ArrayList<>()).add(Map.of("ref", self, "ends", far)));
        }
        presentByLabel.forEach((label, nodes) -> tx.run("""
                UNWIND $nodes AS n
                MERGE (e:Entity {ref: n.ref})
                SET e:%s, e.kind = n.kind, e.namespace = n.namespace, e.name = n.name, e.title = n.title, e.exists = true,
                    e.fingerprint = n.fingerprint
                """.formatted(label), Map.of("nodes", nodes)).consume());
        if (!gone.isEmpty()) {
            // a placeholder carries only the Entity label, whether it was never an entity or no longer is one: the
            // graph then depends on the current state alone, and a rebuild gives exactly what changes applied gave
            tx.run("UNWIND $refs AS ref MATCH (e:Entity {ref: ref}) SET e.exists = false, e.title = null, e.fingerprint = null REMOVE e:"
                    + String.join(":", GraphModel.kindLabels()), Map.of("refs", gone)).consume();
            orphanable.addAll(gone);
        }

        // 3. the relationships they declare now, from each declaring entity (found once) to its far ends, a far end
        //    not in the graph yet becoming a placeholder on the way
        declared.forEach((key, entities) -> {
            String type = key.substring(0, key.length() - 1);
            // a relationship its start node declared carries no property: most do, and a property on each of them was
            // a fifth of Neo4j's work in a first load
            String arrow = key.endsWith(">") ? "(e)-[:%s]->(o)" : "(o)-[:%s {" + GraphModel.DECLARED_BY_TARGET + ": true}]->(e)";
            tx.run("""
                    UNWIND $entities AS n
                    MATCH (e:Entity {ref: n.ref})
                    UNWIND n.ends AS end
                    MERGE (o:Entity {ref: end.ref})
                      ON CREATE SET o.kind = end.kind, o.namespace = end.namespace, o.name = end.name, o.exists = false
                    CREATE %s
                    """.formatted(arrow.formatted(type)), Map.of("entities", entities)).consume();
        });

        // 4. placeholders nothing points at any more are gone for good
        if (!orphanable.isEmpty()) {
            tx.run("""
                    UNWIND $refs AS ref
                    MATCH (e:Entity {ref: ref})
                    WHERE e.exists = false AND NOT (e)--()
                    DELETE e""", Map.of("refs", List.copyOf(orphanable))).consume();
        }
        GraphVersion.bump(tx);
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
