package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
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

/**
 * {@code /entities/by-query} (cursor paging both ways, totals, full-text term; GET with Backstage's filter strings,
 * POST with predicates) and {@code /entity-facets}.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class EntityQueryResource {

    static final int DEFAULT_LIMIT = 20;

    private final EntityReader reader;
    private final ObjectMapper json;

    public EntityQueryResource(EntityReader reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @GET
    @Path("/entities/by-query")
    public Map<String, Object> query(@RestQuery List<String> filter, @RestQuery List<String> fields, @RestQuery Integer limit,
                                     @RestQuery Integer offset, @RestQuery List<String> orderField, @RestQuery String cursor,
                                     @RestQuery String fullTextFilterTerm, @RestQuery List<String> fullTextFilterFields) {
        QueryCursor.Request request = new QueryCursor.Request(filter == null ? List.of() : filter, null,
                fullText(fullTextFilterTerm, split(fullTextFilterFields), orderField), orderField == null ? List.of() : orderField);
        return run(request, limit, offset, cursor, FieldSelection.parse(fields));
    }

    /** Body: {@code {query, orderBy: [{field, order}], fullTextFilter: {term, fields}, fields, limit, offset, cursor}}. */
    @POST
    @Path("/entities/by-query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> queryByPredicate(JsonNode body) {
        JsonNode input = body == null ? json.createObjectNode() : body;
        PredicateParser.parse(input.get("query")); // reject a malformed predicate before counting anything
        List<String> orderFields = new ArrayList<>();
        input.path("orderBy").forEach(o -> orderFields.add(o.path("field").asText() + "," + o.path("order").asText("asc")));
        List<String> textFields = new ArrayList<>();
        input.path("fullTextFilter").path("fields").forEach(f -> textFields.add(f.asText()));
        QueryCursor.Request request = new QueryCursor.Request(List.of(), input.hasNonNull("query") ? input.get("query") : null,
                fullText(input.path("fullTextFilter").path("term").asText(null), textFields, orderFields), orderFields);
        List<String> fields = new ArrayList<>();
        input.path("fields").forEach(f -> fields.add(f.asText()));
        Integer limit = input.hasNonNull("limit") ? input.get("limit").asInt() : null;
        Integer offset = input.hasNonNull("offset") ? input.get("offset").asInt() : null;
        return run(request, limit, offset, input.path("cursor").asText(null), FieldSelection.parse(fields));
    }

    private Map<String, Object> run(QueryCursor.Request initial, Integer limit, Integer offset, String cursorText, FieldSelection fields) {
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 0 || offset != null && offset < 0) {
            throw ApiException.badRequest("limit and offset must not be negative");
        }
        QueryCursor.Request request;
        EntityQuery query;
        long total;
        boolean fromCursor = cursorText != null && !cursorText.isBlank();
        if (fromCursor) {
            QueryCursor cursor = QueryCursor.decode(json, cursorText);
            request = cursor.request();
            query = cursor.query(pageSize);
            total = cursor.totalItems();
        } else {
            request = initial;
            query = request.toQuery(pageSize, offset == null ? 0 : offset, null, false);
            total = reader.count(query);
        }
        EntityReader.Page page = reader.page(query);

        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (!page.items().isEmpty()) {
            boolean moreAfter = query.backward() || page.more();
            boolean moreBefore = query.backward() ? page.more() : fromCursor || query.offset() > 0;
            if (moreAfter) {
                pageInfo.put("nextCursor", QueryCursor.of(request, page.last(), false, total).encode(json));
            }
            if (moreBefore) {
                pageInfo.put("prevCursor", QueryCursor.of(request, page.first(), true, total).encode(json));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("items", page.items().stream().map(fields::apply).toList());
        response.put("totalItems", total);
        response.put("pageInfo", pageInfo);
        return response;
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
        List<String> facets = new ArrayList<>();
        if (body != null) {
            body.path("facets").forEach(f -> facets.add(f.asText()));
        }
        return facets(facets, PredicateParser.parse(body == null ? null : body.get("query")));
    }

    private Map<String, Object> facets(List<String> facets, Predicate filter) {
        if (facets == null || facets.isEmpty()) {
            throw ApiException.badRequest("at least one facet is required");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        reader.facets(facets, filter).forEach((facet, counts) -> result.put(facet, counts));
        return Map.of("facets", result);
    }

    /** Without fields named, the term is matched against the first order field, else {@code metadata.uid}, as Backstage does. */
    private static EntityQuery.FullText fullText(String term, List<String> fields, List<String> orderFields) {
        if (term == null || term.isBlank()) {
            return null;
        }
        List<String> searched = fields;
        if (searched.isEmpty()) {
            String first = orderFields == null || orderFields.isEmpty() ? "metadata.uid" : orderFields.get(0).split(",")[0];
            searched = List.of(first);
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
