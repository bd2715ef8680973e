package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.UUID;

/** Entity reads of the Backstage catalog API. */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class EntitiesResource {

    private final EntityReader reader;
    private final ObjectMapper json;

    public EntitiesResource(EntityReader reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @GET
    @Path("/entities")
    public Response list(@RestQuery List<String> filter, @RestQuery List<String> fields, @RestQuery List<String> order,
                         @RestQuery Integer limit, @RestQuery Integer offset, @RestQuery String after, UriInfo uri) {
        if (limit != null && limit < 0 || offset != null && offset < 0) {
            throw ApiException.badRequest("limit and offset must not be negative");
        }
        EntityQuery query = new EntityQuery(EntityFilter.parse(filter),
                order == null ? List.of() : order.stream().map(EntityQuery.Order::parse).toList(),
                limit, offset == null ? 0 : offset, after == null ? null : Cursors.decode(json, after));
        EntityReader.Page page = reader.page(query);
        FieldSelection selection = FieldSelection.parse(fields);
        List<JsonNode> items = page.items().stream().map(selection::apply).toList();
        Response.ResponseBuilder response = Response.ok(items);
        if (page.next() != null) {
            String next = uri.getRequestUriBuilder().replaceQueryParam("offset").replaceQueryParam("after", Cursors.encode(json, page.next()))
                    .build().toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
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
        UUID id;
        try {
            id = UUID.fromString(uid);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No entity with uid " + uid);
        }
        return reader.byUid(id).orElseThrow(() -> ApiException.notFound("No entity with uid " + uid));
    }
}
