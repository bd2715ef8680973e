package io.catalog.graph.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;

/** Builds test entities from YAML text, and edits them by dotted path. */
final class TestEntities {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntityValidator VALIDATOR = new EntityValidator();

    private TestEntities() {
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad YAML in test: " + e.getMessage(), e);
        }
    }

    /** A JSON value from JSON text, e.g. {@code 7}, {@code "x"}, {@code null}, {@code [1]}, {@code {"a":1}}. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad JSON in test: " + e.getMessage(), e);
        }
    }

    static ObjectNode component() {
        return yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: artist-web
                spec:
                  type: website
                  lifecycle: production
                  owner: artist-relations
                """);
    }

    /**
     * Sets the value at a dotted path (each segment an object field), creating objects on the way. The value
     * may be a {@link JsonNode}, a String, a Number, a Boolean, a List of Strings, or null for JSON null.
     */
    static ObjectNode set(ObjectNode root, String path, Object value) {
        String[] segments = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = parent.get(segments[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(segments[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(segments[segments.length - 1], toNode(value));
        return root;
    }

    static ObjectNode remove(ObjectNode root, String path) {
        String[] segments = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.get(segments[i]);
        }
        ((ObjectNode) parent).remove(segments[segments.length - 1]);
        return root;
    }

    static List<Problem> problems(JsonNode entity) {
        return VALIDATOR.validate(entity);
    }

    static List<String> problemPaths(JsonNode entity) {
        return problems(entity).stream().map(Problem::path).toList();
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.createArrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        return JSON.valueToTree(value);
    }
}
