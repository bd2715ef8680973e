package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens an entity into lower-cased {@code key=value} rows ({@code spec.type=service}, one row per array
 * element as in {@code metadata.tags=java}) so filters, ordering and facets are index lookups.
 */
public final class SearchIndex {

    /** Longer values are indexed as present-without-value: they are never sensible filter or facet values. */
    static final int MAX_VALUE_LENGTH = 200;

    public record Row(String key, String value) {
    }

    private SearchIndex() {
    }

    public static List<Row> rows(JsonNode entity) {
        List<Row> rows = new ArrayList<>();
        flatten("", entity, rows);
        return rows;
    }

    private static void flatten(String key, JsonNode node, List<Row> rows) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = key.isEmpty() ? field.getKey() : key + "." + field.getKey();
                flatten(child.toLowerCase(Locale.ROOT), field.getValue(), rows);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                flatten(key, element, rows);
            }
        } else if (!node.isNull() && !key.isEmpty()) {
            String value = node.asText().toLowerCase(Locale.ROOT);
            rows.add(new Row(key, value.length() > MAX_VALUE_LENGTH ? null : value));
        }
    }
}
