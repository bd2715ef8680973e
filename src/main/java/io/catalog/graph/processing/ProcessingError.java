package io.catalog.graph.processing;

/**
 * One thing that went wrong while reading or processing a location, in terms a user can act on.
 *
 * @param name      Backstage's error name: InputError (bad content), NotFoundError, ConflictError, ReadError
 * @param entityRef the entity concerned, when it could be identified
 * @param line      1-based line in the descriptor, when known
 */
public record ProcessingError(String name, String message, String entityRef, Integer line) {

    public static ProcessingError input(String message, String entityRef, Integer line) {
        return new ProcessingError("InputError", message, entityRef, line);
    }

    public static ProcessingError read(String message) {
        return new ProcessingError("ReadError", message, null, null);
    }

    public static ProcessingError conflict(String message, String entityRef) {
        return new ProcessingError("ConflictError", message, entityRef, null);
    }
}
