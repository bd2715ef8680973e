package io.catalog.graph.processing;

import io.catalog.graph.model.EntityRef;

import java.util.List;

/** A document that failed processing; {@code ref} is null when the document does not even say which entity it is. */
public record RejectedDocument(EntityRef ref, int line, List<ProcessingError> errors) {
}
