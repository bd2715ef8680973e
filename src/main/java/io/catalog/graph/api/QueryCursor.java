package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.Predicate;
import io.catalog.graph.storage.PredicateParser;
import io.catalog.graph.storage.EntityQuery;

import java.util.List;
import java.util.Objects;

/**
 * The opaque {@code cursor} of {@code /entities/by-query}: everything needed to continue the same query (filter,
 * full-text term, order, page position and direction) plus the total, so later pages need not count again (0 when
 * the first request excluded it, as Backstage answers).
 */
record QueryCursor(List<String> filter, JsonNode query, String term, List<String> termFields, List<String> orderFields,
                   List<String> values, String ref, boolean backward, long totalItems) {

    /** What a query was asked with; a cursor repeats it with a position. */
    record Request(List<String> filter, JsonNode query, EntityQuery.FullText fullText, List<String> orderFields) {

        EntityQuery toQuery(Integer limit, int offset, EntityQuery.Cursor position, boolean backward) {
            Predicate predicate = Predicate.and(Predicate.of(EntityFilter.parse(filter)), PredicateParser.parse(query));
            return new EntityQuery(predicate, fullText, OrderFields.parse(orderFields), limit, offset, position, backward);
        }
    }

    static QueryCursor of(Request request, EntityQuery.Cursor position, boolean backward, long totalItems) {
        EntityQuery.FullText text = request.fullText();
        return new QueryCursor(request.filter(), request.query(), text == null ? null : text.term(),
                text == null ? List.of() : text.fields(), request.orderFields(), position.values(), position.entityRef(),
                backward, totalItems);
    }

    Request request() {
        return new Request(filter, query, term == null ? null : new EntityQuery.FullText(term, termFields), orderFields);
    }

    /** The query this cursor continues, reading {@code limit} items from its position. */
    EntityQuery query(Integer limit) {
        return request().toQuery(limit, 0, new EntityQuery.Cursor(values, ref), backward);
    }

    String encode() {
        return Cursors.encode(this);
    }

    static QueryCursor decode(String text) {
        return Cursors.decode(text, QueryCursor.class, c -> c.ref() != null && c.values() != null && c.totalItems() >= 0
                && complete(c.filter()) && complete(c.orderFields()) && complete(c.termFields()));
    }

    private static boolean complete(List<String> list) {
        return list != null && list.stream().allMatch(Objects::nonNull);
    }
}
