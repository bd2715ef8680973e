package io.catalog.graph.graph;

import io.catalog.graph.graph.GraphAnswerCache.Question;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The questions the graph answers: what an entity depends on, what depends on it, who owns it, what a group owns,
 * which groups a user is in, how two entities are connected, what lies around an entity.
 *
 * <p>Every question runs in one read transaction with a server-side timeout ({@code catalog.limits.graph-timeout}).
 * Walks are breadth-first ({@link GraphWalk}): an item's {@code depth} is its shortest distance from the root and its
 * {@code path} one shortest path, through the smallest ref at each hop; walks are bounded by depth and by the number
 * of items, and say when a bound cut them.
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

    private record RootNode(String kind, String title, boolean exists) {
    }

    private final Driver driver;
    private final TransactionConfig transactionConfig;
    private final GraphAnswerCache answers;
    private final GraphWalk walks = new GraphWalk();

    @Inject
    public GraphQueries(Driver driver, @ConfigProperty(name = "catalog.limits.graph-timeout") Duration timeout,
                        GraphAnswerCache answers) {
        this.driver = driver;
        this.transactionConfig = TransactionConfig.builder().withTimeout(timeout).build();
        this.answers = answers;
    }

    /** Computes every answer afresh. */
    public GraphQueries(Driver driver, Duration timeout) {
        this(driver, timeout, GraphAnswerCache.disabled());
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
        List<GraphModel.Step> steps = GraphWalk.steps(relationTypes);
        return read(Question.of("dependencies", root, relationTypes, depth, limit),
                tx -> root(tx, root).map(node -> walks.levels(tx, root.toString(), level -> steps, depth, limit, null)));
    }

    /** What reaches {@code root} along {@code relationTypes}: the walk along their inverses. */
    public Optional<Walk> dependents(EntityRef root, List<String> relationTypes, int depth, int limit) {
        return dependencies(root, inverses(relationTypes), depth, limit);
    }

    /** The groups a user is a member of (depth 1), and their parent groups (depth 2, 3, …). */
    public Optional<Walk> groups(EntityRef user, int depth, int limit) {
        List<GraphModel.Step> member = GraphWalk.steps(List.of(RelationTypes.MEMBER_OF));
        List<GraphModel.Step> parent = GraphWalk.steps(List.of(RelationTypes.CHILD_OF));
        return read(Question.of("groups", user, depth, limit),
                tx -> root(tx, user).map(node -> walks.levels(tx, user.toString(), level -> level == 1 ? member : parent, depth, limit, null)));
    }

    /** The entity's owners, each with its chain of parent groups up to the top (stopped by a cycle or after 10). */
    public Optional<Ownership> ownership(EntityRef entity) {
        return read(Question.of("ownership", entity), tx -> root(tx, entity).map(node -> {
            List<String> owners = GraphOwners.owners(tx, List.of(entity.toString())).getOrDefault(entity.toString(), List.of());
            Map<String, List<String>> chains = GraphOwners.chains(tx, owners);
            return new Ownership(entity.toString(), owners.stream().map(o -> new Owner(o, chains.get(o))).toList());
        }));
    }

    /**
     * Everything owned by the group or by a group below it (parentOf, up to {@link #MAX_DEPTH} levels), once each,
     * {@code via} the owning group nearest to the root group; ordered by ref.
     */
    public Optional<Owned> owned(EntityRef group, int limit) {
        List<GraphModel.Step> children = GraphWalk.steps(List.of(RelationTypes.PARENT_OF));
        return read(Question.of("owned", group, limit), tx -> root(tx, group).map(node -> {
            Walk subtree = walks.levels(tx, group.toString(), level -> children, MAX_DEPTH, MAX_PATH_SEARCH, null);
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
                    RETURN DISTINCT e.ref AS ref, e.kind AS kind, g AS via""".formatted(GraphOwners.relationship(RelationTypes.OWNED_BY)),
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
        List<GraphModel.Step> steps = GraphWalk.steps(inverses(relationTypes));
        return read(Question.of("blast-radius", root, relationTypes, depth, limit), tx -> root(tx, root).map(node -> {
            Walk walk = walks.levels(tx, root.toString(), level -> steps, depth, limit, null);
            Map<String, List<String>> owners = GraphOwners.owners(tx, walk.items().stream().map(Reached::entityRef).toList());
            Map<String, List<Reached>> byOwner = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
            for (Reached item : walk.items()) {
                List<String> its = owners.getOrDefault(item.entityRef(), List.of());
                if (its.isEmpty()) {
                    byOwner.computeIfAbsent(null, o -> new ArrayList<>()).add(item);
                }
                its.forEach(owner -> byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(item));
            }
            Map<String, List<String>> chains = GraphOwners.chains(tx, byOwner.keySet().stream().filter(o -> o != null).toList());
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
        List<GraphModel.Step> steps = GraphWalk.steps(relationTypes);
        return read(Question.of("path", from, to, relationTypes), tx -> {
            if (root(tx, from).isEmpty() || root(tx, to).isEmpty()) {
                return Optional.empty();
            }
            Map<String, GraphWalk.Hop> reachedBy = new HashMap<>();
            if (from.equals(to)) {
                return Optional.of(new Route(List.of(from.toString()), List.of()));
            }
            walks.levels(tx, from.toString(), level -> steps, MAX_DEPTH, MAX_PATH_SEARCH, new GraphWalk.Observer() {
                @Override
                public boolean reached(GraphWalk.Hop hop) {
                    reachedBy.put(hop.to(), hop);
                    return hop.to().equals(to.toString());
                }
            });
            if (!reachedBy.containsKey(to.toString())) {
                return Optional.empty();
            }
            List<Edge> edges = new ArrayList<>();
            for (GraphWalk.Hop hop = reachedBy.get(to.toString()); hop != null; hop = reachedBy.get(hop.from())) {
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
        List<GraphModel.Step> steps = GraphWalk.steps(relationTypes);
        return read(Question.of("neighbourhood", root, relationTypes, depth, limit), tx -> root(tx, root).map(node -> {
            Set<Edge> edges = new LinkedHashSet<>();
            Map<String, GraphWalk.Hop> nodes = new HashMap<>();
            Walk walk = walks.levels(tx, root.toString(), level -> steps, depth, limit, new GraphWalk.Observer() {
                @Override
                public boolean reached(GraphWalk.Hop hop) {
                    nodes.put(hop.to(), hop);
                    return false;
                }

                @Override
                public void seen(GraphWalk.Hop hop) {
                    edges.add(hop.stored());
                }
            });
            Set<String> kept = new LinkedHashSet<>();
            kept.add(root.toString());
            walk.items().forEach(item -> kept.add(item.entityRef()));
            List<Node> drawn = new ArrayList<>();
            drawn.add(new Node(root.toString(), node.kind(), node.title(), true));
            for (Reached item : walk.items()) {
                GraphWalk.Hop hop = nodes.get(item.entityRef());
                drawn.add(new Node(item.entityRef(), item.kind(), hop.title(), item.exists()));
            }
            List<Edge> among = edges.stream().filter(e -> kept.contains(e.source()) && kept.contains(e.target()))
                    .sorted(Comparator.comparing(Edge::source).thenComparing(Edge::type).thenComparing(Edge::target)).toList();
            return new Neighbourhood(drawn, among, walk.truncated());
        }));
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

    /**
     * Answers {@code question} in one read transaction with the server-side timeout, from the answers kept for the
     * graph's current version when there is one; no retries, so an outage answers at once.
     */
    private <T> Optional<T> read(Question question, Function<Transaction, Optional<T>> work) {
        Optional<Optional<T>> recent = answers.getAtRecentVersion(question);
        if (recent.isPresent()) {
            return recent.get();
        }
        try (Session session = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build());
             Transaction tx = session.beginTransaction(transactionConfig)) {
            long writesBefore = answers.writes();
            long readAt = System.nanoTime();
            long version = GraphVersion.read(tx);
            answers.versionRead(version, readAt, writesBefore);
            Optional<Optional<T>> kept = answers.get(question, version);
            if (kept.isPresent()) {
                tx.commit();
                return kept.get();
            }
            Optional<T> result = work.apply(tx);
            tx.commit();
            answers.put(question, version, result);
            return result;
        } catch (Neo4jException e) {
            if (e.code() != null && (e.code().contains("TransactionTimedOut") || e.code().endsWith("Transaction.Terminated"))) {
                throw new TimedOutException(e);
            }
            throw e;
        }
    }
}
