package io.catalog.graph.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordering and keyset SQL of a page over entities: sort keys per order field, ORDER BY with missing values last
 * and the entity ref breaking ties, and the condition "strictly beyond this position" that continues a page.
 */
final class KeysetSql {

    private KeysetSql() {
    }

    /** Sort key of a field: a column for the ref parts, else the smallest indexed value (fields may be arrays). */
    static String sortExpression(String field, SqlBuilder sql) {
        String column = FilterSql.REF_COLUMNS.get(field);
        return column != null ? column
                : "(SELECT min(s.value) FROM search s WHERE s.entity_id = e.id AND s.key = " + sql.param(field) + ")";
    }

    /**
     * Missing values sort last in either direction; the entity ref breaks ties so every order is total. The ref
     * columns are never missing, so they sort plainly and an index on them can serve the order.
     */
    static String orderBy(List<EntityQuery.Order> order, String alias, boolean reversed) {
        StringBuilder by = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            boolean descending = order.get(i).descending() != reversed;
            if (nullable(order.get(i))) {
                by.append(alias).append(".s").append(i).append(" IS NULL").append(reversed ? " DESC, " : ", ");
            }
            by.append(alias).append(".s").append(i).append(descending ? " DESC, " : " ASC, ");
        }
        return by.append(alias).append(".entity_ref").append(reversed ? " DESC" : " ASC").toString();
    }

    /** Rows of {@code q} strictly beyond the position in the direction of travel: (a > x) OR (a = x AND b > y) ... */
    static String beyond(EntityQuery query, SqlBuilder sql) {
        EntityQuery.Cursor cursor = query.position();
        boolean reversed = query.backward();
        List<String[]> components = new ArrayList<>(); // expression, comparison operator, bound value
        for (int i = 0; i < query.order().size(); i++) {
            String value = i < cursor.values().size() ? cursor.values().get(i) : null;
            boolean descending = query.order().get(i).descending() != reversed;
            if (nullable(query.order().get(i))) {
                components.add(new String[] {"(q.s" + i + " IS NULL)", reversed ? "<" : ">", Boolean.toString(value == null)});
                components.add(new String[] {"coalesce(q.s" + i + ", '')", descending ? "<" : ">", value == null ? "" : value});
            } else {
                components.add(new String[] {"q.s" + i, descending ? "<" : ">", value == null ? "" : value});
            }
        }
        components.add(new String[] {"q.entity_ref", reversed ? "<" : ">", cursor.entityRef()});
        List<String> alternatives = new ArrayList<>();
        for (int j = 0; j < components.size(); j++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int i = 0; i < j; i++) {
                alternative.append(components.get(i)[0]).append(" = ").append(bound(components.get(i), sql)).append(" AND ");
            }
            String[] last = components.get(j);
            alternative.append(last[0]).append(' ').append(last[1]).append(' ').append(bound(last, sql)).append(')');
            alternatives.add(alternative.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static boolean nullable(EntityQuery.Order order) {
        return !FilterSql.REF_COLUMNS.containsKey(order.field());
    }

    private static String bound(String[] component, SqlBuilder sql) {
        return component[0].endsWith("IS NULL)") ? sql.param(Boolean.parseBoolean(component[2])) : sql.param(component[2]);
    }
}
