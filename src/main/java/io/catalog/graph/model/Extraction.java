package io.catalog.graph.model;

import java.util.List;

/** What {@link RelationExtractor} found in one entity: its relations, and the references it could not use. */
public record Extraction(List<Relation> relations, List<Problem> problems) {

    public Extraction {
        relations = List.copyOf(relations);
        problems = List.copyOf(problems);
    }
}
