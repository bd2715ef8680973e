package io.catalog.graph.api;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationRepository;
import io.catalog.graph.storage.LocationState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** Operator views and actions that Backstage's API has no room for. */
@Access(AccessLevel.READ)
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final LocationRepository repository;
    private final LocationService locations;

    public AdminResource(LocationRepository repository, LocationService locations) {
        this.repository = repository;
        this.locations = locations;
    }

    /** Every location (registered or declared by a Location entity) with its last read, status and errors. */
    @GET
    @Path("/locations")
    public List<LocationState> locations() {
        return repository.all();
    }

    /**
     * Removes the configuration-registered locations that this instance's configuration does not declare (left by an
     * old configuration, or by another instance's), orphaning what they produced. Never done automatically: a pod
     * started with a wrong configuration must not take the others' catalog with it.
     */
    @Access(AccessLevel.WRITE)
    @POST
    @Path("/locations/prune-configured")
    public Map<String, List<String>> pruneConfigured() {
        return Map.of("removed", locations.pruneConfigured().stream().map(LocationSpec::toString).toList());
    }
}
