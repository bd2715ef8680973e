package io.catalog.graph.api;

import io.catalog.graph.model.CatalogAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.processing.GeneratedLocationEntity;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.storage.Predicate;
import io.catalog.graph.storage.PredicateMatcher;
import io.catalog.graph.storage.PredicateParser;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.storage.EntityFilter;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.LocationRepository;
import io.catalog.graph.storage.LocationState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
@Access(AccessLevel.READ)
@Path("/api/catalog/locations")
@Produces(MediaType.APPLICATION_JSON)
public class LocationsResource {

    /** Request body of {@code POST /locations}. */
    public record LocationInput(String type, String target) {
    }

    static final int DEFAULT_LOCATIONS_LIMIT = 1000;

    private final LocationService locations;
    private final EntityReader reader;
    private final ReadLimits limits;
    private final LocationRepository repository;

    public LocationsResource(LocationService locations, EntityReader reader, ReadLimits limits, LocationRepository repository) {
        this.repository = repository;
        this.locations = locations;
        this.reader = reader;
        this.limits = limits;
    }

    /**
     * Registers a location and reads it at once. {@code onConflict=refresh} re-reads an existing registration
     * instead of answering 409 ({@code reject}, the default).
     */
    @Access(AccessLevel.WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(LocationInput input, @RestQuery Boolean dryRun, @RestQuery String onConflict) {
        LocationSpec spec = spec(input);
        if (Boolean.TRUE.equals(dryRun)) {
            return dryRun(spec);
        }
        UUID id;
        try {
            id = locations.register(spec);
        } catch (LocationStore.AlreadyRegisteredException e) {
            if (!"refresh".equals(onConflict) || e.existingId() == null) {
                throw e;
            }
            id = e.existingId();
            locations.refreshNow(id);
        }
        return Response.status(201).entity(Map.of("location", view(id, spec), "entities", entitiesFrom(spec))).build();
    }

    /** Points a registered location at a new target; its id stays. */
    @Access(AccessLevel.WRITE)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@RestPath String id, LocationInput input) {
        UUID existing = registered(id).id();
        LocationSpec spec = spec(input);
        if (!locations.update(existing, spec)) {
            throw ApiException.notFound("Found no location with ID " + id);
        }
        return view(existing, spec);
    }

    private static LocationSpec spec(LocationInput input) {
        if (input == null || input.type() == null || input.target() == null) {
            throw ApiException.badRequest("Location must have a type and a target");
        }
        return new LocationSpec(input.type(), input.target());
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
        return repository.listed().stream()
                .map(r -> Map.<String, Object>of("data", view(r.id(), r.spec())))
                .toList();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@RestPath String id) {
        LocationState location = registered(id);
        return view(location.id(), location.spec());
    }

    @Access(AccessLevel.WRITE)
    @DELETE
    @Path("/{id}")
    public Response delete(@RestPath String id) {
        locations.delete(registered(id).id());
        return Response.noContent().build();
    }

    /** The registered location an entity descends from ({@code backstage.io/managed-by-origin-location}). */
    @GET
    @Path("/by-entity/{kind}/{namespace}/{name}")
    public Map<String, Object> byEntity(@RestPath String kind, @RestPath String namespace, @RestPath String name) {
        EntityRef ref = new EntityRef(kind, namespace, name);
        JsonNode entity = reader.byRef(ref).orElseThrow(() -> ApiException.notFound("No entity named '" + ref + "' found"));
        String origin = entity.path("metadata").path("annotations").path(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION).asText(null);
        if (origin == null) {
            throw ApiException.notFound("Entity " + ref + " has no origin location");
        }
        LocationSpec spec = LocationSpec.parse(origin);
        UUID id = locations.find(spec).orElseThrow(() -> ApiException.notFound("Found no location " + origin + " for entity " + ref));
        return view(id, spec);
    }

    /** Where {@code POST /locations/by-query} goes on: the query, the next offset and the page size. */
    record LocationCursor(JsonNode query, int offset, int limit) {
    }

    /**
     * Body: {@code {query: predicate over id/type/target/entityRef, limit (default 1000, at most max-page-size),
     * cursor}}; the cursor carries the rest.
     */
    @POST
    @Path("/by-query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> byQuery(JsonNode body) {
        JsonNode input = Inputs.object(body);
        Long requested = Inputs.count(input, "limit");
        String cursorText = Inputs.text(input, "cursor");
        JsonNode query = input.get("query");
        int start = 0;
        if (cursorText != null && !cursorText.isBlank()) {
            LocationCursor cursor = Cursors.decode(cursorText, LocationCursor.class, c -> c.offset() >= 0 && c.limit() >= 1);
            query = cursor.query();
            start = cursor.offset();
            requested = requested == null ? Long.valueOf(cursor.limit()) : requested;
        }
        int limit = limits.pageSize(requested, DEFAULT_LOCATIONS_LIMIT);
        if (limit < 1) {
            throw ApiException.badRequest("limit must be at least 1");
        }
        Predicate predicate = PredicateParser.parse(query);
        // registered locations are few (one per registration, not per file), so they are matched in memory
        List<Map<String, Object>> matching = repository.listed().stream()
                .map(r -> view(r.id(), r.spec()))
                .filter(v -> PredicateMatcher.matches(predicate, Map.of("id", (String) v.get("id"), "type", (String) v.get("type"),
                        "target", (String) v.get("target"), "entityRef", (String) v.get("entityRef"))))
                .toList();
        int end = (int) Math.min(matching.size(), (long) start + limit);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        if (end < matching.size()) {
            pageInfo.put("nextCursor", Cursors.encode(new LocationCursor(query, end, limit)));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("items", start >= matching.size() ? List.of() : matching.subList(start, end));
        response.put("totalItems", matching.size());
        response.put("pageInfo", pageInfo);
        return response;
    }

    private LocationState registered(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Found no location with ID " + id);
        }
        return repository.listed(uuid).orElseThrow(() -> ApiException.notFound("Found no location with ID " + id));
    }

    private List<JsonNode> entitiesFrom(LocationSpec spec) {
        EntityFilter origin = EntityFilter.parse(List.of("metadata.annotations.backstage.io/managed-by-origin-location=" + spec));
        return List.copyOf(reader.page(new EntityQuery(origin, List.of(), null, 0, null)).items());
    }

    /** A location as Backstage shows it, with the ref of the Location entity that stands for it. */
    private static Map<String, Object> view(UUID id, LocationSpec spec) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id.toString());
        view.put("type", spec.type());
        view.put("target", spec.target());
        view.put("entityRef", GeneratedLocationEntity.refOf(spec).toString());
        return view;
    }
}
