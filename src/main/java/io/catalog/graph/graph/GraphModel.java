package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;
import io.catalog.graph.model.RelationTypes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of the graph, as data: node labels, relationship types and which catalog relation type each one stands
 * for. PostgreSQL stores every relation in both directions (ownedBy and ownerOf); the graph stores each pair once,
 * in its first direction ({@code (component)-[:OWNED_BY]->(group)}), and a query for the inverse type walks the
 * same relationship backwards. Pure: queries and the projector both read it, so they cannot disagree.
 *
 * <p>Nodes: {@code (:Entity:<Kind> {ref, kind, namespace, name, title, exists, fingerprint})}, {@code ref} unique and lower-case as
 * in the catalog; a node for a ref that no entity has (a relation pointing outside the catalog) has
 * {@code exists: false}. A relationship belongs to the entity whose descriptor declared it: its start node, or its end
 * node when it carries {@code declaredByTarget: true} ({@code b.spec.dependencyOf: [a]} gives
 * {@code (a)-[:DEPENDS_ON {declaredByTarget: true}]->(b)}).
 */
public final class GraphModel {

    /** Every node has this label; the unique constraint on {@code ref} lives on it. */
    public static final String ENTITY_LABEL = "Entity";

    /** The property of a relationship declared by its end node (set to true); one its start node declared has none. */
    public static final String DECLARED_BY_TARGET = "declaredByTarget";

    /** One step of a walk: the relationship type, and whether it is followed along ({@code forward}) or against it. */
    public record Step(String relationship, boolean forward) {
    }

    /** A catalog relation as stored in the graph: one relationship from {@code source} to {@code target}. */
    public record Edge(EntityRef source, String relationship, EntityRef target) {
    }

    private static final Map<String, String> RELATIONSHIPS = relationships();
    private static final Map<String, String> KIND_LABELS = buildKindLabels();

    private GraphModel() {
    }

    /** The relationship types in the graph, one per relation pair ({@code OWNED_BY}, {@code PART_OF}, …). */
    public static List<String> relationshipTypes() {
        return List.copyOf(RELATIONSHIPS.values());
    }

    /** The catalog relation type a relationship stands for when walked forward ({@code OWNED_BY} → {@code ownedBy}). */
    public static String relationType(String relationship) {
        return RELATIONSHIPS.entrySet().stream().filter(e -> e.getValue().equals(relationship)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown relationship type " + relationship));
    }

    /**
     * How to follow a catalog relation type in the graph: {@code dependsOn} is {@code DEPENDS_ON} forward,
     * {@code dependencyOf} is {@code DEPENDS_ON} backward.
     *
     * @throws IllegalArgumentException for a type the catalog does not know (the message lists the known ones)
     */
    public static Step step(String relationType) {
        String forward = RELATIONSHIPS.get(relationType);
        if (forward != null) {
            return new Step(forward, true);
        }
        return new Step(RELATIONSHIPS.get(RelationTypes.inverse(relationType)), false);
    }

    /** The relationship a catalog relation becomes (the same for a relation and its inverse). */
    public static Edge edge(Relation relation) {
        Step step = step(relation.type());
        return step.forward() ? new Edge(relation.source(), step.relationship(), relation.target())
                : new Edge(relation.target(), step.relationship(), relation.source());
    }

    /** Every kind label ({@code Component}, {@code API}, …), in a stable order. */
    public static List<String> kindLabels() {
        return List.copyOf(KIND_LABELS.values());
    }

    /** The label of a kind ({@code component} → {@code Component}); empty for a kind the catalog does not know. */
    public static Optional<String> kindLabel(String kind) {
        return Optional.ofNullable(kind == null ? null : KIND_LABELS.get(kind.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> relationships() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String type : List.of(RelationTypes.OWNED_BY, RelationTypes.PART_OF, RelationTypes.PROVIDES_API,
                RelationTypes.CONSUMES_API, RelationTypes.DEPENDS_ON, RelationTypes.MEMBER_OF, RelationTypes.CHILD_OF)) {
            map.put(type, type.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return map;
    }

    private static Map<String, String> buildKindLabels() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String label : List.of("Component", "API", "Resource", "System", "Domain", "Group", "User", "Location", "Template")) {
            map.put(label.toLowerCase(Locale.ROOT), label);
        }
        return map;
    }
}
