package io.catalog.graph.api;

import io.catalog.graph.storage.LocationRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Operator views that Backstage's API has no room for: the state of every location the catalog reads. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** Every location (registered or declared by a Location entity) with its last read, status and errors. */
    @GET
    @Path("/locations")
    public List<LocationRecord> locations() {
        return LocationRecord.all();
    }
}
