package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The identity of an entity: kind, namespace and name, all lower case.
 *
 * <p>The string form is {@code kind:namespace/name}. References written by people may leave out the kind
 * and the namespace ({@code [kind:][namespace/]name}); {@link #parse} fills them in from defaults.
 */
public record EntityRef(String kind, String namespace, String name) {

    /** The namespace of entities and references that do not name one. */
    public static final String DEFAULT_NAMESPACE = "default";

    public EntityRef {
        kind = normalize("kind", kind);
        namespace = normalize("namespace", namespace);
        name = normalize("name", name);
    }

    /**
     * Reads a reference on the form {@code [kind:][namespace/]name}.
     *
     * @param ref              the reference text
     * @param defaultKind      the kind to use when the text has none; may be null, and then the text must have one
     * @param defaultNamespace the namespace to use when the text has none; null or blank means {@code default}
     * @throws InvalidEntityRefException when the text is not on that form, or has no kind and no default was given
     */
    public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null) {
            throw new InvalidEntityRefException("An entity reference must not be null");
        }
        if (ref.isBlank()) {
            throw new InvalidEntityRefException("An entity reference must not be empty, but found \"" + ref + "\"");
        }
        String kind = null;
        String rest = ref;
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            kind = ref.substring(0, colon);
            rest = ref.substring(colon + 1);
        }
        if (rest.indexOf(':') >= 0) {
            throw malformed(ref, "it has more than one kind separator ':', or a ':' after the namespace");
        }
        String namespace = null;
        String name = rest;
        int nsSlash = rest.indexOf('/');
        if (nsSlash >= 0) {
            if (rest.indexOf('/', nsSlash + 1) >= 0) {
                throw malformed(ref, "it has more than one namespace separator '/'");
            }
            namespace = rest.substring(0, nsSlash);
            name = rest.substring(nsSlash + 1);
        }
        if (kind != null && kind.isBlank()) {
            throw malformed(ref, "the kind before ':' is empty");
        }
        if (namespace != null && namespace.isBlank()) {
            throw malformed(ref, "the namespace before '/' is empty");
        }
        if (name.isBlank()) {
            throw malformed(ref, "the name is empty");
        }
        if (kind == null) {
            if (defaultKind == null || defaultKind.isBlank()) {
                throw new InvalidEntityRefException("Entity reference \"" + ref
                        + "\" has no kind, and there is no default kind to use; write it with a kind,"
                        + " e.g. \"component:" + ref + "\"");
            }
            kind = defaultKind;
        }
        if (namespace == null) {
            namespace = defaultNamespace == null || defaultNamespace.isBlank() ? DEFAULT_NAMESPACE : defaultNamespace;
        }
        return new EntityRef(kind, namespace, name);
    }

    /**
     * The reference of an entity, from its {@code kind}, {@code metadata.namespace} (default {@code default})
     * and {@code metadata.name}.
     *
     * @throws InvalidEntityRefException when the entity lacks one of them or has one of the wrong type
     */
    public static EntityRef of(JsonNode entity) {
        if (entity == null || !entity.isObject()) {
            throw new InvalidEntityRefException("Cannot take the reference of " + Json.describe(entity)
                    + "; an entity must be a JSON object");
        }
        String kind = requiredText(entity.get("kind"), "kind");
        JsonNode metadata = entity.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw new InvalidEntityRefException("Cannot take the reference of an entity whose metadata is "
                    + Json.describe(metadata) + "; it must be an object");
        }
        String name = requiredText(metadata.get("name"), "metadata.name");
        JsonNode ns = metadata.get("namespace");
        String namespace = ns == null || ns.isNull() ? DEFAULT_NAMESPACE : requiredText(ns, "metadata.namespace");
        return new EntityRef(kind, namespace, name);
    }

    /** The canonical form, {@code kind:namespace/name}, in lower case. */
    @Override
    public String toString() {
        return kind + ":" + namespace + "/" + name;
    }

    private static String requiredText(JsonNode node, String field) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidEntityRefException("Cannot take the reference of an entity whose " + field + " is "
                    + Json.describe(node) + "; it must be a non-empty string");
        }
        return node.asText();
    }

    private static String normalize(String part, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + part + " of an entity reference must not be "
                    + (value == null ? "null" : "empty, but found \"" + value + "\""));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static InvalidEntityRefException malformed(String ref, String reason) {
        return new InvalidEntityRefException("Entity reference \"" + ref
                + "\" is not on the form [<kind>:][<namespace>/]<name>: " + reason);
    }
}
