package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.RelationTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The questions the graph answers: what an entity depends on, what depends on it, who owns it, what a group owns,
 * which groups a user is in, how two entities are connected, what lies around an entity.
 *
 * <p>Every walk is a breadth-first expansion, one Cypher query per level inside one read transaction: the frontier
 * goes in as a parameter, the relationship patterns come from {@link GraphModel#step} (never from request text), so
 * an item's {@code depth} is its shortest distance from the root and its {@code path} one shortest path (at each
 * level, through the predecessor with the smallest ref, so answers are stable). Parallel relationships (the same
 * relation declared by both ends) are one hop. Walks are bounded by depth and by the number of items, and say when a
 * bound cut them; every transaction carries a server-side timeout ({@code catalog.limits.graph-timeout}).
 */
@ApplicationScoped
public class GraphQueries {

    /** The deepest walk any query makes. */
    public static final int MAX_DEPTH = 10;
    /** How many entities a shortest-path search visits before it gives up. */
    public static final int MAX_PATH_SEARCH = 100_000;

    public static final List<String> DEPENDENCY_RELATIONS =
            List.of(RelationTypes.DEPENDS_ON, RelationTypes.CONSUMES_API, RelationTypes.API_PROVIDED_BY);

    /** An entity a walk reached: {@code depth} hops away at the least, along {@code path} (root first, itself last). */
    public record Reached(String entityRef, String kind, int depth, List<String> path, boolean exists) {
    }

    public record Walk(String root, List<Reached> items, boolean truncated) {
    }

    public record Owner(String entityRef, List<String> chain) {
    }

    public record Ownership(String entity, List<Owner> owners) {
    }

    public record OwnedItem(String entityRef, String kind, String via) {
    }

    public record Owned(List<OwnedItem> items, boolean truncated) {
    }

    /** A relation between two entities: {@code source type target}, in catalog terms. */
    public record Edge(String source, String type, String target) {
    }

    public record Route(List<String> path, List<Edge> edges) {
    }

    public record Node(String entityRef, String kind, String title, boolean exists) {
    }

    public record Neighbourhood(List<Node> nodes, List<Edge> edges, boolean truncated) {
    }

    /** The dependents of the root that one owner (null: no owner) owns, with that owner's parent chain. */
    public record OwnerDependents(String owner, List<String> chain, List<Reached> entities) {
    }

    public record BlastRadius(String root, int total, List<OwnerDependents> byOwner, boolean truncated) {
    }

    /** The query ran longer than its timeout and the server stopped it. */
    public static class TimedOutException extends RuntimeException {
        TimedOutException(Throwable cause) {
            super("The graph query ran longer than its timeout (catalog.limits.graph-timeout) and was stopped;"
                    + " narrow it (depth, relations) or try again", cause);
        }
    }

    /** One relationship followed from {@code from} to {@code to}, and the node it reached. */
    private record Hop(String from, String to, String relationship, boolean forward, String kind, String title, boolean exists) {

        /** The catalog relation type walked, from {@code from} to {@code to}. */
        String walkedType() {
            String type = GraphModel.relationType(relationship);
            return forward ? type : RelationTypes.inverse(type);
        }

        /** The relation as stored: source and target of the relationship, with the forward catalog type. */
        Edge stored() {
            String type = GraphModel.relationType(relationship);
            return forward ? new Edge(from, type, to) : new Edge(to, type, from);
        }
    }

    private record RootNode(String kind, String title, boolean exists) {
    }

    private final Driver driver;
    private final TransactionConfig transactionConfig;
    private final Map<List<GraphModel.Step>, String> expansions = new ConcurrentHashMap<>();

    @Inject
    public GraphQueries(Driver driver, @ConfigProperty(name = "catalog.limits.graph-timeout") Duration timeout) {
        this.driver = driver;
        this.transactionConfig = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /** Every catalog relation type, both directions: what {@link #path} and {@link #neighbourhood} follow by default. */
    public static List<String> allRelations() {
        return List.copyOf(RelationTypes.all());
    }

    /** The inverse of each type: the walk back along the same relationships. */
    public static List<String> inverses(List<String> relationTypes) {
        return relationTypes.stream().map(RelationTypes::inverse).distinct().toList();
    }

    /** Everything reached from {@code root} following {@code relationTypes}; empty when the root is not an entity. */
    public Optional<Walk> dependencies(EntityRef root, List<String> relationTypes, int depth, int limit) {
        List<GraphModel.Step> steps = steps(relationTypes);
        return read(tx -> root(tx, root).map(node -> walk(tx, root.toString(), level -> steps, depth, limit, null)));
    }

    /** What reaches {@code root} along {@code relationTypes}: the walk along their inverses. */
    public Optional<Walk> dependents(EntityRef root, List<String> relationTypes, int depth, int limit) {
        return dependencies(root, inverses(relationTypes), depth, limit);
    }

    /** The groups a user is a member of (depth 1), and their parent groups (depth 2, 3, …). */
    public Optional<Walk> groups(EntityRef user, int depth, int limit) {
        List<GraphModel.Step> member = steps(List.of(RelationTypes.MEMBER_OF));
        List<GraphModel.Step> parent = steps(List.of(RelationTypes.CHILD_OF));
        return read(tx -> root(tx, user).map(node -> walk(tx, user.toString(), level -> level == 1 ? member : parent, depth, limit, null)));
    }

    /** The entity's owners, each with its chain of parent groups up to the top (stopped by a cycle or after 10). */
    public Optional<Ownership> ownership(EntityRef entity) {
        return read(tx -> root(tx, entity).map(node -> {
            List<String> owners = owners(tx, List.of(entity.toString())).getOrDefault(entity.toString(), List.of());
            Map<String, List<String>> chains = chains(tx, owners);
            return new Ownership(entity.toString(), owners.stream().map(o -> new Owner(o, chains.get(o))).toList());
        }));
    }

    /**
     * Everything owned by the group or by a group below it (parentOf, up to {@link #MAX_DEPTH} levels), once each,
     * {@code via} the owning group nearest to the root group; ordered by ref.
     */
    public Optional<Owned> owned(EntityRef group, int limit) {
        List<GraphModel.Step> children = steps(List.of(RelationTypes.PARENT_OF));
        return read(tx -> root(tx, group).map(node -> {
            Walk subtree = walk(tx, group.toString(), level -> children, MAX_DEPTH, MAX_PATH_SEARCH, null);
            List<String> groups = new ArrayList<>();
            groups.add(group.toString());
            subtree.items().forEach(item -> groups.add(item.entityRef()));
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                rank.put(groups.get(i), i);
            }
            Map<String, OwnedItem> owned = new TreeMap<>();
            tx.run("""
                    UNWIND $groups AS g
                    MATCH (o:Entity {ref: g})<-[:%s]-(e:Entity)
                    RETURN DISTINCT e.ref AS ref, e.kind AS kind, g AS via""".formatted(relationship(RelationTypes.OWNED_BY)),
                    Map.of("groups", groups)).forEachRemaining(row -> {
                OwnedItem item = new OwnedItem(row.get("ref").asString(), row.get("kind").asString(null), row.get("via").asString());
                owned.merge(item.entityRef(), item, (a, b) -> rank.get(a.via()) <= rank.get(b.via()) ? a : b);
            });
            List<OwnedItem> items = new ArrayList<>(owned.values());
            boolean truncated = subtree.truncated() || items.size() > limit;
            return new Owned(truncated && items.size() > limit ? List.copyOf(items.subList(0, limit)) : items, truncated);
        }));
    }

    /**
     * The dependents of {@code root} (as {@link #dependents}), grouped by owner: owners ordered by ref, the dependents
     * without an owner last (owner null); an entity with two owners appears under both.
     */
    public Optional<BlastRadius> blastRadius(EntityRef root, List<String> relationTypes, int depth, int limit) {
        List<GraphModel.Step> steps = steps(inverses(relationTypes));
        return read(tx -> root(tx, root).map(node -> {
            Walk walk = walk(tx, root.toString(), level -> steps, depth, limit, null);
            Map<String, List<String>> owners = owners(tx, walk.items().stream().map(Reached::entityRef).toList());
            Map<String, List<Reached>> byOwner = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
            for (Reached item : walk.items()) {
                List<String> its = owners.getOrDefault(item.entityRef(), List.of());
                if (its.isEmpty()) {
                    byOwner.computeIfAbsent(null, o -> new ArrayList<>()).add(item);
                }
                its.forEach(owner -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(item));
            }
            Map<String, List<String>> chains = chains(tx, byOwner.keySet().stream().filter(o -> o != null).toList());
            List<OwnerDependents> groups = new ArrayList<>();
            byOwner.forEach((owner, items) -> groups.add(new OwnerDependents(owner, owner == null ? null : chains.get(owner), items)));
            return new BlastRadius(root.toString(), walk.items().size(), groups, walk.truncated());
        }));
    }

    /**
     * One shortest path from {@code from} to {@code to} along {@code relationTypes} (each in the direction it names),
     * at most {@link #MAX_DEPTH} hops; empty when either end is not an entity or no such path exists.
     */
    public Optional<Route> path(EntityRef from, EntityRef to, List<String> relationTypes) {
        List<GraphModel.Step> steps = steps(relationTypes);
        return read(tx -> {
            if (root(tx, from).isEmpty() || root(tx, to).isEmpty()) {
                return Optional.empty();
            }
            Map<String, Hop> reachedBy = new HashMap<>();
            if (from.equals(to)) {
                return Optional.of(new Route(List.of(from.toString()), List.of()));
            }
            walk(tx, from.toString(), level -> steps, MAX_DEPTH, MAX_PATH_SEARCH, new WalkObserver() {
                @Override
                public boolean reached(Hop hop) {
                    reachedBy.put(hop.to(), hop);
                    return hop.to().equals(to.toString());
                }
            });
            if (!reachedBy.containsKey(to.toString())) {
                return Optional.empty();
            }
            List<Edge> edges = new ArrayList<>();
            for (Hop hop = reachedBy.get(to.toString()); hop != null; hop = reachedBy.get(hop.from())) {
                edges.add(0, new Edge(hop.from(), hop.walkedType(), hop.to()));
            }
            List<String> path = new ArrayList<>();
            path.add(from.toString());
            edges.forEach(edge -> path.add(edge.target()));
            return Optional.of(new Route(path, edges));
        });
    }

    /**
     * The entities within {@code depth} hops of the root along {@code relationTypes} (the root first, then by
     * distance and ref), and every relation among them, as stored (forward type), once each.
     */
    public Optional<Neighbourhood> neighbourhood(EntityRef root, List<String> relationTypes, int depth, int limit) {
        List<GraphModel.Step> steps = steps(relationTypes);
        return read(tx -> root(tx, root).map(node -> {
            Set<Edge> edges = new LinkedHashSet<>();
            Map<String, Hop> nodes = new HashMap<>();
            Walk walk = walk(tx, root.toString(), level -> steps, depth, limit, new WalkObserver() {
                @Override
                public boolean reached(Hop hop) {
                    nodes.put(hop.to(), hop);
                    return false;
                }

                @Override
                public void seen(Hop hop) {
                    edges.add(hop.stored());
                }
            });
            Set<String> kept = new LinkedHashSet<>();
            kept.add(root.toString());
            walk.items().forEach(item -> kept.add(item.entityRef()));
            List<Node> drawn = new ArrayList<>();
            drawn.add(new Node(root.toString(), node.kind(), node.title(), true));
            for (Reached item : walk.items()) {
                Hop hop = nodes.get(item.entityRef());
                drawn.add(new Node(item.entityRef(), item.kind(), hop.title(), item.exists()));
            }
            List<Edge> among = edges.stream().filter(e -> kept.contains(e.source()) && kept.contains(e.target()))
                    .sorted(Comparator.comparing(Edge::source).thenComparing(Edge::type).thenComparing(Edge::target)).toList();
            return new Neighbourhood(drawn, among, walk.truncated());
        }));
    }

    /** The relationship type that stands for a catalog relation type (either direction). */
    private static String relationship(String relationType) {
        return GraphModel.step(relationType).relationship();
    }

    /** The steps for catalog relation types, validated by the model (an unknown type is an IllegalArgumentException). */
    private static List<GraphModel.Step> steps(List<String> relationTypes) {
        if (relationTypes.isEmpty()) {
            throw new IllegalArgumentException("At least one relation type is needed; known types are " + RelationTypes.all());
        }
        return relationTypes.stream().map(GraphModel::step).distinct()
                .sorted(Comparator.comparing(GraphModel.Step::relationship).thenComparing(GraphModel.Step::forward)).toList();
    }

    /** What a walk tells its caller as it goes. */
    private interface WalkObserver {
        /** A node reached for the first time, by this hop; true stops the walk. */
        boolean reached(Hop hop);

        /** Any hop followed, including to nodes reached before (and those the last, unbounded look finds). */
        default void seen(Hop hop) {
        }
    }

    /**
     * Breadth-first from {@code root}: level {@code d} follows {@code stepsAt.apply(d)} from the nodes first reached at
     * level {@code d - 1}. Stops after {@code maxDepth} levels or {@code limit} items; {@code truncated} when either
     * bound left a reachable node out (one more expansion past the last level tells).
     */
    private Walk walk(Transaction tx, String root, IntFunction<List<GraphModel.Step>> stepsAt, int maxDepth, int limit,
                      WalkObserver observer) {
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

    /** The root of a question: an entity in the catalog (a placeholder node does not count). */
    private static Optional<RootNode> root(Transaction tx, EntityRef ref) {
        List<Record> rows = tx.run("MATCH (e:Entity {ref: $ref}) RETURN e.kind AS kind, e.title AS title, e.exists AS exists",
                Map.of("ref", ref.toString())).list();
        if (rows.isEmpty() || !rows.get(0).get("exists").asBoolean(false)) {
            return Optional.empty();
        }
        Record row = rows.get(0);
        return Optional.of(new RootNode(row.get("kind").asString(null), row.get("title").asString(null), true));
    }

    /** The owners (ownedBy) of each entity, ordered by ref. */
    private static Map<String, List<String>> owners(Transaction tx, List<String> refs) {
        Map<String, List<String>> owners = new HashMap<>();
        if (refs.isEmpty()) {
            return owners;
        }
        tx.run("""
                UNWIND $refs AS ref
                MATCH (:Entity {ref: ref})-[:%s]->(o:Entity)
                RETURN DISTINCT ref, o.ref AS owner ORDER BY ref, owner""".formatted(relationship(RelationTypes.OWNED_BY)),
                Map.of("refs", refs)).forEachRemaining(row ->
                owners.computeIfAbsent(row.get("ref").asString(), r -> new ArrayList<>()).add(row.get("owner").asString()));
        return owners;
    }

    /**
     * For each group, the chain up its parents (childOf): itself, its parent, …, the top. A group with several
     * parents goes on through the one with the smallest ref; a cycle ends the chain before it repeats; at most
     * {@link #MAX_DEPTH} parents.
     */
    private static Map<String, List<String>> chains(Transaction tx, Collection<String> groups) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        groups.forEach(group -> chains.put(group, new ArrayList<>(List.of(group))));
        Set<String> open = new LinkedHashSet<>(groups);
        for (int level = 0; level < MAX_DEPTH && !open.isEmpty(); level++) {
            Map<String, String> parents = new HashMap<>();
            List<String> tops = open.stream().map(group -> last(chains.get(group))).distinct().toList();
            tx.run("""
                    UNWIND $refs AS ref
                    MATCH (:Entity {ref: ref})-[:%s]->(p:Entity)
                    RETURN ref, min(p.ref) AS parent""".formatted(relationship(RelationTypes.CHILD_OF)), Map.of("refs", tops))
                    .forEachRemaining(row -> parents.put(row.get("ref").asString(), row.get("parent").asString()));
            Set<String> stillOpen = new LinkedHashSet<>();
            for (String group : open) {
                List<String> chain = chains.get(group);
                String parent = parents.get(last(chain));
                if (parent != null && !chain.contains(parent)) {
                    chain.add(parent);
                    stillOpen.add(group);
                }
            }
            open = stillOpen;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        chains.forEach((group, chain) -> result.put(group, List.copyOf(chain)));
        return result;
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    /** Runs {@code work} in one read transaction with the server-side timeout; no retries, so an outage answers at once. */
    private <T> T read(Function<Transaction, T> work) {
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build());
             Transaction tx = session.beginTransaction(transactionConfig)) {
            T result = work.apply(tx);
            tx.commit();
            return result;
        } catch (Neo4jException e) {
            if (e.code() != null && (e.code().contains("TransactionTimedOut") || e.code().endsWith("Transaction.Terminated"))) {
                throw new TimedOutException(e);
            }
            throw e;
        }
    }
}
