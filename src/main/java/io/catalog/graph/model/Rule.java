package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A check of one JSON value at a path, reporting problems rather than stopping at the first. The static
 * factories form a tiny schema language, enough for the kind specs of the built-in kinds.
 */
@FunctionalInterface
interface Rule {

    /** Checks a value that is present (possibly JSON null) and adds what is wrong with it to {@code out}. */
    void check(JsonNode value, String path, List<Problem> out);

    /** A field of an object rule. */
    record Field(String name, Rule rule, boolean required) {
    }

    static Field required(String name, Rule rule) {
        return new Field(name, rule, true);
    }

    static Field optional(String name, Rule rule) {
        return new Field(name, rule, false);
    }

    /** Any string, including the empty one. */
    static Rule string() {
        return (value, path, out) -> {
            if (value == null || !value.isTextual()) {
                out.add(typeProblem(path, "a string", value));
            }
        };
    }

    /** A string of at least one character, as JSON schema's {@code minLength: 1}. */
    static Rule nonEmptyString() {
        return (value, path, out) -> {
            if (value == null || !value.isTextual()) {
                out.add(typeProblem(path, "a non-empty string", value));
            } else if (value.asText().isEmpty()) {
                out.add(new Problem(path, path + " must not be an empty string."));
            }
        };
    }

    /** A string that has something besides whitespace. */
    static Rule nonBlankString() {
        return (value, path, out) -> {
            if (value == null || !value.isTextual()) {
                out.add(typeProblem(path, "a non-empty string", value));
            } else if (value.asText().isBlank()) {
                out.add(new Problem(path, path + " must not be empty or only whitespace, but found "
                        + Json.describe(value) + "."));
            }
        };
    }

    static Rule stringOrBoolean() {
        return (value, path, out) -> {
            if (value == null || !(value.isTextual() || value.isBoolean())) {
                out.add(typeProblem(path, "a string or a boolean", value));
            }
        };
    }

    /** One of the given strings, exactly. */
    static Rule oneOf(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return (value, path, out) -> {
            if (value == null || !value.isTextual() || !values.contains(value.asText())) {
                out.add(new Problem(path, path + " must be one of "
                        + values.stream().map(Json::quote).collect(Collectors.joining(", "))
                        + ", but found " + Json.describe(value) + "."));
            }
        };
    }

    /** An array whose every item passes {@code item}; item paths end in their index. */
    static Rule arrayOf(Rule item) {
        return (value, path, out) -> {
            if (value == null || !value.isArray()) {
                out.add(typeProblem(path, "an array", value));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                item.check(value.get(i), path + "." + i, out);
            }
        };
    }

    /** An object with the given fields; fields it does not name are allowed and unchecked. */
    static Rule object(Field... fields) {
        return objectWithOthers(null, fields);
    }

    /**
     * An object with the given fields, whose other fields must pass {@code others} (null: anything goes).
     */
    static Rule objectWithOthers(Rule others, Field... fields) {
        Map<String, Field> byName = Arrays.stream(fields)
                .collect(Collectors.toMap(Field::name, f -> f, (a, b) -> a, java.util.LinkedHashMap::new));
        return (value, path, out) -> {
            if (value == null || !value.isObject()) {
                out.add(typeProblem(path, "an object", value));
                return;
            }
            for (Field field : byName.values()) {
                JsonNode child = value.get(field.name());
                String childPath = join(path, field.name());
                if (child == null) {
                    if (field.required()) {
                        out.add(new Problem(childPath, childPath + " is required, but it is missing."));
                    }
                } else {
                    field.rule().check(child, childPath, out);
                }
            }
            if (others != null) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    if (!byName.containsKey(entry.getKey())) {
                        others.check(entry.getValue(), join(path, entry.getKey()), out);
                    }
                }
            }
        };
    }

    /**
     * Passes when at least one alternative passes; otherwise reports the single problem that the value must be
     * {@code expectation}, or, when the value has the shape of one alternative, that alternative's own problems.
     */
    static Rule anyOf(String expectation, Rule... alternatives) {
        return (value, path, out) -> {
            List<List<Problem>> failures = new ArrayList<>();
            for (Rule alternative : alternatives) {
                List<Problem> attempt = new ArrayList<>();
                alternative.check(value, path, attempt);
                if (attempt.isEmpty()) {
                    return;
                }
                failures.add(attempt);
            }
            for (List<Problem> attempt : failures) {
                boolean sameShape = attempt.stream().noneMatch(p -> p.path().equals(path));
                if (sameShape) {
                    out.addAll(attempt);
                    return;
                }
            }
            out.add(typeProblem(path, expectation, value));
        };
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static Problem typeProblem(String path, String expected, JsonNode found) {
        String subject = path.isEmpty() ? "The entity" : path;
        return new Problem(path, subject + " must be " + expected + ", but found " + Json.describe(found) + ".");
    }
}
