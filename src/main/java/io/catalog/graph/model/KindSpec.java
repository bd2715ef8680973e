package io.catalog.graph.model;

import java.util.List;
import java.util.Set;

/**
 * What the registry knows of one kind: the API versions it is written in, the rule for its spec, and the
 * relations its spec fields make.
 */
record KindSpec(String kind, Set<String> apiVersions, Rule spec, List<RelationRule> relations) {

    KindSpec {
        apiVersions = Set.copyOf(apiVersions);
        relations = List.copyOf(relations);
    }
}
