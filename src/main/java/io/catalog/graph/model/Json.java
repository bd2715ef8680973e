package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for talking about JSON values in messages. */
final class Json {

    /** Longer strings are shortened in messages, so that one bad value cannot flood a response. */
    private static final int MAX_QUOTED = 80;

    private Json() {
    }

    /** Describes a value for a message: {@code "text"}, {@code the number 7}, {@code null}, {@code an array}... */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return quote(node.asText());
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " value";
    }

    /** A string in double quotes, with control characters escaped and very long values shortened. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
        int shown = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > shown) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    static boolean isPresent(JsonNode node) {
        return node != null && !node.isMissingNode();
    }
}
