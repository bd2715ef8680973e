package io.catalog.graph.model;

import java.util.Objects;

/** A directed, typed edge between two entities, e.g. {@code component:default/a ownedBy group:default/b}. */
public record Relation(EntityRef source, String type, EntityRef target) {

    public Relation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        if (type.isBlank()) {
            throw new IllegalArgumentException("A relation type must not be blank");
        }
    }

    @Override
    public String toString() {
        return source + " " + type + " " + target;
    }
}
