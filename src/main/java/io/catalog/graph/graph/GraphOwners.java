package io.catalog.graph.graph;

import io.catalog.graph.model.RelationTypes;
import org.neo4j.driver.Transaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ownership lookups several questions share: who owns an entity, and a group's chain of parents. */
final class GraphOwners {

    private GraphOwners() {
    }

    /** The relationship type that stands for a catalog relation type (either direction). */
    static String relationship(String relationType) {
        return GraphModel.step(relationType).relationship();
    }

    /** The owners (ownedBy) of each entity, ordered by ref. */
    static Map<String, List<String>> owners(Transaction tx, List<String> refs) {
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
     * {@link #GraphQueries.MAX_DEPTH} parents.
     */
    static Map<String, List<String>> chains(Transaction tx, Collection<String> groups) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        groups.forEach(group -> chains.put(group, new ArrayList<>(List.of(group))));
        Set<String> open = new LinkedHashSet<>(groups);
        for (int level = 0; level < GraphQueries.MAX_DEPTH && !open.isEmpty(); level++) {
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

}
