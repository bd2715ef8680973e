package io.catalog.graph.model;

/** Thrown when a string or an entity cannot be turned into an {@link EntityRef}. */
public class InvalidEntityRefException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidEntityRefException(String message) {
        super(message);
    }
}
