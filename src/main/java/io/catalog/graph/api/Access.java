package io.catalog.graph.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares who may call a resource method (or every method of a resource class; a method's own annotation wins).
 * A route without one is treated as {@link AccessLevel#WRITE}: forgetting the annotation closes a route, never opens it.
 * {@link AccessFilter} checks it after routing, so however a path is spelled, the route it reaches decides.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {
    AccessLevel value();
}
