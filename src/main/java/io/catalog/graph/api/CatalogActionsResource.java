package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Problem;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.processing.RefreshService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /refresh} and {@code POST /validate-entity} of the Backstage catalog API. */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogActionsResource {

    public record RefreshInput(String entityRef, String authorizationToken) {
    }

    private final RefreshService refresh;
    private final EntityProcessor processor;

    public CatalogActionsResource(RefreshService refresh, EntityProcessor processor) {
        this.refresh = refresh;
        this.processor = processor;
    }

    /** Re-reads the location of an entity now; the answer comes after the new content is stored. */
    @POST
    @Path("/refresh")
    public Response refresh(RefreshInput input) {
        if (input == null || input.entityRef() == null || input.entityRef().isBlank()) {
            throw ApiException.badRequest("entityRef is required");
        }
        EntityRef ref = EntityRef.parse(input.entityRef(), null, "default");
        refresh.refreshEntity(ref).orElseThrow(() -> ApiException.notFound("No entity " + ref + " with a location to refresh"));
        return Response.ok().build();
    }

    @POST
    @Path("/validate-entity")
    public Response validate(JsonNode body) {
        if (body == null || !body.path("entity").isObject()) {
            throw ApiException.badRequest("Malformed request: entity must be an object");
        }
        if (!body.path("location").isTextual()) {
            throw ApiException.badRequest("Malformed request: location must be a string");
        }
        List<Problem> problems = processor.validate(body.get("entity"));
        if (problems.isEmpty()) {
            return Response.ok().build();
        }
        return ApiError.validationErrors(problems.stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("name", "InputError");
            error.put("message", EntityProcessor.describe(p));
            return error;
        }).toList());
    }
}
