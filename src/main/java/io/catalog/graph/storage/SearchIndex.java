package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flattens an entity into lower-cased {@code key=value} rows ({@code spec.type=service}; one row per array
 * element as in {@code metadata.tags=java}, plus Backstage's item-as-key form {@code metadata.tags.java=true}) so
 * filters, ordering and facets are index lookups.
 */
public final class SearchIndex {

    /** Longer values are indexed as present-without-value: they are never sensible filter or facet values. */
    static final int MAX_VALUE_LENGTH = 200;
    /**
     * Rows with longer keys are left out: with two values of {@link #MAX_VALUE_LENGTH} they would pass the ~2.7 kB a
     * btree index entry may hold, and refuse the whole commit. Such keys are no sensible filter either.
     */
    static final int MAX_KEY_BYTES = 1000;

    /** {@code value} is lower-cased for matching; {@code originalValue} is as written, for facets. */
    public record Row(String key, String value, String originalValue) {

        public Row(String key, String value) {
            this(key, value, value);
        }
    }

    private SearchIndex() {
    }

    /** Distinct rows, in document order (a repeated array item is one row, so facet counts stay honest). */
    public static List<Row> rows(JsonNode entity) {
        Set<Row> rows = new LinkedHashSet<>();
        flatten("", entity, rows);
        return List.copyOf(rows);
    }

    private static void flatten(String key, JsonNode node, Set<Row> rows) {
        if (key.length() > MAX_KEY_BYTES / 3 && key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = key.isEmpty() ? field.getKey() : key + "." + field.getKey();
                flatten(child.toLowerCase(Locale.ROOT), field.getValue(), rows);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                flatten(key, element, rows);
                if (!key.isEmpty() && element.isValueNode() && !element.isNull()) {
                    // Backstage also matches array items as keys: metadata.tags.java=true
                    String itemKey = key + "." + element.asText().toLowerCase(Locale.ROOT);
                    if (itemKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
                        rows.add(new Row(itemKey, "true", "true"));
                    }
                }
            }
        } else if (!node.isNull() && !key.isEmpty()) {
            String original = node.asText();
            boolean tooLong = original.length() > MAX_VALUE_LENGTH;
            rows.add(new Row(key, tooLong ? null : original.toLowerCase(Locale.ROOT), tooLong ? null : original));
        }
    }
}
