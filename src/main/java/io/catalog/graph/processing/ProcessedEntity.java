package io.catalog.graph.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;

import java.util.List;

/** An entity ready to store: validated, defaults and catalog annotations applied, relations in both directions. */
public record ProcessedEntity(EntityRef ref, ObjectNode body, List<Relation> relations, String hash) {
}
