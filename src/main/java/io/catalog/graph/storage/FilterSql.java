package io.catalog.graph.storage;

import java.util.List;
import java.util.Map;

/** Renders a {@link Predicate} as a SQL condition over {@code entities e}. */
final class FilterSql {

    /** The parts of an entity ref live in columns, lower-cased like search values. */
    static final Map<String, String> REF_COLUMNS = Map.of("kind", "e.kind", "metadata.namespace", "e.namespace", "metadata.name", "e.name");

    private static final String RELATIONS = "relations.";

    private FilterSql() {
    }

    static String where(Predicate predicate, SqlBuilder sql) {
        if (predicate instanceof Predicate.All all) {
            return all.all().isEmpty() ? "TRUE" : join(all.all(), " AND ", sql);
        }
        if (predicate instanceof Predicate.Any any) {
            return any.any().isEmpty() ? "FALSE" : join(any.any(), " OR ", sql);
        }
        if (predicate instanceof Predicate.Not not) {
            return "NOT (" + where(not.not(), sql) + ")";
        }
        if (predicate instanceof Predicate.Exists exists) {
            return (exists.exists() ? "" : "NOT ") + matching(exists.key(), null, sql);
        }
        if (predicate instanceof Predicate.In in) {
            // a single value as "=": the planner estimates (and uses indexes for) it far better than "= ANY(array)"
            String test = in.values().size() == 1 ? "= " + sql.param(in.values().get(0))
                    : "= ANY(" + sql.param(in.values().toArray(String[]::new)) + ")";
            return matching(in.key(), test, sql);
        }
        Predicate.HasPrefix prefix = (Predicate.HasPrefix) predicate;
        return matching(prefix.key(), "LIKE " + sql.param(escapeLike(prefix.prefix()) + "%"), sql);
    }

    private static String join(List<Predicate> predicates, String operator, SqlBuilder sql) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < predicates.size(); i++) {
            text.append(i == 0 ? "" : operator).append(where(predicates.get(i), sql));
        }
        return text.append(')').toString();
    }

    /** Entities whose {@code key} exists and, when {@code valueTest} is given, has a value passing it. */
    private static String matching(String key, String valueTest, SqlBuilder sql) {
        String column = REF_COLUMNS.get(key);
        if (column != null) {
            return valueTest == null ? "TRUE" : column + " " + valueTest;
        }
        if (key.startsWith(RELATIONS)) {
            String type = "lower(r.type) = " + sql.param(key.substring(RELATIONS.length()));
            String target = valueTest == null ? "" : " AND r.target_ref " + valueTest;
            return "EXISTS (SELECT 1 FROM relations r WHERE r.source_ref = e.entity_ref AND " + type + target + ")";
        }
        String keyMatch = "s.key = " + sql.param(key);
        String valueMatch = valueTest == null ? "" : " AND s.value " + valueTest;
        return "e.id IN (SELECT s.entity_id FROM search s WHERE " + keyMatch + valueMatch + ")";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
