package io.catalog.graph.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** An entity ready to store: validated, defaults and catalog annotations applied, relations in both directions. */
public record ProcessedEntity(EntityRef ref, ObjectNode body, List<Relation> relations, String hash) {
}
