package io.catalog.graph.storage;

import java.util.List;
import java.util.Locale;

/**
 * A page request over entities: filter, optional full-text term, ordering (by any flattened field, entity ref
 * breaking ties), and either an offset or a keyset position from a previous page, read forward or backward.
 */
public record EntityQuery(Predicate filter, FullText fullText, List<Order> order, Integer limit, int offset,
                          Cursor position, boolean backward) {

    /** The common case: a legacy filter, forward from the start or after a position, no full-text term. */
    public EntityQuery(EntityFilter filter, List<Order> order, Integer limit, int offset, Cursor after) {
        this(Predicate.of(filter), null, order, limit, offset, after, false);
    }

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

    /** Case-insensitive substring match of {@code term} in any of {@code fields} (all fields when empty). */
    public record FullText(String term, List<String> fields) {
        public FullText {
            term = term.trim().toLowerCase(Locale.ROOT);
            fields = fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).filter(f -> !f.isEmpty()).toList();
        }
    }

    /** The sort values and entity ref of one item: where a page starts or ends. */
    public record Cursor(List<String> values, String entityRef) {
    }
}
