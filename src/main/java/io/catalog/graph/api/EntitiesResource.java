package io.catalog.graph.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.storage.EntityCursor;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.CatalogWriter;
import io.catalog.graph.storage.Predicate;
import io.catalog.graph.storage.PredicateParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Entity reads of the Backstage catalog API. */
@Access(AccessLevel.READ)
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class EntitiesResource {

    private final EntityReader reader;
    private final CatalogWriter writer;
    private final ReadLimits limits;
    private final ObjectMapper json;

    public EntitiesResource(EntityReader reader, CatalogWriter writer, ReadLimits limits, ObjectMapper json) {
        this.reader = reader;
        this.writer = writer;
        this.limits = limits;
        this.json = json;
    }

    /**
     * Without {@code limit}, every match is streamed from one snapshot of the catalog, read {@code
     * catalog.limits.stream-page-size} at a time, so memory stays bounded whatever the catalog's size; with one, a page of at most max-page-size items whose
     * {@code Link} header leads on.
     */
    @GET
    @Path("/entities")
    public Response list(@RestQuery List<String> filter, @RestQuery List<String> fields, @RestQuery List<String> order,
                         @RestQuery String limit, @RestQuery String offset, @RestQuery String after, UriInfo uri) {
        List<EntityQuery.Order> ordering = order == null ? List.of() : order.stream().map(EntityQuery.Order::parse).toList();
        limits.checkOrderFields(ordering.size());
        Long requested = Inputs.count("limit", limit);
        int start = ReadLimits.offset(Inputs.count("offset", offset));
        EntityQuery.Cursor position = after == null || after.isBlank() ? null
                : Cursors.decode(after, EntityQuery.Cursor.class, c -> c.values() != null && c.entityRef() != null);
        EntityFilter parsed = EntityFilter.parse(filter);
        FieldSelection selection = FieldSelection.parse(fields);
        if (requested == null) {
            return stream(parsed, ordering, start, position, selection);
        }
        EntityReader.Page<Object> page = selection.page(reader, new EntityQuery(parsed, ordering, limits.pageSize(requested, 0), start, position));
        Response.ResponseBuilder response = Response.ok(page.items());
        if (page.more() && page.last() != null) {
            String next = uri.getRequestUriBuilder().replaceQueryParam("offset").replaceQueryParam("after", Cursors.encode(page.last()))
                    .build().toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    /** The query runs before answering, so a bad query or an outage still gets its error status. */
    private Response stream(EntityFilter filter, List<EntityQuery.Order> ordering, int offset, EntityQuery.Cursor position,
                            FieldSelection selection) {
        EntityCursor entities = reader.stream(new EntityQuery(filter, ordering, null, offset, position),
                EntityReader.Shape.SERVED, limits.streamPageSize());
        StreamingOutput body = out -> {
            try (entities; JsonGenerator generator = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                generator.writeStartArray();
                while (entities.hasNext()) {
                    json.writeTree(generator, selection.apply(entities.next()));
                }
                generator.writeEndArray();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/entities/by-name/{kind}/{namespace}/{name}")
    public ObjectNode byName(@RestPath String kind, @RestPath String namespace, @RestPath String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        return reader.byRef(ref).orElseThrow(() -> ApiException.notFound("No entity named '" + ref + "' found"));
    }

    @GET
    @Path("/entities/by-uid/{uid}")
    public ObjectNode byUid(@RestPath String uid) {
        return reader.byUid(uid(uid)).orElseThrow(() -> ApiException.notFound("No entity with uid " + uid));
    }

    /**
     * Removes an entity; if its location still contains it, it returns at that location's next refresh. An unknown
     * uid also answers 204, as Backstage does: the entity is gone either way.
     */
    @Access(AccessLevel.WRITE)
    @DELETE
    @Path("/entities/by-uid/{uid}")
    public Response deleteByUid(@RestPath String uid) {
        try {
            writer.deleteEntity(UUID.fromString(uid));
        } catch (IllegalArgumentException notAUid) {
            // nothing can have that uid
        }
        return Response.noContent().build();
    }

    /** Request body of {@code POST /entities/by-refs}; {@code query} is a predicate the entities must also match. */
    public record ByRefsInput(List<String> entityRefs, List<String> fields, JsonNode query) {
    }

    /** The entities for the refs, in the same order, {@code null} where none exists (or the filter rules it out). */
    @POST
    @Path("/entities/by-refs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, List<JsonNode>> byRefs(ByRefsInput input, @RestQuery List<String> filter) {
        if (input == null || input.entityRefs() == null) {
            throw ApiException.badRequest("entityRefs is required");
        }
        limits.checkRefs(input.entityRefs().size());
        List<String> refs = input.entityRefs().stream().map(r -> EntityRef.parse(r, null, "default").toString()).toList();
        Predicate condition = Predicate.and(Predicate.of(EntityFilter.parse(filter)), PredicateParser.parse(input.query()));
        Map<String, ObjectNode> found = reader.byRefs(new HashSet<>(refs), condition);
        FieldSelection selection = FieldSelection.parse(input.fields());
        List<JsonNode> items = new ArrayList<>();
        for (String ref : refs) {
            ObjectNode entity = found.get(ref);
            items.add(entity == null ? null : selection.apply(entity.deepCopy()));
        }
        return Map.of("items", items);
    }

    /** The entity (first, and the {@code rootEntityRef}) and the Location entities it was read through, up to its registered location. */
    @GET
    @Path("/entities/by-name/{kind}/{namespace}/{name}/ancestry")
    public Map<String, Object> ancestry(@RestPath String kind, @RestPath String namespace, @RestPath String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        Map<String, List<String>> parents = reader.ancestry(ref);
        Map<String, ObjectNode> entities = reader.byRefs(parents.keySet(), Predicate.MATCH_ALL);
        if (!entities.containsKey(ref.toString())) {
            throw ApiException.notFound("No entity named '" + ref + "' found");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : parents.entrySet()) {
            ObjectNode entity = entities.get(entry.getKey());
            if (entity == null) {
                break; // a parent vanished between the two reads: the chain ends here
            }
            items.add(Map.of("entity", entity, "parentEntityRefs", entry.getValue().stream().filter(entities::containsKey).toList()));
        }
        // as Backstage: the root of the answer is the entity asked about, its ancestors hang above it
        return Map.of("rootEntityRef", ref.toString(), "items", items);
    }

    private static UUID uid(String uid) {
        try {
            return UUID.fromString(uid);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No entity with uid " + uid);
        }
    }
}
