package io.catalog.graph.testing;

import io.catalog.graph.graph.EntityChange;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;

import java.util.ArrayList;
import java.util.List;

/** Entity states to seed a graph with through {@code GraphWriter}, written the way one reads a catalog. */
public final class GraphSeed {

    private GraphSeed() {
    }

    /** An entity declaring relations, each written as "type target-ref", e.g. {@code "dependsOn component:default/db"}. */
    public static EntityChange entity(String ref, String title, String... relations) {
        List<Relation> declared = new ArrayList<>();
        for (String relation : relations) {
            String[] parts = relation.trim().split(" +");
            declared.add(new Relation(ref(ref), parts[0], ref(parts[1])));
        }
        return EntityChange.present(ref(ref), title, declared);
    }

    public static EntityRef ref(String text) {
        return EntityRef.parse(text, null, EntityRef.DEFAULT_NAMESPACE);
    }
}
