package io.catalog.graph.processing;

import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.EntityRef;

import java.util.List;

/**
 * A document that failed processing.
 *
 * @param ref           the entity it names, or null when it does not even say which entity it is
 * @param identified    whether {@code ref} can be trusted as the document's identity: a known kind and a valid name;
 *                      a document that is not identified may be an entity the location produced before, broken
 * @param documentIndex its position in the file (0-based)
 * @param line          its first line (1-based)
 */
public record RejectedDocument(EntityRef ref, boolean identified, int documentIndex, int line, List<ProcessingError> errors) {
}
