package io.catalog.graph.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.processing.CatalogReadiness;
import io.catalog.graph.storage.EntityCursor;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.StorageException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Argo CD's ApplicationSet plugin generator protocol: {@code POST /api/v1/getparams.execute} with
 * {@code {"applicationSetName": …, "input": {"parameters": {"filter": …, "fields": […]}}}} answers
 * {@code {"output": {"parameters": [ … ]}}}, one parameter set per matching entity.
 *
 * <p>An empty list makes Argo CD delete Applications, so an incomplete answer is never given: before the first
 * load finishes, or when the database cannot be read, the answer is 503 and Argo CD keeps what it has.
 */
@Access(AccessLevel.ARGOCD)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationSetPluginResource {

    private final EntityReader reader;
    private final CatalogReadiness readiness;
    private final ReadLimits limits;
    private final ObjectMapper json;

    public ApplicationSetPluginResource(EntityReader reader, CatalogReadiness readiness, ReadLimits limits, ObjectMapper json) {
        this.reader = reader;
        this.readiness = readiness;
        this.limits = limits;
        this.json = json;
    }

    @POST
    @Path("/getparams.execute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response execute(JsonNode body, @Context HttpServerRequest request) {
        String method = request.method().name();
        JsonNode parameters = body == null ? null : body.path("input").path("parameters");
        List<String> filters = strings(parameters == null ? null : parameters.get("filter"));
        List<String> fields = strings(parameters == null ? null : parameters.get("fields"));
        EntityFilter filter = EntityFilter.parse(filters);
        if (!readiness.complete()) {
            return ApiError.response(503, "ServiceUnavailableError",
                    "the catalog has not finished loading or its database is unreachable; try again", method, request.uri());
        }
        EntityCursor entities;
        try {
            entities = reader.stream(new EntityQuery(filter, List.of(new EntityQuery.Order("metadata.name", false)), null, 0, null),
                    EntityReader.Shape.STORED, limits.streamPageSize());
        } catch (StorageException e) {
            return ApiError.response(503, "ServiceUnavailableError", "the catalog database is unreachable; try again", method, request.uri());
        }
        // streamed as read: hundreds of thousands of parameter sets never sit in memory at once. Should the database
        // fail halfway, the answer breaks off as invalid JSON, which Argo CD refuses (keeping its Applications),
        // never a short list it would take as complete
        StreamingOutput answer = out -> {
            try (entities; JsonGenerator generator = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                generator.writeStartObject();
                generator.writeObjectFieldStart("output");
                generator.writeArrayFieldStart("parameters");
                while (entities.hasNext()) {
                    generator.writeObject(ApplicationSetParameters.of(entities.next(), fields));
                }
                generator.writeEndArray();
                generator.writeEndObject();
                generator.writeEndObject();
            }
        };
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    /** A parameter given as one string or a list of strings. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
