package io.catalog.graph.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates an {@link EntityFilter} into a SQL condition over {@code entities e}. */
final class FilterSql {

    /** The parts of an entity ref live in columns, lower-cased like search values. */
    static final Map<String, String> REF_COLUMNS = Map.of("kind", "e.kind", "metadata.namespace", "e.namespace", "metadata.name", "e.name");

    private static final String RELATIONS = "relations.";

    private FilterSql() {
    }

    static String where(EntityFilter filter, EntityReader.SqlBuilder sql) {
        if (filter.anyOf().isEmpty()) {
            return "TRUE";
        }
        List<String> alternatives = new ArrayList<>();
        for (Map<String, List<String>> conditions : filter.anyOf()) {
            List<String> all = new ArrayList<>();
            conditions.forEach((key, values) -> all.add(condition(key, values, sql)));
            alternatives.add("(" + String.join(" AND ", all) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String condition(String key, List<String> values, EntityReader.SqlBuilder sql) {
        String column = REF_COLUMNS.get(key);
        if (column != null) {
            return values.isEmpty() ? "TRUE" : column + " = ANY(" + sql.param(values.toArray(String[]::new)) + ")";
        }
        if (key.startsWith(RELATIONS)) {
            // parameters are positional: add them in the order they appear in the text
            String type = "lower(r.type) = " + sql.param(key.substring(RELATIONS.length()));
            String targets = values.isEmpty() ? "" : " AND r.target_ref = ANY(" + sql.param(values.toArray(String[]::new)) + ")";
            return "EXISTS (SELECT 1 FROM relations r WHERE r.source_ref = e.entity_ref AND " + type + targets + ")";
        }
        String keyMatch = "s.key = " + sql.param(key);
        String valueMatch = values.isEmpty() ? "" : " AND s.value = ANY(" + sql.param(values.toArray(String[]::new)) + ")";
        return "e.id IN (SELECT s.entity_id FROM search s WHERE " + keyMatch + valueMatch + ")";
    }
}
