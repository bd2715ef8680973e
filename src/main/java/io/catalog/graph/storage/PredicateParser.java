package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON predicate of {@code POST /entities/by-query}:
 * {@code {"$all": [...]}}, {@code {"$any": [...]}}, {@code {"$not": p}}, and field maps such as
 * {@code {"kind": "component", "spec.type": {"$in": ["service", "website"]}, "spec.owner": {"$exists": true},
 * "metadata.name": {"$hasPrefix": "order"}}} whose entries must all hold.
 */
public final class PredicateParser {

    private PredicateParser() {
    }

    public static Predicate parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Predicate.MATCH_ALL;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("Invalid query: a predicate must be an object, got " + node);
        }
        List<Predicate> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "$all" -> all.add(new Predicate.All(list(key, value)));
                case "$any" -> all.add(new Predicate.Any(list(key, value)));
                case "$not" -> all.add(new Predicate.Not(parse(value)));
                default -> {
                    if (key.startsWith("$")) {
                        throw new IllegalArgumentException("Invalid query: unknown operator " + key);
                    }
                    all.add(field(key, value));
                }
            }
        }
        return all.size() == 1 ? all.get(0) : new Predicate.All(all);
    }

    private static List<Predicate> list(String operator, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException("Invalid query: " + operator + " takes an array");
        }
        List<Predicate> predicates = new ArrayList<>();
        value.forEach(p -> predicates.add(parse(p)));
        return predicates;
    }

    private static Predicate field(String key, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return new Predicate.In(key, List.of(value.asText()));
        }
        if (!value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException("Invalid query: the condition on '" + key + "' must be a value or one operator");
        }
        Map.Entry<String, JsonNode> operator = value.properties().iterator().next();
        JsonNode argument = operator.getValue();
        return switch (operator.getKey()) {
            case "$exists" -> {
                if (!argument.isBoolean()) {
                    throw new IllegalArgumentException("Invalid query: $exists takes true or false");
                }
                yield new Predicate.Exists(key, argument.asBoolean());
            }
            case "$in" -> {
                if (!argument.isArray()) {
                    throw new IllegalArgumentException("Invalid query: $in takes an array of values");
                }
                List<String> values = new ArrayList<>();
                argument.forEach(v -> {
                    if (!v.isValueNode() || v.isNull()) {
                        throw new IllegalArgumentException("Invalid query: $in values must be strings, numbers or booleans");
                    }
                    values.add(v.asText());
                });
                yield new Predicate.In(key, values);
            }
            case "$hasPrefix" -> {
                if (!argument.isTextual()) {
                    throw new IllegalArgumentException("Invalid query: $hasPrefix takes a string");
                }
                yield new Predicate.HasPrefix(key, argument.asText());
            }
            default -> throw new IllegalArgumentException("Invalid query: unknown operator " + operator.getKey());
        };
    }
}
