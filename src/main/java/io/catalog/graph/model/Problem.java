package io.catalog.graph.model;

import java.util.Objects;

/**
 * One thing wrong with an entity.
 *
 * @param path    dotted path of the offending field, e.g. {@code metadata.name}, {@code spec.owner},
 *                {@code metadata.labels.foo} or {@code metadata.tags.2}; the empty string for the entity itself
 * @param message a human sentence that names the bad value
 */
public record Problem(String path, String message) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
