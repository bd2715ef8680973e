package io.catalog.graph.graph;

import io.catalog.graph.graph.GraphQueries.Reached;
import io.catalog.graph.graph.GraphQueries.Walk;
import io.catalog.graph.model.RelationTypes;
import org.neo4j.driver.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Breadth-first walks of the graph, one Cypher query per level inside the caller's read transaction: the frontier
 * goes in as a parameter, the relationship patterns come from {@link GraphModel#step} (never from request text), so
 * an item's {@code depth} is its shortest distance from the root and its {@code path} one shortest path (at each
 * level, through the predecessor with the smallest ref, so answers are stable). Parallel relationships (the same
 * relation declared by both ends) are one hop. A walk is bounded by depth and by the number of items, and says when a
 * bound cut it.
 *
 * <p>Tried and dropped (#7): the whole walk as one query ({@code SHORTEST 1} over a quantified path pattern, with
 * each node's predecessors collected so the path stays the smallest-ref one) was 5–7 times slower than a query per
 * level at 10k entities on Neo4j 5.26.
 */
final class GraphWalk {

    /** One relationship followed from {@code from} to {@code to}, and the node it reached. */
    record Hop(String from, String to, String relationship, boolean forward, String kind, String title, boolean exists) {

        /** The catalog relation type walked, from {@code from} to {@code to}. */
        String walkedType() {
            String type = GraphModel.relationType(relationship);
            return forward ? type : RelationTypes.inverse(type);
        }

        /** The relation as stored: source and target of the relationship, with the forward catalog type. */
        GraphQueries.Edge stored() {
            String type = GraphModel.relationType(relationship);
            return forward ? new GraphQueries.Edge(from, type, to) : new GraphQueries.Edge(to, type, from);
        }
    }

    /** What a level-by-level walk tells its caller as it goes. */
    interface Observer {
        /** A node reached for the first time, by this hop; true stops the walk. */
        boolean reached(Hop hop);

        /** Any hop followed, including to nodes reached before (and those the last, unbounded look finds). */
        default void seen(Hop hop) {
        }
    }

    private final Map<List<GraphModel.Step>, String> expansions = new ConcurrentHashMap<>();

    /** The steps for catalog relation types, validated by the model (an unknown type is an IllegalArgumentException). */
    static List<GraphModel.Step> steps(List<String> relationTypes) {
        if (relationTypes.isEmpty()) {
            throw new IllegalArgumentException("At least one relation type is needed; known types are " + RelationTypes.all());
        }
        return relationTypes.stream().map(GraphModel::step).distinct()
                .sorted(Comparator.comparing(GraphModel.Step::relationship).thenComparing(GraphModel.Step::forward)).toList();
    }

    /**
     * Breadth-first from {@code root}, one query per level: level {@code d} follows {@code stepsAt.apply(d)} from the
     * nodes first reached at level {@code d - 1}. Stops after {@code maxDepth} levels or {@code limit} items;
     * {@code truncated} when either bound left a reachable node out (one more expansion past the last level tells).
     */
    Walk levels(Transaction tx, String root, IntFunction<List<GraphModel.Step>> stepsAt, int maxDepth, int limit,
                Observer observer) {
        Map<String, Reached> reached = new LinkedHashMap<>();
        Set<String> visited = new LinkedHashSet<>();
        visited.add(root);
        List<String> frontier = List.of(root);
        boolean truncated = false;
        boolean stopped = false;
        for (int level = 1; level <= maxDepth && !frontier.isEmpty() && !truncated && !stopped; level++) {
            List<String> next = new ArrayList<>();
            for (Hop hop : expand(tx, frontier, stepsAt.apply(level))) {
                if (observer != null) {
                    observer.seen(hop);
                }
                if (visited.contains(hop.to())) {
                    continue;
                }
                if (reached.size() >= limit) {
                    truncated = true;
                    break;
                }
                visited.add(hop.to());
                List<String> path = new ArrayList<>(hop.from().equals(root) ? List.of(root) : reached.get(hop.from()).path());
                path.add(hop.to());
                reached.put(hop.to(), new Reached(hop.to(), hop.kind(), level, List.copyOf(path), hop.exists()));
                next.add(hop.to());
                if (observer != null && observer.reached(hop)) {
                    stopped = true;
                    break;
                }
            }
            frontier = next;
        }
        if (!truncated && !stopped && !frontier.isEmpty()) {
            for (Hop hop : expand(tx, frontier, stepsAt.apply(maxDepth + 1))) {
                if (observer != null) {
                    observer.seen(hop);
                }
                truncated |= !visited.contains(hop.to());
            }
        }
        return new Walk(root, List.copyOf(reached.values()), truncated);
    }

    /** One level: every relationship along {@code steps} from the frontier, one row per (from, to, type, direction). */
    private List<Hop> expand(Transaction tx, List<String> frontier, List<GraphModel.Step> steps) {
        List<Hop> hops = new ArrayList<>();
        tx.run(expansion(steps), Map.of("refs", frontier)).forEachRemaining(row -> hops.add(new Hop(
                row.get("from").asString(), row.get("to").asString(), row.get("rel").asString(), row.get("forward").asBoolean(),
                row.get("kind").asString(null), row.get("title").asString(null), row.get("exists").asBoolean(false))));
        return hops;
    }

    /** The Cypher of one level for a set of steps, built from the model's relationship names only. */
    private String expansion(List<GraphModel.Step> steps) {
        return expansions.computeIfAbsent(steps, s -> {
            List<String> branches = new ArrayList<>();
            String forward = String.join("|", s.stream().filter(GraphModel.Step::forward).map(GraphModel.Step::relationship).toList());
            String backward = String.join("|", s.stream().filter(st -> !st.forward()).map(GraphModel.Step::relationship).toList());
            if (!forward.isEmpty()) {
                branches.add("MATCH (a)-[r:" + forward + "]->(b) RETURN b, type(r) AS rel, true AS forward");
            }
            if (!backward.isEmpty()) {
                branches.add("MATCH (a)<-[r:" + backward + "]-(b) RETURN b, type(r) AS rel, false AS forward");
            }
            return """
                    UNWIND $refs AS ref
                    MATCH (a:Entity {ref: ref})
                    CALL (a) {
                      %s
                    }
                    RETURN DISTINCT a.ref AS from, b.ref AS to, rel, forward, b.kind AS kind, b.title AS title, b.exists AS exists
                    ORDER BY to, from, rel, forward""".formatted(String.join("\n  UNION\n  ", branches));
        });
    }
}
