package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Hashing;
import io.catalog.graph.model.Relation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one entity to project: present, with the relations its descriptor declares (either direction, as
 * the catalog stores them), or gone. Full state, not a delta: applying the latest change of a ref is always right.
 */
public record EntityChange(EntityRef ref, String title, boolean exists, List<Relation> relations) {

    public static EntityChange present(EntityRef ref, String title, List<Relation> relations) {
        return new EntityChange(ref, title, true, List.copyOf(relations));
    }

    public static EntityChange gone(EntityRef ref) {
        return new EntityChange(ref, null, false, List.of());
    }

    /**
     * Everything of a present entity that the graph shows: its title and the relationships it declares (each once,
     * in a stable order), hashed. Two states with the same fingerprint project to the same graph; null when gone.
     */
    public String fingerprint() {
        if (!exists) {
            return null;
        }
        Set<String> edges = new TreeSet<>();
        relations.forEach(relation -> {
            GraphModel.Edge edge = GraphModel.edge(relation);
            edges.add(edge.source() + " " + edge.relationship() + " " + edge.target());
        });
        return Hashing.sha256((ref + "\n" + title + "\n" + String.join("\n", edges)).getBytes(StandardCharsets.UTF_8));
    }
}
