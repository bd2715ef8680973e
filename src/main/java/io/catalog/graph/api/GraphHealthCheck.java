package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.graph.ProjectionLoop;
import io.catalog.graph.storage.GraphChangeStore;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.neo4j.driver.Driver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code /q/health/group/graph}: Neo4j answers and the projection lag is under {@code catalog.graph.max-lag}. Its
 * own group, deliberately not readiness or liveness: the catalog serves and ingests while Neo4j is down, so an outage
 * must neither take replicas out of service nor restart them.
 */
@HealthGroup("graph")
@ApplicationScoped
public class GraphHealthCheck implements HealthCheck {

    /** A health probe answers quickly, or not at all: a blackholed host must not hold it for the driver's timeouts. */
    private static final long CONNECT_TIMEOUT_MS = 2000;

    private final Driver driver;
    private final GraphChangeStore store;
    private final ProjectionLoop loop;
    private final Duration maxLag;

    public GraphHealthCheck(Driver driver, GraphChangeStore store, ProjectionLoop loop, CatalogConfig config) {
        this.driver = driver;
        this.store = store;
        this.loop = loop;
        this.maxLag = config.graph().maxLag();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("graph-projection");
        boolean up = true;
        try {
            driver.verifyConnectivityAsync().toCompletableFuture().get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            response.withData("neo4j", "reachable");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            up = false;
            response.withData("neo4j", "unreachable: " + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
        }
        try {
            GraphChangeStore.PendingSummary pending = store.summary();
            response.withData("pendingChanges", pending.count()).withData("lagSeconds", pending.oldest().toSeconds());
            if (pending.oldest().compareTo(maxLag) > 0) {
                up = false;
            }
        } catch (RuntimeException e) {
            up = false;
            response.withData("postgres", "unreadable: " + e.getMessage());
        }
        response.withData("projector", !loop.enabled() ? "disabled" : loop.failing() ? "failing" : "running");
        return response.status(up).build();
    }
}
