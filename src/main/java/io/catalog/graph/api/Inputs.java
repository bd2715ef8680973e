package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads request values strictly, so a malformed one is a 400 that names it rather than a silent default, a 404
 * (what JAX-RS answers for an unparsable query parameter) or a 500.
 */
final class Inputs {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Inputs() {
    }

    /** A count parameter ({@code limit}, {@code offset}): absent when missing or empty, else a whole number ≥ 0. */
    static Long count(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (!DIGITS.matcher(trimmed).matches()) {
            throw notACount(name, trimmed);
        }
        return new BigInteger(trimmed).min(LONG_MAX).longValue(); // beyond any catalog: as good as the largest long
    }

    /** A count field of a JSON body: absent when missing or null, else a whole number ≥ 0. */
    static Long count(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0) {
            throw notACount(name, value.toString());
        }
        return value.bigIntegerValue().min(LONG_MAX).longValue();
    }

    /** A JSON request body that must be an object; none at all is an empty one. */
    static JsonNode object(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return body;
    }

    /** A text field of a JSON body, or null. */
    static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(name + " must be a string");
        }
        return value.asText();
    }

    /** An array-of-strings field of a JSON body; empty when missing. */
    static List<String> strings(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw ApiException.badRequest(name + " must be an array of strings, but holds " + shorten(element.toString()));
            }
            strings.add(element.asText());
        }
        return strings;
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static ApiException notACount(String name, String value) {
        return ApiException.badRequest(name + " must be a whole number of 0 or more, but is " + shorten(value));
    }
}
