package io.catalog.graph.api;

import io.catalog.graph.graph.GraphConsistency;
import io.catalog.graph.graph.ProjectionLoop;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.neo4j.driver.exceptions.Neo4jException;

import java.util.Map;

/** Operating the Neo4j projection: rebuild it from PostgreSQL, and check that the two stores agree. */
@Access(AccessLevel.READ)
@Path("/api/graph")
@Produces(MediaType.APPLICATION_JSON)
public class GraphAdminResource {

    private final ProjectionLoop loop;
    private final GraphConsistency consistency;

    public GraphAdminResource(ProjectionLoop loop, GraphConsistency consistency) {
        this.loop = loop;
        this.consistency = consistency;
    }

    /**
     * Clears the graph and projects every entity again, on the projector thread under the projector lock: 202 at once
     * (a rebuild of 100,000 entities outlasts an HTTP timeout), then {@code GET /consistency} says when it is done.
     */
    @Access(AccessLevel.WRITE)
    @POST
    @Path("/rebuild")
    public Response rebuild() {
        if (!loop.enabled()) {
            throw new ApiException(503, "this instance runs no graph projector (catalog.graph.projector-enabled=false);"
                    + " ask one that does");
        }
        long ticket = loop.requestRebuild();
        return Response.accepted(Map.of("rebuild", "accepted", "request", ticket)).build();
    }

    /** Whether Neo4j shows what PostgreSQL holds; 503 when Neo4j cannot be read. */
    @GET
    @Path("/consistency")
    public GraphConsistency.Report consistency() {
        try {
            return consistency.check();
        } catch (Neo4jException e) {
            throw new ApiException(503, "the graph database is unavailable: " + e.getMessage());
        }
    }
}
