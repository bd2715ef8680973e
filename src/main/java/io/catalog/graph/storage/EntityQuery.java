package io.catalog.graph.storage;

import java.util.List;
import java.util.Locale;

/**
 * A page request over entities: filter, ordering (by any flattened field, entity ref breaking ties), and either an
 * offset or a keyset cursor from the previous page.
 */
public record EntityQuery(EntityFilter filter, List<Order> order, Integer limit, int offset, Cursor after) {

    public record Order(String field, boolean descending) {

        /** Parses {@code asc:metadata.name} / {@code desc:metadata.name}. */
        public static Order parse(String text) {
            int colon = text.indexOf(':');
            String direction = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new IllegalArgumentException("Invalid order '" + text + "', expected asc:<field> or desc:<field>");
            }
            String field = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (field.isEmpty()) {
                throw new IllegalArgumentException("Invalid order '" + text + "': no field");
            }
            return new Order(field, direction.equals("desc"));
        }
    }

    /** The sort values and entity ref of the last item of a page. */
    public record Cursor(List<String> values, String entityRef) {
    }
}
