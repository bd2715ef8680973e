package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Problem;
import io.catalog.graph.processing.EntityProcessor;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.processing.RefreshService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /refresh}, {@code /validate-entity} and {@code /analyze-location} of the Backstage catalog API. */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogActionsResource {

    public record RefreshInput(String entityRef, String authorizationToken) {
    }

    private final RefreshService refresh;
    private final EntityProcessor processor;
    private final LocationService locations;

    public CatalogActionsResource(RefreshService refresh, EntityProcessor processor, LocationService locations) {
        this.refresh = refresh;
        this.processor = processor;
        this.locations = locations;
    }

    /** Re-reads the location of an entity now; the answer comes after the new content is stored. */
    @Access(AccessLevel.WRITE)
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

    /**
     * Finds the descriptor at a location and what it holds, before registering. Without one, suggests a Component
     * whose owner the user must fill in.
     */
    @Access(AccessLevel.WRITE)
    @POST
    @Path("/analyze-location")
    public Map<String, Object> analyzeLocation(JsonNode body) {
        JsonNode location = body == null ? null : body.get("location");
        if (location == null || !location.path("target").isTextual()) {
            throw ApiException.badRequest("location with a target is required");
        }
        LocationSpec spec = new LocationSpec(location.path("type").asText("url"), location.get("target").asText());
        // the client and Backstage's router say catalogFilename; its OpenAPI file says catalogFileName
        String fileName = body.path("catalogFilename").asText(body.path("catalogFileName").asText(null));
        LocationService.Analysis analysis = locations.analyze(spec, fileName);
        List<Map<String, Object>> existing = new ArrayList<>();
        for (ProcessedEntity entity : analysis.entities()) {
            existing.add(Map.of("location", Map.of("type", analysis.descriptor().type(), "target", analysis.descriptor().target()),
                    "isRegistered", analysis.registered(), "entity", entity.body()));
        }
        List<Map<String, Object>> generate = new ArrayList<>();
        if (analysis.entities().isEmpty()) {
            generate.add(suggestedComponent(spec));
        }
        return Map.of("existingEntityFiles", existing, "generateEntities", generate);
    }

    private static Map<String, Object> suggestedComponent(LocationSpec spec) {
        String[] segments = spec.target().replaceAll("/+$", "").split("/");
        String name = segments[segments.length - 1].replaceAll("\\.(ya?ml)$", "").replaceAll("[^A-Za-z0-9_.-]", "-");
        Map<String, Object> entity = Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component",
                "metadata", Map.of("name", name), "spec", Map.of("type", "other", "lifecycle", "unknown"));
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("field", "spec.owner");
        owner.put("state", "needsUserInput");
        owner.put("value", null);
        owner.put("description", "No catalog descriptor was found at " + spec + "; enter the group that owns this component");
        return Map.of("entity", entity, "fields", List.of(owner));
    }

    @Access(AccessLevel.READ)
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
