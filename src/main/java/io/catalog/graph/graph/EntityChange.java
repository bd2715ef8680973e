package io.catalog.graph.graph;

import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;

import java.util.List;

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
}
