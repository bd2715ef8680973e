package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.ingest.LocationSpec;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.processing.ProcessedEntity;
import io.catalog.graph.processing.ProcessingError;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.LocationRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The locations routes of the Backstage catalog API. */
@Path("/api/catalog/locations")
@Produces(MediaType.APPLICATION_JSON)
public class LocationsResource {

    /** Request body of {@code POST /locations}. */
    public record LocationInput(String type, String target) {
    }

    private final LocationService locations;
    private final EntityReader reader;

    public LocationsResource(LocationService locations, EntityReader reader) {
        this.locations = locations;
        this.reader = reader;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(LocationInput input, @RestQuery Boolean dryRun) {
        if (input == null || input.type() == null || input.target() == null) {
            throw ApiException.badRequest("Location must have a type and a target");
        }
        LocationSpec spec = new LocationSpec(input.type(), input.target());
        if (Boolean.TRUE.equals(dryRun)) {
            return dryRun(spec);
        }
        UUID id = locations.register(spec);
        return Response.status(201).entity(Map.of("location", view(id, spec), "entities", entitiesFrom(spec))).build();
    }

    private Response dryRun(LocationSpec spec) {
        LocationService.DryRun result = locations.dryRun(spec);
        if (!result.errors().isEmpty()) {
            throw ApiException.badRequest("Location " + spec + " cannot be processed: "
                    + result.errors().stream().map(ProcessingError::message).collect(Collectors.joining("; ")));
        }
        var existing = locations.find(spec);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exists", existing.isPresent());
        body.put("location", view(existing.orElseGet(UUID::randomUUID), spec));
        body.put("entities", result.entities().stream().map(ProcessedEntity::body).toList());
        return Response.status(201).entity(body).build();
    }

    @GET
    public List<Map<String, Object>> list() {
        return LocationRecord.registered().stream()
                .map(r -> Map.<String, Object>of("data", view(r.id, new LocationSpec(r.type, r.target))))
                .toList();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@RestPath String id) {
        LocationRecord record = registered(id);
        return view(record.id, new LocationSpec(record.type, record.target));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@RestPath String id) {
        LocationRecord record = registered(id);
        locations.delete(record.id);
        return Response.noContent().build();
    }

    private static LocationRecord registered(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Found no location with ID " + id);
        }
        LocationRecord record = LocationRecord.findById(uuid);
        if (record == null || "entity".equals(record.source)) {
            throw ApiException.notFound("Found no location with ID " + id);
        }
        return record;
    }

    private List<JsonNode> entitiesFrom(LocationSpec spec) {
        EntityFilter origin = EntityFilter.parse(List.of("metadata.annotations.backstage.io/managed-by-origin-location=" + spec));
        return List.copyOf(reader.page(new EntityQuery(origin, List.of(), null, 0, null)).items());
    }

    private static Map<String, Object> view(UUID id, LocationSpec spec) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id.toString());
        view.put("type", spec.type());
        view.put("target", spec.target());
        return view;
    }
}
