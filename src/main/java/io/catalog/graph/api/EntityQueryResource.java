package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityCounts;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.Predicate;
import io.catalog.graph.storage.PredicateParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /entities/by-query} (cursor paging both ways, totals, full-text term; GET with Backstage's filter strings,
 * POST with predicates) and {@code /entity-facets}.
 */
@Access(AccessLevel.READ)
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class EntityQueryResource {

    static final int DEFAULT_LIMIT = 20;

    private final EntityReader reader;
    private final EntityCounts counts;
    private final ReadLimits limits;

    public EntityQueryResource(EntityReader reader, EntityCounts counts, ReadLimits limits) {
        this.reader = reader;
        this.counts = counts;
        this.limits = limits;
    }

    @GET
    @Path("/entities/by-query")
    public Map<String, Object> query(@RestQuery List<String> filter, @RestQuery List<String> fields, @RestQuery String limit,
                                     @RestQuery String offset, @RestQuery List<String> orderField, @RestQuery String cursor,
                                     @RestQuery String fullTextFilterTerm, @RestQuery List<String> fullTextFilterFields,
                                     @RestQuery String totalItems) {
        QueryCursor.Request request = new QueryCursor.Request(filter == null ? List.of() : filter, null,
                fullText(fullTextFilterTerm, split(fullTextFilterFields), orderField), orderField == null ? List.of() : orderField);
        return run(request, Inputs.count("limit", limit), Inputs.count("offset", offset), cursor, FieldSelection.parse(fields),
                countsTotal(totalItems));
    }

    /**
     * Body: {@code {query, orderBy: [{field, order}], fullTextFilter: {term, fields}, fields, limit, offset, cursor,
     * totalItems}}.
     */
    @POST
    @Path("/entities/by-query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> queryByPredicate(JsonNode body) {
        JsonNode input = Inputs.object(body);
        PredicateParser.parse(input.get("query")); // reject a malformed predicate before counting anything
        JsonNode orderBy = input.path("orderBy");
        if (!orderBy.isMissingNode() && !orderBy.isNull() && !orderBy.isArray()) {
            throw ApiException.badRequest("orderBy must be an array of {field, order}");
        }
        List<String> orderFields = new ArrayList<>();
        for (JsonNode order : orderBy) {
            if (!order.isObject()) {
                throw ApiException.badRequest("orderBy must be an array of {field, order}");
            }
            String direction = Inputs.text(order, "order");
            orderFields.add(Objects.requireNonNullElse(Inputs.text(order, "field"), "") + "," + (direction == null ? "asc" : direction));
        }
        JsonNode textFilter = Inputs.object(input.get("fullTextFilter"));
        QueryCursor.Request request = new QueryCursor.Request(List.of(), input.hasNonNull("query") ? input.get("query") : null,
                fullText(Inputs.text(textFilter, "term"), Inputs.strings(textFilter, "fields"), orderFields), orderFields);
        return run(request, Inputs.count(input, "limit"), Inputs.count(input, "offset"), Inputs.text(input, "cursor"),
                FieldSelection.parse(Inputs.strings(input, "fields")), countsTotal(Inputs.text(input, "totalItems")));
    }

    private Map<String, Object> run(QueryCursor.Request initial, Long limit, Long offset, String cursorText, FieldSelection fields,
                                    boolean countTotal) {
        int pageSize = limits.pageSize(limit, DEFAULT_LIMIT);
        QueryCursor.Request request;
        EntityQuery query;
        long total;
        boolean fromCursor = cursorText != null && !cursorText.isBlank();
        if (fromCursor) {
            QueryCursor cursor = QueryCursor.decode(cursorText);
            request = cursor.request();
            limits.checkOrderFields(request.orderFields().size());
            query = cursor.query(pageSize);
            total = cursor.totalItems();
        } else {
            request = initial;
            limits.checkOrderFields(request.orderFields().size());
            query = request.toQuery(pageSize, ReadLimits.offset(offset), null, false);
            total = countTotal ? counts.count(query) : 0; // Backstage answers 0 when the count is excluded
        }
        EntityReader.Page<Object> page = fields.page(reader, query);

        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (!page.items().isEmpty()) {
            boolean moreAfter = query.backward() || page.more();
            boolean moreBefore = query.backward() ? page.more() : fromCursor || query.offset() > 0;
            if (moreAfter) {
                pageInfo.put("nextCursor", QueryCursor.of(request, page.last(), false, total).encode());
            }
            if (moreBefore) {
                pageInfo.put("prevCursor", QueryCursor.of(request, page.first(), true, total).encode());
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("items", page.items());
        response.put("totalItems", total);
        response.put("pageInfo", pageInfo);
        return response;
    }

    /** Backstage's {@code totalItems}: {@code include} (the default) counts every match, {@code exclude} skips that work. */
    private static boolean countsTotal(String totalItems) {
        if (totalItems == null || totalItems.equals("include")) {
            return true;
        }
        if (totalItems.equals("exclude")) {
            return false;
        }
        throw ApiException.badRequest("totalItems must be 'include' or 'exclude', but is '" + Inputs.shorten(totalItems) + "'");
    }

    @GET
    @Path("/entity-facets")
    public Map<String, Object> facets(@RestQuery List<String> facet, @RestQuery List<String> filter) {
        return facets(facet, Predicate.of(EntityFilter.parse(filter)));
    }

    /** Body: {@code {facets: [...], query: predicate}}. */
    @POST
    @Path("/entity-facets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> facetsByPredicate(JsonNode body) {
        JsonNode input = Inputs.object(body);
        return facets(Inputs.strings(input, "facets"), PredicateParser.parse(input.get("query")));
    }

    private Map<String, Object> facets(List<String> facets, Predicate filter) {
        if (facets == null || facets.isEmpty()) {
            throw ApiException.badRequest("at least one facet is required");
        }
        limits.checkFacets(facets.size());
        Map<String, Object> result = new LinkedHashMap<>();
        counts.facets(facets, filter).forEach(result::put);
        return Map.of("facets", result);
    }

    /** Without fields named, the term is matched against the first order field, else {@code metadata.uid}, as Backstage does. */
    private static EntityQuery.FullText fullText(String term, List<String> fields, List<String> orderFields) {
        if (term == null || term.isBlank()) {
            return null;
        }
        List<String> searched = fields;
        if (searched.isEmpty()) {
            List<EntityQuery.Order> order = OrderFields.parse(orderFields);
            searched = List.of(order.isEmpty() ? "metadata.uid" : order.get(0).field());
        }
        return new EntityQuery.FullText(term, searched);
    }

    private static List<String> split(List<String> parameters) {
        List<String> values = new ArrayList<>();
        if (parameters != null) {
            parameters.forEach(p -> values.addAll(List.of(p.split(","))));
        }
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
